import KhabarText

/// The hashed forms of one token that entity features are built from. Computed from the token's
/// matching-normalised UTF-8 without building Strings (hashing bytes is the hot path).
struct EntityWordForms {
    var word: UInt64 = 0
    var stem: UInt64 = 0
    /// The word without the clitics و ف ب ل ك and the article ال (والقاهرة → قاهره).
    var stripped: UInt64 = 0
    var prefixes: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var suffixes: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var shape: UInt64 = 0
    /// Sentence-final punctuation (. ! ؟ ?): where sentences are split when the input does not say.
    var endsSentence = false

    /// The options every entity form is normalised with (and the gazetteer keys too).
    static let options: NormalizationOptions = .matching

    /// Fills the forms of the normalised word `w`.
    init(normalized w: UnsafeBufferPointer<UInt8>) {
        word = TermHash.hash(w)
        stem = TermHash.hash(UnsafeBufferPointer(rebasing: w[LightStemmer.stemRange(w)]))
        stripped = TermHash.hash(UnsafeBufferPointer(rebasing: w[EntityWordForms.strippedRange(w)]))

        // Scalar starts of the second to fourth letters and of the last three give the 1–3 letter
        // affixes. Kept in locals, not arrays: this runs for every token.
        var letters = 0
        var second = 0, third = 0, fourth = 0
        var last = 0, secondLast = 0, thirdLast = 0
        for i in 0..<w.count where w[i] & 0xC0 != 0x80 {
            letters += 1
            switch letters {
            case 2: second = i
            case 3: third = i
            case 4: fourth = i
            default: break
            }
            thirdLast = secondLast
            secondLast = last
            last = i
        }
        func slice(_ range: Range<Int>) -> UInt64 { TermHash.hash(UnsafeBufferPointer(rebasing: w[range])) }
        // Shorter words than the affix get no affix of that length (0 = absent).
        if letters >= 2 {
            prefixes.0 = slice(0..<second)
            suffixes.0 = slice(last..<w.count)
        }
        if letters >= 3 {
            prefixes.1 = slice(0..<third)
            suffixes.1 = slice(secondLast..<w.count)
        }
        if letters >= 4 {
            prefixes.2 = slice(0..<fourth)
            suffixes.2 = slice(thirdLast..<w.count)
        }

        shape = EntityWordForms.shapeCode(w, letters: letters)
        endsSentence = w.count == 1 && (w[0] == 0x2E || w[0] == 0x21 || w[0] == 0x3F)
            || (w.count == 2 && w[0] == 0xD8 && w[1] == 0x9F) // ؟
    }

    /// A small code for the word's look: scripts, digits, capital, punctuation, length bucket.
    static func shapeCode(_ w: UnsafeBufferPointer<UInt8>, letters: Int) -> UInt64 {
        var arabic = false, latin = false, upper = false, digit = false, other = false
        for b in w {
            switch b {
            case 0x30...0x39: digit = true
            case 0x41...0x5A: latin = true; upper = true
            case 0x61...0x7A: latin = true
            case 0xD8...0xDB: arabic = true
            case 0x80...0xBF: break
            default: other = true
            }
        }
        let length: UInt64 = letters <= 1 ? 0 : letters <= 2 ? 1 : letters <= 3 ? 2 : letters <= 5 ? 3 : letters <= 8 ? 4 : 5
        var code: UInt64 = length
        if arabic { code |= 1 << 3 }
        if latin { code |= 1 << 4 }
        if upper { code |= 1 << 5 }
        if digit { code |= 1 << 6 }
        if other { code |= 1 << 7 }
        return code &+ 0x5348_4150_4500_0000 // "SHAPE": keeps codes away from word hashes
    }

    // UTF-8 of the clitic letters after matching normalisation.
    private static let waw: (UInt8, UInt8) = (0xD9, 0x88)      // و
    private static let fa: (UInt8, UInt8) = (0xD9, 0x81)       // ف
    private static let ba: (UInt8, UInt8) = (0xD8, 0xA8)       // ب
    private static let lam: (UInt8, UInt8) = (0xD9, 0x84)      // ل
    private static let kaf: (UInt8, UInt8) = (0xD9, 0x83)      // ك
    private static let alef: (UInt8, UInt8) = (0xD8, 0xA7)     // ا

