import KhabarText

/// Tags the tokens of a sentence with IOB2 entity tags (PERS, LOC, ORG, MISC).
///
/// Keeps scratch buffers between calls, so use one tagger per thread.
public final class EntityTagger {
    public let model: EntityModel
    private var extractor: EntityFeatureExtractor
    private var rows: [UInt32] = []
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
        var firstRows: [[UInt32]] = []
        for sentence in sentences {
            first.append(tag(sentence))
            stripped.append(extractor.strippedForms)
            firstRows.append(rows)
        }
        let memory = EntityMemory.codes(stripped: stripped, tags: first)
        // The second pass differs only in the memory rows: patch those, keep the rest.
        return firstRows.indices.map { s in
            rows = firstRows[s]
            EntityFeatureExtractor.replaceMemoryRows(&rows, memory: memory[s], rowBits: second.rowBits)
            return decodeRows(second, count: stripped[s].count)
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
        return decodeRows(model, count: extractor.count)
    }

    /// Scores the `n` tokens' feature rows in `rows` with `model` and decodes the best path.
    private func decodeRows(_ model: EntityModel, count n: Int) -> [EntityTag] {
        guard n > 0 else { return [] }
        let tags = EntityTag.count
        let perToken = EntityFeatureExtractor.featuresPerToken
        emissions.removeAll(keepingCapacity: true)
        emissions.append(contentsOf: repeatElement(0, count: n * tags))
        let scale = model.scale
        model.weights.withUnsafeBufferPointer { weights in
            rows.withUnsafeBufferPointer { rows in
                emissions.withUnsafeMutableBufferPointer { emissions in
                    // Integer sums per tag, scaled once: the weights are Int8.
                    var sums = (Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0))
                    for i in 0..<n {
                        sums = (0, 0, 0, 0, 0, 0, 0, 0, 0)
                        for k in 0..<perToken {
                            let base = Int(rows[i * perToken + k]) &* tags
                            sums.0 &+= Int32(weights[base]); sums.1 &+= Int32(weights[base + 1])
                            sums.2 &+= Int32(weights[base + 2]); sums.3 &+= Int32(weights[base + 3])
                            sums.4 &+= Int32(weights[base + 4]); sums.5 &+= Int32(weights[base + 5])
                            sums.6 &+= Int32(weights[base + 6]); sums.7 &+= Int32(weights[base + 7])
                            sums.8 &+= Int32(weights[base + 8])
                        }
                        let o = i * tags
                        emissions[o] = Float(sums.0) * scale; emissions[o + 1] = Float(sums.1) * scale
                        emissions[o + 2] = Float(sums.2) * scale; emissions[o + 3] = Float(sums.3) * scale
                        emissions[o + 4] = Float(sums.4) * scale; emissions[o + 5] = Float(sums.5) * scale
                        emissions[o + 6] = Float(sums.6) * scale; emissions[o + 7] = Float(sums.7) * scale
                        emissions[o + 8] = Float(sums.8) * scale
                    }
                }
            }
        }
        emissions.withUnsafeBufferPointer { emissions in
            model.transitions.withUnsafeBufferPointer { transitions in
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
        token == "." || token == "!" || token == "?" || token == "؟"
    }
}
