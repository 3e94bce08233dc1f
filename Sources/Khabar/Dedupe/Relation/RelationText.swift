import KhabarText

/// One side of a pair, analysed once (callers comparing one text with many can keep it and call
/// `RelationJudge.judge(_:_:)` on analysed texts): its content words (stems, skeletons, lexicon cues) in order,
/// plus the cues that are not words of their own (negation particles, numbers, a question mark).
///
/// Everything is kept as 16-bit scalars in flat buffers and hashed, so that comparing two long
/// articles costs a few hash lookups per word rather than String comparisons.
public struct RelationText: Sendable {
    /// One content word (stop words, connectives and negation particles are left out).
    struct Word: Sendable {
        /// Index of the word among all word tokens of the text (stop words included): its position.
        var position: Int
        var stem: Range<Int>            // in `stemLetters`
        var skeleton: Range<Int>        // in `skeletonLetters`
        var stemHash: UInt64
        var skeletonHash: UInt64
        var variants: StemVariants
        var pole: RelationLexicon.Pole?
        var place: UInt16?
        var isNumber: Bool
        var isTime: Bool
    }

    private(set) var words: [Word] = []
    /// How many content words the text has.
    public var contentWordCount: Int { words.count }
    private(set) var stemLetters: [UInt16] = []
    private(set) var skeletonLetters: [UInt16] = []
    /// Negation particles (لا، لم، لن، ليس، غير، عدم…) anywhere in the text.
    private(set) var negations = 0
    private(set) var isQuestion = false
    private(set) var hasModality = false
    /// Numbers as values: digits in any script, number words; scale words (ألف، مليون…) as −scale.
    private(set) var numbers: [Double] = []
    private var lastWordWasNegation = false
    /// Hash of every normalised word in order: equal for texts that differ only in spelling.
    private(set) var sequenceHash: UInt64 = ScalarHash.seed

    public init(_ text: String) {
        var normalized = ArabicNormalizer.normalize(text, Tokenizer.wordOptions)
        normalized.withUTF8 { bytes in analyse(bytes) }
    }

    func stem(_ word: Word) -> ArraySlice<UInt16> { stemLetters[word.stem] }
    func skeleton(_ word: Word) -> ArraySlice<UInt16> { skeletonLetters[word.skeleton] }
    func skeletonString(_ word: Word) -> String {
        String(decoding: skeleton(word).map { $0 }, as: UTF16.self)
    }

    private mutating func analyse(_ bytes: UnsafeBufferPointer<UInt8>) {
        var scratch: [UInt16] = []
        scratch.reserveCapacity(32)
        var position = 0
        Tokenizer.forEachToken(in: bytes) { kind, range in
            switch kind {
            case .punctuation:
                // "?" or "؟" (U+061F, D8 9F)
                if bytes[range.lowerBound] == 0x3F
                    || (range.count == 2 && bytes[range.lowerBound] == 0xD8 && bytes[range.lowerBound + 1] == 0x9F) {
                    isQuestion = true
                }
            case .symbol:
                break
            case .arabic, .latin, .number:
                let word = UnsafeBufferPointer(rebasing: bytes[range])
                addWord(word, isDigits: kind == .number, position: position, scratch: &scratch)
                position += 1
            }
        }
    }

