/// The search analysis chain, in Lucene's order: the tokenizer finds words, the normaliser folds
/// letter forms (hamza/alef, ى/ي, ة/ه, harakat, tatweel, Persian letters, digits, Latin case), then
/// the light stemmer drops clitics and light affixes — so والرئيس, الرئيس and رئيس are one term.
/// Index and query go through the same chain, which is what makes them meet.
public enum SearchTerms {
    /// Calls `body` with each word's search term (borrowed UTF-8, valid only during the call) and
    /// the word's byte range in `utf8`, in text order.
    public static func forEach(in utf8: UnsafeBufferPointer<UInt8>,
                               _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        var unusedOffsets: [Int32] = []
        let arabicTable = ArabicBlockTables.words
        Tokenizer.forEachToken(in: utf8) { kind, range in
            guard kind.isWord else { return }
            scratch.removeAll(keepingCapacity: true)
            _ = NormalizerCore.run(UnsafeBufferPointer(rebasing: utf8[range]), Tokenizer.wordOptions,
                                   arabicTable: arabicTable, into: &scratch,
                                   offsets: &unusedOffsets, trackOffsets: false)
            scratch.withUnsafeBufferPointer { word in
                guard !word.isEmpty else { return }
                let stem = kind == .arabic ? LightStemmer.stemRange(word) : 0..<word.count
                body(UnsafeBufferPointer(rebasing: word[stem]), range)
            }
        }
    }

    /// The search terms of `text`, in order (for tests and query building).
    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        withUTF8Bytes(text) { bytes in
            forEach(in: bytes) { term, _ in terms.append(String(decoding: term, as: UTF8.self)) }
        }
        return terms
    }
}
