extension Tokenizer {
    /// Calls `body` with each word token (Arabic, Latin, number) in matching-normalised form
    /// (`wordOptions`: .matching, Latin lowercased) as borrowed UTF-8, valid only during the call.
    /// The allocation-free counterpart of `words(_:)` for hot loops that hash or look up words.
    public static func forEachNormalizedWord(in text: String,
                                             _ body: (TokenKind, UnsafeBufferPointer<UInt8>) -> Void) {
        forEachNormalizedWord(in: text) { kind, _, word in body(kind, word) }
    }

    /// The same, with each word's UTF-8 range in `text`.
    public static func forEachNormalizedWord(in text: String,
                                             _ body: (TokenKind, Range<Int>, UnsafeBufferPointer<UInt8>) -> Void) {
        withUTF8Bytes(text) { bytes in
            var scratch: [UInt8] = []
            scratch.reserveCapacity(64)
            var unusedOffsets: [Int32] = []
            let arabicTable = ArabicBlockTables.words
            forEachToken(in: bytes) { kind, range in
                guard kind.isWord else { return }
                scratch.removeAll(keepingCapacity: true)
                _ = NormalizerCore.run(UnsafeBufferPointer(rebasing: bytes[range]), wordOptions,
                                       arabicTable: arabicTable, into: &scratch,
                                       offsets: &unusedOffsets, trackOffsets: false)
                scratch.withUnsafeBufferPointer { body(kind, range, $0) }
            }
        }
    }
}