    private mutating func addWord(_ word: UnsafeBufferPointer<UInt8>, isDigits: Bool, position: Int,
                                  scratch: inout [UInt16]) {
        decodeScalars(word, into: &scratch)
        let wordHash = ScalarHash.of(scratch)
        sequenceHash = (sequenceHash ^ wordHash) &* 0x0000_0100_0000_01B3
        let wordCues = RelationLexicon.words[wordHash]
        if wordCues?.isStill == true {
            if lastWordWasNegation { negations -= 1 } // "لا يزال" = "still": the particle negated nothing
            lastWordWasNegation = false
            return
        }
        lastWordWasNegation = wordCues?.isNegation == true
        if lastWordWasNegation {
            negations += 1
            return
        }
        if isDigits, let value = Self.numberValue(word) { numbers.append(value) }
        let spelledNumber = isDigits ? nil : wordCues?.number ?? Self.prefixedNumberValue(scratch)
        if let spelledNumber { numbers.append(spelledNumber) }

        // The light stem, then its variants without a clitic or imperfect prefix.
        let stemStart = stemLetters.count
        decodeScalars(UnsafeBufferPointer(rebasing: word[LightStemmer.stemRange(word)]), into: &scratch)
        stemLetters.append(contentsOf: scratch)
        let stem = stemStart..<stemLetters.count
        let variants = StemVariants(scratch)
        let cues = variants.cues()
        if cues.isModality { hasModality = true }

        let isCue = cues.pole != nil || cues.place != nil || cues.isTime || spelledNumber != nil || isDigits
        if !isCue && (scratch.count < 2 || wordCues?.isFunctionWord == true) {
            return // a function word, or a stray letter ("ب" cut from "بـ")
        }

        let skeletonStart = skeletonLetters.count
        Skeleton.append(of: scratch, to: &skeletonLetters)
        let skeleton = skeletonStart..<skeletonLetters.count
        words.append(Word(position: position, stem: stem, skeleton: skeleton,
                          stemHash: variants.hashes.0, skeletonHash: ScalarHash.of(skeletonLetters[skeleton]),
                          variants: variants, pole: cues.pole, place: cues.place,
                          isNumber: isDigits || spelledNumber != nil, isTime: cues.isTime))
    }

    /// ASCII digits with "," thousands or "." decimals (the tokenizer keeps only these inside numbers).
    static func numberValue(_ word: UnsafeBufferPointer<UInt8>) -> Double? {
        var digits: [UInt8] = []
        digits.reserveCapacity(word.count)
        for b in word where b != UInt8(ascii: ",") { digits.append(b) }
        return Double(String(decoding: digits, as: UTF8.self))
    }

    /// A spelled-out number behind a prefix ("والخمسين", "بمليون"); scale words as negative values.
    static func prefixedNumberValue(_ scalars: [UInt16]) -> Double? {
        for prefix in Self.numberPrefixes where scalars.count > prefix.count + 1 && scalars.starts(with: prefix) {
            if let value = RelationLexicon.words[ScalarHash.of(scalars[prefix.count...])]?.number { return value }
        }
        return nil
    }

    private static let numberPrefixes: [[UInt16]] = ["وال", "ال", "و", "ب", "ل"].map { Array($0.utf16) }
}

/// A stem and the forms it may take without a leading clitic (ب ل ك ف) or imperfect prefix (ي ت ن ا):
/// "بارتفاع" and "ارتفاع", "ينفي" and "نفي" share a variant. At most four hashes, first = the stem.
struct StemVariants: Sendable {
    private(set) var hashes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private(set) var count = 0

    init(_ stem: [UInt16]) {
        add(ScalarHash.of(stem))
        let clitic = stem.count >= 4 && Letters.isClitic(stem[0])
        if clitic { add(ScalarHash.of(stem[1...])) }
        if stem.count >= 4 && Letters.isImperfectPrefix(stem[0]) { add(ScalarHash.of(stem[1...])) }
        if clitic && stem.count >= 5 && Letters.isImperfectPrefix(stem[1]) { add(ScalarHash.of(stem[2...])) }
    }

    private mutating func add(_ hash: UInt64) {
        switch count {
        case 0: hashes.0 = hash
        case 1: hashes.1 = hash
        case 2: hashes.2 = hash
        default: hashes.3 = hash
        }
        count += 1
    }

    subscript(_ index: Int) -> UInt64 {
        switch index {
        case 0: return hashes.0
        case 1: return hashes.1
        case 2: return hashes.2
        default: return hashes.3
        }
    }

    func contains(_ hash: UInt64) -> Bool {
        for k in 0..<count where self[k] == hash { return true }
        return false
    }

    func intersects(_ other: StemVariants) -> Bool {
        for k in 0..<count where other.contains(self[k]) { return true }
        return false
    }

