/// The possible cores of an Arabic word: the word with each plausible split of clitics and affixes
/// taken off, for matching inflected forms of one word when the light stemmer, which strips only
/// what is certain, leaves them apart ("بلقائك" ~ "للقاء", "سيناقشان" ~ "سنناقش").
///
/// Input is a matching-normalised word. Every combination of an optional conjunction (و ف), an
/// optional preposition or article (ب ل ك ال بال لل …), an optional future س and imperfect prefix
/// (ي ت ن ا), and an optional pronoun or number suffix is tried; cores shorter than three letters
/// are dropped. Hamza seats (ء ئ ؤ) count as one letter, so "لقائ" and "لقاء" meet. Two words
/// match when their core sets meet. Over-generation is the price: use it on short texts, next
/// to other evidence.
public enum WordCores {
    static let conjunctions: [[Unicode.Scalar]] = [[], ["و"], ["ف"]]
    static let particles: [[Unicode.Scalar]] = [[], ["ب"], ["ل"], ["ك"], ["ا", "ل"], ["ب", "ا", "ل"], ["ك", "ا", "ل"], ["ل", "ل"]]
    static let verbPrefixes: [[Unicode.Scalar]] = [[], ["ي"], ["ت"], ["ن"], ["ا"], ["س", "ي"], ["س", "ت"], ["س", "ن"], ["س", "ا"]]
    static let suffixes: [[Unicode.Scalar]] = [[], ["ه"], ["ك"], ["ي"], ["ة"], ["ه", "ا"], ["ه", "م"], ["ك", "م"], ["ن", "ا"],
                                               ["ا", "ن"], ["و", "ن"], ["ي", "ن"], ["ا", "ت"], ["ه", "م", "ا"], ["و", "ا"]]

    public static func cores(of word: String) -> Set<String> {
        var result = Set<String>()
        forEachCore(of: word) { core in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: core)
            result.insert(String(s))
        }
        return result
    }

    /// Every split of `word` into clitics, affixes and a core of three letters or more: the core's
    /// letters (hamza seats folded), once per split (a core may come out of several).
    static func forEachCore(of word: String, _ body: (ArraySlice<Unicode.Scalar>) -> Void) {
        let letters = word.unicodeScalars.map(foldHamza)
        for conjunction in conjunctions where hasPrefix(letters[...], conjunction) {
            let afterConjunction = letters.dropFirst(conjunction.count)
            for prefix in particles + verbPrefixes.dropFirst() where hasPrefix(afterConjunction, prefix) {
                let stem = afterConjunction.dropFirst(prefix.count)
                for suffix in suffixes where hasSuffix(stem, suffix) {
                    let core = stem.dropLast(suffix.count)
                    if core.count >= 3 { body(core) }
                }
            }
        }
    }

    /// Whether two words share a core.
    public static func match(_ a: Set<String>, _ b: Set<String>) -> Bool { !a.isDisjoint(with: b) }

    /// The cores as sorted 64-bit hashes (FNV-1a over UTF-8): comparing these is many times faster
    /// than comparing sets of non-ASCII Strings, whose hashing normalises Unicode first.
    public static func coreKeys(of word: String) -> [UInt64] {
        // Hashed straight from the letters: no String per core.
        var keys: [UInt64] = []
        forEachCore(of: word) { core in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for scalar in core {
                UTF8.encode(scalar) { byte in h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            }
            keys.append(h)
        }
        keys.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(keys.count)
        for key in keys where unique.last != key { unique.append(key) }
        return unique
    }

    /// Whether two sorted key lists share a key.
    public static func match(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    static func foldHamza(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s {
        case "ئ", "ؤ": "ء"
        default: s
        }
    }

    static func hasPrefix(_ word: some Collection<Unicode.Scalar>, _ prefix: [Unicode.Scalar]) -> Bool {
        word.count > prefix.count && word.starts(with: prefix)
    }

    static func hasSuffix(_ word: some BidirectionalCollection<Unicode.Scalar>, _ suffix: [Unicode.Scalar]) -> Bool {
        word.count > suffix.count && word.reversed().starts(with: suffix.reversed())
    }
}
