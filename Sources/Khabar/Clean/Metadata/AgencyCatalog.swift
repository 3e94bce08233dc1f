import KhabarText

/// News agencies and how Arabic outlets name them. Each agency has one canonical name (the one
/// Arabic outlets use most) and the variants seen in credits: abbreviations, Latin names, "وكالة X".
enum AgencyCatalog {
    struct Agency {
        let name: String
        /// Variants recognised anywhere in kept text.
        let strong: [String]
        /// Short or ambiguous variants (a city, a common word) recognised only in credit context.
        let weak: [String]
    }

    static let agencies: [Agency] = [
        Agency(name: "رويترز", strong: ["رويترز", "رويتر", "Reuters"], weak: []),
        Agency(name: "فرانس برس", strong: ["فرانس برس", "فرانس بريس", "أ ف ب", "أ.ف.ب", "ا ف ب", "AFP"], weak: ["الفرنسية", "الوكالة الفرنسية"]),
        Agency(name: "أسوشيتد برس", strong: ["أسوشيتد برس", "اسوشيتد برس", "أسوشيتيد برس", "أسوشييتد برس", "Associated Press"], weak: ["أ ب", "AP"]),
        Agency(name: "سبوتنيك", strong: ["سبوتنيك", "Sputnik"], weak: []),
        Agency(name: "RT", strong: ["روسيا اليوم", "آر تي"], weak: ["RT"]),
        Agency(name: "وام", strong: ["وكالة أنباء الإمارات"], weak: ["وام", "WAM"]),
        Agency(name: "واس", strong: ["وكالة الأنباء السعودية"], weak: ["واس", "SPA"]),
        Agency(name: "الأناضول", strong: ["الأناضول", "Anadolu"], weak: []),
        Agency(name: "د ب أ", strong: ["د ب أ", "د.ب.أ", "DPA"], weak: ["الألمانية", "الوكالة الألمانية"]),
        Agency(name: "شينخوا", strong: ["شينخوا", "شينخو", "Xinhua"], weak: []),
        Agency(name: "كونا", strong: ["وكالة الأنباء الكويتية"], weak: ["كونا", "KUNA"]),
        Agency(name: "قنا", strong: ["وكالة الأنباء القطرية"], weak: ["قنا", "QNA"]),
        Agency(name: "بنا", strong: ["وكالة أنباء البحرين"], weak: ["بنا", "BNA"]),
        Agency(name: "بترا", strong: ["وكالة الأنباء الأردنية"], weak: ["بترا", "Petra"]),
        Agency(name: "سانا", strong: ["الوكالة العربية السورية للأنباء"], weak: ["سانا", "SANA"]),
        Agency(name: "أ ش أ", strong: ["وكالة أنباء الشرق الأوسط", "أ ش أ", "أ.ش.أ"], weak: ["MENA"]),
        Agency(name: "العمانية", strong: ["وكالة الأنباء العمانية"], weak: ["العمانية", "ONA"]),
        Agency(name: "واج", strong: ["وكالة الأنباء الجزائرية"], weak: ["واج", "APS"]),
        Agency(name: "ومع", strong: ["وكالة المغرب العربي للأنباء"], weak: ["ومع", "MAP"]),
        Agency(name: "وات", strong: ["وكالة تونس أفريقيا للأنباء"], weak: ["وات", "TAP"]),
        Agency(name: "تاس", strong: ["تاس", "TASS"], weak: []),
        Agency(name: "ريا نوفوستي", strong: ["ريا نوفوستي", "نوفوستي", "RIA Novosti"], weak: ["ريا", "RIA"]),
        Agency(name: "إنترفاكس", strong: ["إنترفاكس", "انترفاكس", "Interfax"], weak: []),
        Agency(name: "إرنا", strong: ["إرنا", "ارنا", "IRNA"], weak: []),
        Agency(name: "يونهاب", strong: ["يونهاب", "Yonhap"], weak: []),
        Agency(name: "كيودو", strong: ["كيودو", "Kyodo"], weak: []),
        Agency(name: "وكالة الأنباء المركزية الكورية", strong: ["وكالة الأنباء المركزية الكورية الشمالية", "وكالة الأنباء المركزية الكورية", "KCNA"], weak: []),
        Agency(name: "إفي", strong: ["EFE"], weak: ["إفي", "افي"]),
        Agency(name: "بلومبرغ", strong: ["بلومبرغ", "بلومبيرغ", "بلومبرج", "Bloomberg"], weak: []),
        Agency(name: "أكي", strong: ["آكي", "AKI"], weak: []),
    ]

