import KhabarText

/// Turns a sentence's tokens into hashed feature rows: `featuresPerToken` row indices per token into a
/// weight table of `1 << rowBits` rows (one weight per tag in each row). Hashing keeps the model a
/// fixed size with no feature dictionary; the rare collisions cost little accuracy.
///
/// Not thread-safe: it reuses its buffers between sentences (one extractor per thread).
struct EntityFeatureExtractor {
    static let featuresPerToken = 36

    let rowBits: Int
    let gazetteer: EntityGazetteer
    let clusters: WordClusters
    private(set) var forms: [EntityWordForms] = []
    private var stripped: [UInt64] = []
    private var gazetteerCodes: [UInt8] = []
    private var cues: [UInt8] = []
    /// Per token, `WordClusters` code (fine << 16 | coarse).
    private var classes: [UInt32] = []
    private var scratch: [UInt8] = []
    /// What `load` works out per distinct token text, kept across sentences and articles
    /// (normalising and hashing each occurrence again was most of `load`'s cost).
    private var known = KnownTexts<TokenFeatures>(capacity: 8192)

    /// The values `load` needs of one token.
    struct TokenFeatures {
        var form: EntityWordForms
        var cue: UInt8
        var classCode: UInt32
    }

    init(rowBits: Int, gazetteer: EntityGazetteer, clusters: WordClusters = .shipped) {
        self.rowBits = rowBits
        self.gazetteer = gazetteer
        self.clusters = clusters
    }

    var count: Int { forms.count }
    var strippedForms: [UInt64] { stripped }

    /// Normalises and hashes each token of one sentence.
    mutating func load<Tokens: Collection>(_ tokens: Tokens) where Tokens.Element: StringProtocol {
        forms.removeAll(keepingCapacity: true)
        stripped.removeAll(keepingCapacity: true)
        cues.removeAll(keepingCapacity: true)
        classes.removeAll(keepingCapacity: true)
        for token in tokens {
            var copy = String(token)
            let entry = copy.withUTF8 { text in
                if let entry = known.lookup(text) { return entry }
                let entry = features(of: text)
                known.insert(text, entry)
                return entry
            }
            forms.append(entry.form)
            stripped.append(entry.form.stripped)
            cues.append(entry.cue)
            classes.append(entry.classCode)
        }
        stripped.withUnsafeBufferPointer { gazetteer.matchCodes($0, into: &gazetteerCodes) }
    }

    /// The per-token values `load` needs, from a token's UTF-8 as written.
    private mutating func features(of text: UnsafeBufferPointer<UInt8>) -> TokenFeatures {
        scratch.removeAll(keepingCapacity: true)
        ArabicNormalizer.append(text, EntityWordForms.options, to: &scratch)
        let form = scratch.withUnsafeBufferPointer { EntityWordForms(normalized: $0) }
        return TokenFeatures(form: form,
                             cue: EntityTriggers.table[form.word] ?? EntityTriggers.table[form.stripped] ?? 0,
                             classCode: clusters.code(stripped: form.stripped))
    }

    // Values for positions outside the sentence, distinct per side and distance.
    private static let before2: UInt64 = 0x3C53_3E32_0000_0001, before1: UInt64 = 0x3C53_3E31_0000_0002
    private static let after1: UInt64 = 0x3C2F_533E_3100_0003, after2: UInt64 = 0x3C2F_533E_3200_0004

    /// Writes the feature rows of every loaded token into `rows` (`count × featuresPerToken`).
    /// Rows before this index are the same in both passes; the document pass replaces only the rest.
    static let memoryRowsStart = featuresPerToken - 3

