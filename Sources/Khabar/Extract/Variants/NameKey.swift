import KhabarText

/// A phonetic skeleton of an Arabic (or Persian-lettered) name, for merging transliteration variants
/// of foreign names: بوتين/بوتن, جونغ/جونج, شويغو/شويجو, فوستوتشني/فوستوشني all get one key.
///
/// Built per name token after the matching normalisation (which folds ک→ك, ی→ي, گ→ك, پ→ب, alef forms):
/// leading titles (الرئيس، السيد، وزير …) are dropped, then each token becomes ASCII class symbols:
/// - consonants that render the same foreign sound share a symbol: غ ج ق ك → K (g/j/k/q), ت ط ث → T,
///   س ص → S, د ض → D, ذ ز ظ → Z, ح ه → H;
/// - the long vowels ا و ي (and ء ؤ ئ ع ى ة) are dropped inside a word, since writers add or omit them
///   freely (بوتين/بوتن); a word-initial vowel becomes `A`, a word-final vowel `V`;
/// - digraphs for one foreign sound fold: تش → ش (ch), ته/ده/كه → the first letter (th, dh, kh);
/// - doubled letters collapse (تيمم/تيم); a leading ال is dropped from words longer than three letters.
/// Latin letters and digits are kept lower-cased, so "KCNA" and "kcna" share a key.
public struct NameKey: Hashable, Sendable {
    /// One skeleton per kept name token, in order (ASCII bytes).
    public let tokens: [[UInt8]]
    /// Per token: whether it was written with ال (dropped from the skeleton). A bare short form
    /// (كوريا) should not be read as the adjective in another name (الكورية); see `NameMerger`.
    let hadArticle: [Bool]
    /// Per kept token, its letters after the matching normalisation, without a dropped ال.
    let spellings: [[Unicode.Scalar]]

    /// Keys compare by skeleton only: الكرملين and كرملين are one key.
    public static func == (lhs: NameKey, rhs: NameKey) -> Bool { lhs.tokens == rhs.tokens }
    public func hash(into hasher: inout Hasher) { hasher.combine(tokens) }

    public init(_ name: String) {
        let normalized = ArabicNormalizer.normalize(name, .matching)
        let words = NameKey.splitWords(normalized)
        var kept: [[UInt8]] = []
        var articles: [Bool] = []
        var letters: [[Unicode.Scalar]] = []
        for word in NameKey.droppingTitles(words) {
            let skeleton = NameKey.skeleton(of: word)
            if !skeleton.isEmpty {
                kept.append(skeleton)
                let article = NameKey.stripsArticle(word)
                articles.append(article)
                letters.append(article ? Array(word.dropFirst(2)) : word)
            }
        }
        tokens = kept
        hadArticle = articles
        spellings = letters
    }