    /// Words that put a following name in credit context ("وفقا لوكالة X", "بحسب X", "(X)").
    static let creditContext: Set<String> = Set(JunkLexicon.keys([
        "وكالة", "وكالات", "لوكالة", "بحسب", "حسب", "وبحسب", "وحسب", "وفق", "وفقا", "ووفقا", "نقلا", "نقلت",
        "نقلته", "نقلتها", "ذكرت", "أفادت", "أوردت", "المصدر", "مصدر", "لـ", "ل", "عن", "و", "according", "via",
    ]))

    struct Pattern { let words: [String]; let agency: String; let weak: Bool }

    static let patterns: [Pattern] = agencies.flatMap { a in
        a.strong.map { Pattern(words: words($0), agency: a.name, weak: false) }
            + a.weak.map { Pattern(words: words($0), agency: a.name, weak: true) }
    }.sorted { $0.words.count > $1.words.count }

    /// Patterns by their first word, longest first, so a scan looks up each token once.
    /// Keyed by the word's UTF-8 bytes: lookups run for every token of every body.
    static let patternsByFirstWord: [[UInt8]: [Pattern]] = Dictionary(grouping: patterns.filter { !$0.words.isEmpty }, by: { Array($0.words[0].utf8) })

    /// Rules out most words before the dictionary lookup, which needs a key built for it.
    static let firstWordFilter = ByteWordFilter(patternsByFirstWord.keys)

    static func words(_ s: String) -> [String] {
        // "أ.ف.ب" gives the words "ا ف ب": punctuation is never part of a word token.
        Tokenizer.words(s)
    }

    /// Agencies named in `text`. With `creditLine` true (a credit, byline or caption line) every
    /// variant counts; otherwise weak variants need a credit word or a bracket just before them.
    static func agencies(in text: String, creditLine: Bool) -> [String] {
        let words = WordBuffer(text)
        return agencies(in: words, indices: Array(0..<words.count),
                        bracketed: text.unicodeScalars.contains { $0 == "(" || $0 == "«" || $0 == "\"" }, creditLine: creditLine)
    }

    /// The same over words already tokenised (the cleaner has them for every line): `indices` lists,
    /// in order, the words of `buffer` to scan.
    static func agencies(in buffer: WordBuffer, indices: [Int], bracketed: Bool, creditLine: Bool) -> [String] {
        guard !indices.isEmpty else { return [] }
        let filter = firstWordFilter
        var found: [String] = []
        var i = 0
        while i < indices.count {
            let candidates = buffer.withWord(indices[i]) { word in
                filter.mayContain(word) ? patternsByFirstWord[Array(word)] : nil
            }
            var matched = false
            for p in candidates ?? [] where i + p.words.count <= indices.count {
                guard p.words.indices.allSatisfy({ k in sameWord(buffer, indices[i + k], p.words[k]) }) else { continue }
                if !p.weak || creditLine || (max(0, i - 2)..<i).contains(where: { creditContext.contains(buffer.string(indices[$0])) })
                    || (bracketed && indices.count <= 3) {
                    if !found.contains(p.agency) { found.append(p.agency) }
                }
                i += p.words.count
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        return found
    }

    /// Word `k` of `buffer` equals `word` as a String.
    static func sameWord(_ buffer: WordBuffer, _ k: Int, _ word: String) -> Bool {
        buffer.withWord(k) { TextEquality.equal($0, word) }
    }

    /// The canonical agency when the whole of `name` is an agency ("رويترز", "أ ف ب"), else nil.
    static func agency(named name: String) -> String? {
        let w = words(name)
        let stripped = w.first == ArabicNormalizer.normalize("وكالة", .matching) ? Array(w.dropFirst()) : w
        return patterns.first { $0.words == stripped || $0.words == w }?.agency
    }
}

/// A 4,096-bit Bloom-style filter over a set of words: false means the word is surely not in the set.
/// It looks at a word's length and its first and last two bytes only, so the test costs the same
/// for every word.
struct ByteWordFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 64)

    init<Words: Sequence<[UInt8]>>(_ words: Words) {
        for word in words {
            let slot = word.withUnsafeBufferPointer(Self.slot)
            bits[slot >> 6] |= 1 << UInt64(slot & 63)
        }
    }

    @inline(__always)
    func mayContain(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let slot = Self.slot(word)
        return bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    @inline(__always)
    static func slot(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let n = word.count
        guard n >= 2 else { return n == 1 ? Int(word[0]) : 0 }
        let key = UInt64(n) | UInt64(word[0]) << 8 | UInt64(word[1]) << 16 | UInt64(word[n - 2]) << 24 | UInt64(word[n - 1]) << 32
        return Int((key &* 0x9E37_79B9_7F4A_7C15) >> 52) // the top 12 bits
    }
}
