import KhabarText

/// Tags the tokens of a sentence with IOB2 entity tags (PERS, LOC, ORG, MISC).
///
/// Keeps scratch buffers between calls, so use one tagger per thread.
public final class EntityTagger {
    public let model: EntityModel
    private var extractor: EntityFeatureExtractor
    private var rows: [UInt32] = []
    private var documentRows: [UInt32] = []
    private var emissions: [Float] = []
    private var scores: [Float] = []
    private var back: [UInt8] = []
    private var path: [Int] = []

    public init(model: EntityModel) {
        self.model = model
        extractor = EntityFeatureExtractor(rowBits: model.rowBits, gazetteer: model.gazetteer)
    }

    /// A tagger with the shipped model; nil when the resource is missing.
    public convenience init?() {
        guard let model = EntityModel.shipped else { return nil }
        self.init(model: model)
    }

    /// One tag per token. Pass one sentence at a time (see `EntitySentences.split`): context features
    /// reach two tokens either side.
    /// This tags each sentence alone (the first pass); `tagDocument` adds the document pass.
    public func tag<Tokens: Collection>(_ tokens: Tokens) -> [EntityTag] where Tokens.Element: StringProtocol {
        extractor.load(tokens)
        return decode(model, memory: [])
    }

    /// Tags the sentences of one text (in order), with the document pass when the model has one:
    /// a name tagged in one sentence helps find it in the others.
    public func tagDocument<Tokens: Collection>(_ sentences: [Tokens]) -> [[EntityTag]] where Tokens.Element: StringProtocol {
        guard let second = model.documentPass?.model else { return sentences.map { tag($0) } }
        var first: [[EntityTag]] = []
        var stripped: [[UInt64]] = []
        // Every sentence's first-pass rows, back to back (sentence s from `rowStarts[s]`).
        documentRows.removeAll(keepingCapacity: true)
        var rowStarts: [Int] = []
        for sentence in sentences {
            first.append(tag(sentence))
            stripped.append(extractor.strippedForms)
            rowStarts.append(documentRows.count)
            documentRows.append(contentsOf: rows)
        }
        rowStarts.append(documentRows.count)
        let memory = EntityMemory.codes(stripped: stripped, tags: first)
        // The second pass differs only in the memory rows: patch those in place, keep the rest.
        let perToken = EntityFeatureExtractor.featuresPerToken
        return documentRows.withUnsafeMutableBufferPointer { all in
            sentences.indices.map { s in
                let sentenceRows = UnsafeMutableBufferPointer(rebasing: all[rowStarts[s]..<rowStarts[s + 1]])
                EntityFeatureExtractor.replaceMemoryRows(sentenceRows, memory: memory[s], rowBits: second.rowBits)
                return decodeRows(second, UnsafeBufferPointer(sentenceRows), count: sentenceRows.count / perToken)
            }
        }
    }

    /// One sentence with a given model and memory codes (training scores the document pass this way).
    func tag<Tokens: Collection>(_ tokens: Tokens, model: EntityModel, memory: [UInt8]) -> [EntityTag]
    where Tokens.Element: StringProtocol {
        extractor.load(tokens)
        return decode(model, memory: memory)
    }

    private func decode(_ model: EntityModel, memory: [UInt8]) -> [EntityTag] {
        extractor.rows(into: &rows, memory: memory)
        let count = extractor.count
        return rows.withUnsafeBufferPointer { decodeRows(model, $0, count: count) }
    }

    /// Scores the `n` tokens' feature rows (`rows`) with `model` and decodes the best path.
    private func decodeRows(_ model: EntityModel, _ rows: UnsafeBufferPointer<UInt32>, count n: Int) -> [EntityTag] {
        guard n > 0 else { return [] }
        let tags = EntityTag.count
        let perToken = EntityFeatureExtractor.featuresPerToken
        precondition(rows.count >= n * perToken)
        emissions.removeAll(keepingCapacity: true)
        emissions.append(contentsOf: repeatElement(0, count: n * tags))
        let scale = model.scale
        model.weights.withUnsafeBufferPointer { weights in
            emissions.withUnsafeMutableBufferPointer { emissions in
                // Integer sums per tag, scaled once: the weights are Int8. The first eight tags of a
                // row are summed as one SIMD vector, widened to Int16: 36 rows of at most 128 in
                // magnitude cannot overflow it, so these are the same exact sums as in Int32, with
                // a cheaper widening.
                precondition(tags == 9 && perToken * 128 <= Int(Int16.max))
                let raw = UnsafeRawPointer(weights.baseAddress!)
                for i in 0..<n {
                    var sums = SIMD8<Int16>(repeating: 0)
                    var last: Int32 = 0
                    let tokenRows = rows.baseAddress! + i * perToken
                    for k in 0..<perToken {
                        let base = Int(tokenRows[k]) &* tags
                        sums &+= SIMD8<Int16>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: base, as: SIMD8<Int8>.self))
                        last &+= Int32(weights[base + 8])
                    }
                    let o = i * tags
                    for t in 0..<8 { emissions[o + t] = Float(sums[t]) * scale }
                    emissions[o + 8] = Float(last) * scale
                }
            }
        }
        emissions.withUnsafeBufferPointer { emissions in
            model.viterbiTransitions.withUnsafeBufferPointer { transitions in
                EntityViterbi.decode(emissions: emissions, count: n, transitions: transitions,
                                     scores: &scores, back: &back, path: &path)
            }
        }
        return path.map { EntityTag(index: $0) }
    }
}

/// Sentence splitting for entity tagging, as in training: after each sentence-final punctuation
/// token (. ! ؟ ?).
public enum EntitySentences {
    public static func split<Tokens: RandomAccessCollection>(_ tokens: Tokens) -> [Range<Int>]
    where Tokens.Element: StringProtocol, Tokens.Index == Int {
        var ranges: [Range<Int>] = []
        var start = tokens.startIndex
        for i in tokens.indices where isSentenceEnd(tokens[i]) {
            ranges.append(start..<(i + 1))
            start = i + 1
        }
        if start < tokens.endIndex { ranges.append(start..<tokens.endIndex) }
        return ranges
    }

    static func isSentenceEnd<S: StringProtocol>(_ token: S) -> Bool {
        // By bytes, which is `token == "." || … "؟"`: no other spelling of these marks is canonically
        // equivalent, and comparing an Arabic String to them normalises it first.
        let utf8 = token.utf8
        switch utf8.count {
        case 1: let b = utf8.first!; return b == 0x2E || b == 0x21 || b == 0x3F // . ! ?
        case 2: return utf8.first == 0xD8 && utf8.dropFirst().first == 0x9F // ؟
        default: return false
        }
    }
}