    /// The lexicon's cues for the first variant that has each (pole, place), or any (time, modality).
    func cues() -> RelationLexicon.StemCues {
        var merged = RelationLexicon.StemCues()
        for k in 0..<count {
            guard let cues = RelationLexicon.stems[self[k]] else { continue }
            if merged.pole == nil { merged.pole = cues.pole }
            if merged.place == nil { merged.place = cues.place }
            merged.isTime = merged.isTime || cues.isTime
            merged.isModality = merged.isModality || cues.isModality
        }
        return merged
    }
}

/// The letters the affix rules test (matching-normalised forms).
enum Letters {
    static let alef: UInt16 = 0x0627, ba: UInt16 = 0x0628, ta: UInt16 = 0x062A, sin: UInt16 = 0x0633
    static let fa: UInt16 = 0x0641, kaf: UInt16 = 0x0643, lam: UInt16 = 0x0644, mim: UInt16 = 0x0645
    static let nun: UInt16 = 0x0646, waw: UInt16 = 0x0648, ya: UInt16 = 0x064A

    @inline(__always) static func isClitic(_ c: UInt16) -> Bool { c == ba || c == lam || c == kaf || c == fa }
    @inline(__always) static func isImperfectPrefix(_ c: UInt16) -> Bool { c == ya || c == ta || c == nun || c == alef }
}

/// A rough consonant skeleton of a stem, so that the forms of one root meet: يستنزف / استنزاف → نزف,
/// تتزوج / زواج → زوج, تحقق / تحقيق → حقق, يرتفع / ارتفاع → رتفع. Only used to match words across the
/// two sides (both sides go through the same rules), never shown.
enum Skeleton {
    static func append(of stem: [UInt16], to out: inout [UInt16]) {
        var s = stem[...]
        if s.count >= 4, Letters.isClitic(s.first!) { s = s.dropFirst() }
        // future س before an imperfect prefix: سنرحل → نرحل
        if s.count >= 5, s.first == Letters.sin, Letters.isImperfectPrefix(s[s.startIndex + 1]) { s = s.dropFirst() }
        if s.count >= 4, s.first == Letters.mim { s = s.dropFirst() } // participles: مرتفع → رتفع
        if let first = s.first, Letters.isImperfectPrefix(first), s.count >= 3 { s = s.dropFirst() }
        if s.count >= 4, s.first == Letters.ta { s = s.dropFirst() } // forms V/VI: تتزوج → زوج
        if s.count >= 5, s.first == Letters.sin, s[s.startIndex + 1] == Letters.ta { s = s.dropFirst(2) }
        if s.count >= 4, s.last == Letters.ta { s = s.dropLast() }
        if s.count >= 4, s.last == Letters.alef, s[s.endIndex - 2] == Letters.waw { s = s.dropLast(2) }
        guard let first = s.first else { return }
        if s.count >= 3 {
            // long vowels ا and ي inside the word: رحيل → رحل, زواج → زوج (kept when nothing else is left)
            let start = out.count
            out.append(first)
            for c in s.dropFirst() where c != Letters.alef && c != Letters.ya { out.append(c) }
            if out.count - start >= 2 { return }
            out.removeSubrange(start...)
        }
        out.append(contentsOf: s)
    }
}

/// Decodes valid UTF-8 (from a String) into 16-bit scalars; scalars above U+FFFF become U+FFFD.
@inline(__always)
func decodeScalars(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt16]) {
    out.removeAll(keepingCapacity: true)
    var i = 0
    let n = bytes.count
    while i < n {
        let lead = bytes[i]
        if lead < 0x80 {
            out.append(UInt16(lead)); i += 1
        } else if lead < 0xE0 {
            out.append(UInt16(lead & 0x1F) << 6 | UInt16(bytes[i + 1] & 0x3F)); i += 2
        } else if lead < 0xF0 {
            out.append(UInt16(lead & 0x0F) << 12 | UInt16(bytes[i + 1] & 0x3F) << 6 | UInt16(bytes[i + 2] & 0x3F)); i += 3
        } else {
            out.append(0xFFFD); i += 4
        }
    }
}