    /// The tokens' skeletons joined by spaces, e.g. "KM KNK AN" for كيم جونغ أون.
    public var key: String { tokens.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") }

    /// The skeletons run together, for comparing one-word and two-word spellings (بيونغيانغ/بيونغ يانغ).
    public var joined: [UInt8] { tokens.flatMap { $0 } }

    public var isEmpty: Bool { tokens.isEmpty }

    // MARK: - Words and titles

    /// Splits on anything that is not a letter or digit (spaces, hyphens, dots, quotes).
    static func splitWords(_ text: String) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Drops leading title words; once a title was dropped, the definite words that qualify it
    /// (الروسي، الخارجية، باسم الكرملين …) go too, so "وزير الخارجية الروسي سيرغي لافروف" keys as
    /// "سيرغي لافروف". A name that starts with ال and has no title before it (الكرملين) is kept.
    /// At least one word is always kept, so a bare title ("الرئيس") still has a key.
    static func droppingTitles(_ words: [[Unicode.Scalar]]) -> ArraySlice<[Unicode.Scalar]> {
        var start = 0
        var droppedTitle = false
        while start < words.count - 1 {
            let word = String(String.UnicodeScalarView(words[start]))
            if NameTitles.words.contains(word) {
                droppedTitle = true
            } else if droppedTitle, word.hasPrefix("ال") || NameTitles.linkWords.contains(word) {
                // a qualifier of the title, not part of the name
            } else if droppedTitle, start + 2 < words.count, !NameTitles.nameJoiners.contains(word),
                      String(String.UnicodeScalarView(words[start + 1])).hasPrefix("ال") {
                // a noun with its definite adjective after a title names the place or body the title
                // belongs to: "زعيم كوريا الشمالية كيم جونغ أون", "رئيس وزراء اليابان فوميو كيشيدا".
                // Not "عبد الفتاح": عبد, أبو, بن start compound names.
                start += 2
                continue
            } else {
                break
            }
            start += 1
        }
        return words[start...]
    }

    // MARK: - Skeleton

    /// Whether the word starts with ال that the skeleton drops: only on longer words (الكرملين/كرملين),
    /// since in short ones (الف، الا) it may be part of the name.
    static func stripsArticle(_ word: [Unicode.Scalar]) -> Bool {
        word.count > 4 && word[0] == "\u{0627}" && word[1] == "\u{0644}"
    }

    /// The class symbols of one word (see the type's comment). Latin words are lower-cased as they are.
    static func skeleton(of word: [Unicode.Scalar]) -> [UInt8] {
        var letters = word[...]
        if stripsArticle(word) { letters = letters.dropFirst(2) }
        var out: [UInt8] = []
        out.reserveCapacity(letters.count)
        // Doubled letters collapse only when adjacent in writing, so ماما keeps both M's.
        var previousLetterSymbol: UInt8 = 0
        let first = letters.startIndex
        let last = letters.endIndex - 1
        for index in letters.indices {
            let scalar = letters[index]
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                let lowered = (byte >= 65 && byte <= 90) ? byte + 32 : byte
                if lowered != previousLetterSymbol { out.append(lowered) }
                previousLetterSymbol = lowered
                continue
            }
            var symbol = NameKey.consonantSymbol(value)
            if symbol == 0 {
                // A vowel carrier: marks the start or end of the word, vanishes inside it.
                if index == first {
                    if value == 0x0648 || value == 0x064A { previousLetterSymbol = 0; continue } // و ي: w/y glides
                    symbol = UInt8(ascii: "A")
                } else if index == last {
                    symbol = UInt8(ascii: "V")
                } else {
                    previousLetterSymbol = 0
                    continue
                }
            } else if symbol == UInt8(ascii: "H"), index != first {
                // ه closing a word is a vowel (رينيه); after ت د ك it spells th/dh/kh (ماتهيسون).
                if index == last && value == 0x0647 { symbol = UInt8(ascii: "V") }
                else if value == 0x0647, previousLetterSymbol == UInt8(ascii: "T") || previousLetterSymbol == UInt8(ascii: "D")
                            || previousLetterSymbol == UInt8(ascii: "K") {
                    continue
                }
            } else if symbol == UInt8(ascii: "C"), previousLetterSymbol == UInt8(ascii: "T"), let lastOut = out.last,
                      lastOut == UInt8(ascii: "T") {
                // تش is "ch" as ش is: فوستوتشني/فوستوشني.
                out.removeLast()
                previousLetterSymbol = out.last ?? 0
            }
            if symbol != previousLetterSymbol { out.append(symbol) }
            previousLetterSymbol = symbol
        }
        return out
    }

    /// The class symbol of an Arabic consonant after matching normalisation, or 0 for a vowel carrier
    /// (ا و ي ى ة ء ؤ ئ ع) and anything unknown.
    @inline(__always)
    static func consonantSymbol(_ value: UInt32) -> UInt8 {
        guard value >= 0x0621, value <= 0x064A else { return 0 }
        return consonantTable[Int(value - 0x0621)]
    }

    /// U+0621 … U+064A → symbol. Letters that stand for one foreign sound share a symbol.
    static let consonantTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x064A - 0x0621 + 1)
        func set(_ letters: String, _ symbol: Character) {
            for scalar in letters.unicodeScalars { table[Int(scalar.value - 0x0621)] = symbol.asciiValue! }
        }
        set("ب", "B"); set("تطث", "T"); set("جغقك", "K"); set("حه", "H"); set("خ", "X")
        set("دض", "D"); set("ذزظ", "Z"); set("ر", "R"); set("سص", "S"); set("ش", "C")
        set("ف", "F"); set("ل", "L"); set("م", "M"); set("ن", "N")
        return table
    }()
}

/// Hand-written words that precede a name without being part of it.
enum NameTitles {
    /// Titles and roles, with and without ال (normalised: ه for ة, ا for أ/إ).
    static let words: Set<String> = {
        let list = """
            الرئيس رئيس السيد السيده سيد سيده الزعيم زعيم وزير الوزير وزيره الوزيره المتحدث متحدث المتحدثه \
            الناطق ناطق الملك ملك الملكه الامير امير الاميره الشيخ شيخ الجنرال جنرال اللواء لواء العقيد عقيد \
            المشير الدكتور د دكتور الاستاذ استاذ السفير سفير المستشار مستشار النائب نائب الحاكم حاكم الامين امين \
            القائد قائد المرشد مرشد البابا الرئيسه رئيسه الزعيمه المبعوث مبعوث مدير المدير الجنرالات \
            مدينه المدينه العاصمه عاصمه قاعده القاعده مطار المطار ميناء الميناء
            """
        return Set(list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }()

    /// Words that open a compound Arabic name with an ال word after them (عبد الفتاح، أبو الغيط).
    static let nameJoiners: Set<String> = ["عبد", "ابو", "ابي", "ابا", "بن", "ابن", "بنت", "ام", "ذو", "نور", "سيف", "صلاح", "جمال", "عز", "علاء", "سعد", "شمس", "بدر", "تاج"]

    /// Words that link a title to its qualifiers ("المتحدث باسم الكرملين", "الأمين العام").
    static let linkWords: Set<String> = ["باسم", "عام", "العام", "شؤون", "لشؤون", "دوله", "لدى", "لدي"]
}
