/// Matching-normalised words, the same ones `Tokenizer.words` gives, stored back to back in one byte
/// buffer with a space after each: hot loops compare and hash runs of words as plain byte slices
/// instead of allocating a String per word.
public struct WordBuffer: Sendable {
    /// The words' UTF-8, each followed by one space.
    public private(set) var bytes: [UInt8] = []
    /// Where each word starts in `bytes`; word k ends one byte (its space) before word k + 1 starts.
    public private(set) var starts: [Int] = []

    public init() {}

    /// The words of `text`.
    public init(_ text: String) {
        withUTF8Bytes(text) { append(wordsOf: $0) }
    }

    @inlinable public var count: Int { starts.count }

    /// Tokenises `text` (UTF-8) and appends its words.
    public mutating func append(wordsOf text: UnsafeBufferPointer<UInt8>) {
        let arabicTable = ArabicBlockTables.words
        // Room for the whole line at once: its words' bytes, plus a space per word (at most one
        // word per byte). Normalising into it through a pointer saves a check per byte.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: NormalizerCore.maxOutput(text) + text.count))
        var written = start
        let classes = CharacterClassifier()
        arabicTable.withUnsafeBufferPointer { table in
            bytes.withUnsafeMutableBufferPointer { buffer in
                let o = buffer.baseAddress!
                let table = table.baseAddress!
                var i = 0
                while i < text.count {
                    // Spaces separate tokens (as in `Tokenizer.nextToken`); then the usual word, all
                    // Arabic-block letters, is scanned and normalised in one pass.
                    while i < text.count, text[i] == 0x20 { i += 1 }
                    if i == text.count { break }
                    if let (end, wordEnd) = Self.writeArabicBlockWord(text, i, classes, table, o, written) {
                        starts.append(written)
                        written = wordEnd
                        o[written] = 0x20
                        written += 1
                        i = end
                        continue
                    }
                    guard let (kind, range) = Tokenizer.nextToken(text, &i, classes) else { break }
                    guard kind.isWord else { continue }
                    starts.append(written)
                    written += NormalizerCore.write(UnsafeBufferPointer(rebasing: text[range]), Tokenizer.wordOptions,
                                                    table: table, to: o + written)
                    o[written] = 0x20
                    written += 1
                }
            }
        }
        bytes.removeLast(bytes.count - written)
    }

    /// When an Arabic word made of Arabic-block scalars only starts at `i` (most words of a news
    /// text), writes its normalised bytes at `o[written...]` and returns where the word ends in
    /// `text` and in `o`. Otherwise nil, and the general tokenizer takes the token: the rules are
    /// `Tokenizer.scanArabicWord`'s, this only skips decoding and a second pass over the word.
    @inline(__always)
    static func writeArabicBlockWord(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ classes: CharacterClassifier,
                                     _ table: UnsafePointer<UInt32>, _ o: UnsafeMutablePointer<UInt8>,
                                     _ written: Int) -> (end: Int, written: Int)? {
        @inline(__always) func blockIndex(_ j: Int) -> Int { Int(text[j] &- 0xD8) << 6 | Int(text[j + 1] & 0x3F) }
        guard text[i] &- 0xD8 < 4, classes.arabicBlock[blockIndex(i)] == .arabicLetter else { return nil }
        var j = i, w = written
        while j < text.count, text[j] &- 0xD8 < 4 {
            let k = blockIndex(j)
            let cls = classes.arabicBlock[k]
            guard cls == .arabicLetter || cls == .arabicMark else { return (j, w) }
            let mapped = table[k]
            if mapped == ScalarRules.unchanged {
                o[w] = text[j]
                o[w + 1] = text[j + 1]
                w += 2
            } else if mapped != ScalarRules.dropped {
                NormalizerCore.put(mapped, o, &w)
            }
            j += 2
        }
        // A scalar outside the block that still belongs to the word (a joiner, a letter of the
        // Arabic supplements) is left to the general path.
        if j < text.count, text[j] >= 0x80 {
            let (cls, _) = Tokenizer.classify(text, j, classes)
            if cls == .arabicLetter || cls == .arabicMark { return nil }
        }
        return (j, w)
    }

    /// Byte range of word `k`, without its space.
    @inlinable @inline(__always)
    public func range(of k: Int) -> Range<Int> {
        starts[k]..<((k + 1 < starts.count ? starts[k + 1] : bytes.count) - 1)
    }

    /// Byte range of the words in `words`, each with its space: equal word runs have equal slices.
    @inlinable
    public func span(of words: Range<Int>) -> Range<Int> {
        guard !words.isEmpty else { return 0..<0 }
        return starts[words.lowerBound]..<(words.upperBound < starts.count ? starts[words.upperBound] : bytes.count)
    }

    /// Word `k` as a String.
    public func string(_ k: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(of: k)]), as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of word `k`.
    @inlinable @inline(__always)
    public func withWord<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(of: k)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Whether word `k` here and word `j` of `other` have the same bytes.
    public func wordEquals(_ k: Int, _ other: WordBuffer, _ j: Int) -> Bool {
        bytes[range(of: k)].elementsEqual(other.bytes[other.range(of: j)])
    }
}
