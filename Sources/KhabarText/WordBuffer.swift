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
                var i = 0
                while let (kind, range) = Tokenizer.nextToken(text, &i, classes) {
                    guard kind.isWord else { continue }
                    starts.append(written)
                    written += NormalizerCore.write(UnsafeBufferPointer(rebasing: text[range]), Tokenizer.wordOptions,
                                                    table: table.baseAddress!, to: o + written)
                    o[written] = 0x20
                    written += 1
                }
            }
        }
        bytes.removeLast(bytes.count - written)
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