    /// The byte range left after stripping و/ف, then ب/ل/ك, then ال (or the ل of "لل"), keeping at
    /// least three letters: a proper noun's first letter is often one of these (بغداد, لبنان).
    static func strippedRange(_ w: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        // Arabic letters are two bytes here; a non-Arabic word has nothing to strip.
        func letter(_ at: Int) -> (UInt8, UInt8)? { at + 1 < w.count ? (w[at], w[at + 1]) : nil }
        func lettersLeft() -> Int { (w.count - start) / 2 }
        func isLetter(_ at: Int, _ l: (UInt8, UInt8)) -> Bool { letter(at).map { $0 == l } ?? false }
        if (isLetter(start, waw) || isLetter(start, fa)) && lettersLeft() > 4 { start += 2 }
        if (isLetter(start, ba) || isLetter(start, kaf)) && lettersLeft() > 4 { start += 2 }
        if isLetter(start, lam) && isLetter(start + 2, lam) && lettersLeft() > 4 {
            start += 4 // لل = ل + ال
        } else {
            if isLetter(start, lam) && !isLetter(start + 2, alef) && lettersLeft() > 4 { start += 2 }
            if isLetter(start, alef) && isLetter(start + 2, lam) && lettersLeft() > 4 { start += 4 }
        }
        return start..<w.count
    }
}

/// Hand-written cue words before a name: titles (الرئيس، وزير…), organisation and place heads
/// (شركة، وكالة، مدينة…). The corpus teaches the frequent ones; the list helps with the rare ones.
enum EntityTriggers {
    static let person = [
        "الرئيس", "رئيس", "وزير", "الوزير", "الزعيم", "زعيم", "المتحدث", "الناطق", "السيد", "السيده",
        "الشيخ", "الملك", "الملكه", "الامير", "الاميره", "ولي", "الدكتور", "د", "المستشار", "النائب", "السفير",
        "المدير", "مدير", "الجنرال", "العقيد", "اللواء", "العميد", "الفريق", "المشير", "الامين", "امين",
        "المبعوث", "المفوض", "القاضي", "المحامي", "الكاتب", "الشاعر", "الفنان", "المطرب", "المخرج", "اللاعب",
        "المدرب", "البابا", "الاب", "الحاخام", "الامام", "الاستاذ", "المهندس", "الرئيسه", "نائب", "قائد",
        "القائد", "المرشد", "رئيسه", "وزيره", "الوزيره", "المرشح", "السناتور", "النجم", "قال", "اكد", "اضاف",
    ]
    static let organisation = [
        "شركه", "الشركه", "وكاله", "وكالة", "حزب", "منظمه", "جامعه", "بنك", "مجلس", "حركه", "صحيفه", "اتحاد",
        "مؤسسه", "جمعيه", "هيئه", "مجموعه", "نادي", "فريق", "قناه", "اذاعه", "مجله", "جريده", "محكمه", "وزاره",
        "مصرف", "معهد", "مركز", "مكتب", "لجنه", "جبهه", "جيش", "تنظيم", "صندوق", "برنامج", "منتدي",
    ]
    static let location = [
        "مدينه", "دوله", "عاصمه", "ولايه", "مقاطعه", "جزيره", "جزر", "نهر", "بحر", "اقليم", "منطقه", "بلده",
        "قريه", "محافظه", "جمهوريه", "مملكه", "اماره", "جبل", "جبال", "صحراء", "مخيم", "حي", "شارع", "ميناء",
        "مطار", "بحيره", "خليج", "شمال", "جنوب", "شرق", "غرب", "وسط", "في", "الي", "من",
    ]

    /// Cue class per hashed normalised word (1 person, 2 organisation, 3 place).
    static let table: TermTable<UInt8> = {
        var table = TermTable<UInt8>(minimumCapacity: 256)
        for (words, cue) in [(person, UInt8(1)), (organisation, 2), (location, 3)] {
            for word in words {
                let key = TermHash.hash(ArabicNormalizer.normalize(word, EntityWordForms.options))
                if table[key] == nil { table[key] = cue }
            }
        }
        return table
    }()
}