    /// Feature `template` (numbered from 1 in each token's row list) with `value`, as a row index.
    @inline(__always)
    static func row(template: UInt64, _ value: UInt64, shift: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: TermHash.mix(value ^ (template &* 0x9E37_79B9_7F4A_7C15)) >> shift)
    }

    /// The memory features of token `i` (always last, so the document pass can reuse the first pass's
    /// other rows): its code and its code paired with each neighbour's.
    @inline(__always)
    static func memoryRows(_ memory: [UInt8], at i: Int, count n: Int, rowBits: Int) -> (UInt32, UInt32, UInt32) {
        func remembered(_ i: Int) -> UInt64 { memory.isEmpty ? 254 : i < 0 || i >= n ? 255 : UInt64(memory[i]) }
        let shift = UInt64(64 - rowBits)
        let template = UInt64(memoryRowsStart)
        let here = remembered(i)
        return (row(template: template + 1, here, shift: shift),
                row(template: template + 2, TermHash.mix(remembered(i - 1)) ^ here, shift: shift),
                row(template: template + 3, TermHash.mix(here) ^ remembered(i + 1), shift: shift))
    }

    /// Replaces the memory rows of `rows` (written by `rows(into:)` for the same sentence).
    static func replaceMemoryRows(_ rows: UnsafeMutableBufferPointer<UInt32>, memory: [UInt8], rowBits: Int) {
        let n = rows.count / featuresPerToken
        for i in 0..<n {
            let at = i * featuresPerToken + memoryRowsStart
            (rows[at], rows[at + 1], rows[at + 2]) = memoryRows(memory, at: i, count: n, rowBits: rowBits)
        }
    }

    static func replaceMemoryRows(_ rows: inout [UInt32], memory: [UInt8], rowBits: Int) {
        rows.withUnsafeMutableBufferPointer { replaceMemoryRows($0, memory: memory, rowBits: rowBits) }
    }

    /// `memory`: per token, `EntityMemory`'s code (what the first pass tagged the same word as elsewhere
    /// in the document), or empty for the first pass.
    func rows(into rows: inout [UInt32], memory: [UInt8] = []) {
        let n = forms.count
        rows.removeAll(keepingCapacity: true)
        rows.append(contentsOf: repeatElement(0, count: n * Self.featuresPerToken))
        rows.withUnsafeMutableBufferPointer { out in
            forms.withUnsafeBufferPointer { forms in
                writeRows(into: out, forms: forms, memory: memory)
            }
        }
    }

    /// `rows(into:memory:)` through pointers: this writes 36 rows per token, and appending each to
    /// an Array cost a uniqueness check and a call apiece.
    private func writeRows(into out: UnsafeMutableBufferPointer<UInt32>, forms: UnsafeBufferPointer<EntityWordForms>,
                      memory: [UInt8]) {
        let n = forms.count
        let shift = UInt64(64 - rowBits)
        func word(_ i: Int) -> UInt64 {
            i < 0 ? (i == -1 ? Self.before1 : Self.before2) : i >= n ? (i == n ? Self.after1 : Self.after2) : forms[i].word
        }
        func stem(_ i: Int) -> UInt64 {
            i < 0 ? Self.before1 : i >= n ? Self.after1 : forms[i].stem
        }
        func shape(_ i: Int) -> UInt64 { i < 0 ? Self.before1 : i >= n ? Self.after1 : forms[i].shape }
        func gazetteerCode(_ i: Int) -> UInt64 { i < 0 || i >= n ? 255 : UInt64(gazetteerCodes[i]) }
        func cue(_ i: Int) -> UInt64 { i < 0 ? 255 : UInt64(cues[i]) }
        // Outside the sentence: a code no class has.
        func fine(_ i: Int) -> UInt64 { i < 0 || i >= n ? 0x1_0000 : UInt64(classes[i] >> 16) }
        func coarse(_ i: Int) -> UInt64 { i < 0 || i >= n ? 0x1_0000 : UInt64(classes[i] & 0xFFFF) }
        var at = 0
        for i in 0..<n {
            let f = forms[i]
            var template: UInt64 = 0
            // Each feature is (template number, value) mixed into a row index.
            @inline(__always) func add(_ value: UInt64) {
                template &+= 1
                out[at] = Self.row(template: template, value, shift: shift)
                at += 1
            }
            func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { TermHash.mix(a) ^ b }
            add(0) // bias: the tag prior
            add(f.word); add(f.stem); add(f.stripped)
            add(f.prefixes.0); add(f.prefixes.1); add(f.prefixes.2)
            add(f.suffixes.0); add(f.suffixes.1); add(f.suffixes.2)
            add(f.shape)
            add(word(i - 1)); add(word(i - 2)); add(word(i + 1)); add(word(i + 2))
            add(stem(i - 1)); add(stem(i + 1))
            add(pair(word(i - 1), f.word)); add(pair(f.word, word(i + 1)))
            add(gazetteerCode(i)); add(gazetteerCode(i - 1)); add(gazetteerCode(i + 1))
            add(cue(i - 1)); add(cue(i - 2)); add(pair(cue(i - 1), gazetteerCode(i)))
            add(pair(pair(shape(i - 1), f.shape), shape(i + 1)))
            add(pair(i == 0 ? 1 : 0, f.shape))
            add(i > 0 ? forms[i - 1].stripped : Self.before1)
            // Word classes: a name training never saw shares them with names it did.
            add(fine(i)); add(coarse(i)); add(fine(i - 1)); add(fine(i + 1))
            add(pair(coarse(i), coarse(i + 1)))
            (out[at], out[at + 1], out[at + 2]) = Self.memoryRows(memory, at: i, count: n, rowBits: rowBits)
            at += 3
        }
    }
}
