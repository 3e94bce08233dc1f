import Foundation

/// A sentence with gold tags, for training and scoring.
public struct EntitySentence: Sendable {
    public var tokens: [String]
    public var tags: [EntityTag]

    public init(tokens: [String], tags: [EntityTag]) {
        self.tokens = tokens
        self.tags = tags
    }
}

/// Reads `token [TAG ...]` lines (CoNLL style). Blank and `$#$` lines end sentences; with
/// `splitAtPunctuation` so does each sentence-final punctuation token (ANERcorp has no breaks).
/// The tag is the last field that reads as an IOB tag (a stray mark column sits between some
/// tokens and tags in ANERcorp); none means O.
public enum EntityCorpus {
    public static func read(_ text: String, splitAtPunctuation: Bool = true) -> [EntitySentence] {
        var sentences: [EntitySentence] = []
        var current = EntitySentence(tokens: [], tags: [])
        func close() {
            if !current.tokens.isEmpty { sentences.append(current) }
            current = EntitySentence(tokens: [], tags: [])
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let token = fields.first, token != "$#$" else { close(); continue }
            let tag = fields.dropFirst().reversed().lazy.compactMap { EntityTag(label: $0) }.first ?? .outside
            current.tokens.append(String(token))
            current.tags.append(tag)
            if splitAtPunctuation && EntitySentences.isSentenceEnd(token) { close() }
        }
        close()
        return sentences
    }

    /// Writes sentences as `token TAG` lines with a blank line after each (the gold file for span_f1.py).
    public static func write(_ sentences: [EntitySentence]) -> String {
        var out = ""
        for sentence in sentences {
            for (token, tag) in zip(sentence.tokens, sentence.tags) { out += "\(token) \(tag)\n" }
            out += "\n"
        }
        return out
    }

    /// The last `fraction` of the tokens (rounded to whole sentences) as dev, the rest as train.
    public static func holdOut(_ sentences: [EntitySentence], fraction: Double) -> (train: [EntitySentence], dev: [EntitySentence]) {
        let total = sentences.reduce(0) { $0 + $1.tokens.count }
        var devTokens = 0
        var cut = sentences.count
        while cut > 0 && Double(devTokens) < Double(total) * fraction {
            cut -= 1
            devTokens += sentences[cut].tokens.count
        }
        return (Array(sentences[..<cut]), Array(sentences[cut...]))
    }
}

/// Learns an `EntityModel`: a structured averaged perceptron over Viterbi paths (Collins 2002).
/// Deterministic: sentences are shuffled with a fixed seed.
public struct EntityTrainer {
    public var rowBits = 20
    public var epochs = 15
    public var seed: UInt64 = 0x4E45_5221
    let gazetteer: EntityGazetteer

    /// `lists`: gazetteer text (one name a line) per kind.
    public init(lists: [(EntityKind, String)]) {
        var gazetteer = EntityGazetteer()
        for (kind, list) in lists { gazetteer.add(list: list, kind: kind) }
        self.gazetteer = gazetteer
    }

    /// Trains both passes on `train`. With `dev`, scores the averaged model after each epoch and keeps
    /// the best epoch's (dev is only measured, never learnt from). `progress` gets (pass, epoch, dev score).
    ///
    /// The document pass learns from first-pass tags that are as good as they will be on new text:
    /// each half of `train` is tagged by a first pass trained on the other half (two folds).
    public func train(_ train: [EntitySentence], dev: [EntitySentence] = [], documentPass: Bool = true,
                      progress: (Int, Int, SpanScore?) -> Void = { _, _, _ in }) -> (model: EntityModel, epochs: [Int]) {
        let (first, firstEpoch) = trainPass(train, dev: dev, epochs: epochs) { progress(1, $0, $1) }
        guard documentPass else { return (first, [firstEpoch]) }

        let half = train.count / 2
        let folds = [(learn: Array(train[..<half]), tag: half..<train.count), (learn: Array(train[half...]), tag: 0..<half)]
        var foldTags = [[EntityTag]](repeating: [], count: train.count)
        for fold in folds {
            let (model, _) = trainPass(fold.learn, dev: [], epochs: firstEpoch) { _, _ in }
            let tagger = EntityTagger(model: model)
            for s in fold.tag { foldTags[s] = tagger.tag(train[s].tokens) }
        }
        let trainMemory = memory(train, firstPassTags: foldTags)
        let firstTagger = EntityTagger(model: first)
        let devMemory = memory(dev, firstPassTags: dev.map { firstTagger.tag($0.tokens) })
        let (second, secondEpoch) = trainPass(train, memory: trainMemory, dev: dev, devMemory: devMemory,
                                              epochs: epochs) { progress(2, $0, $1) }
        return (first.with(documentPass: second), [firstEpoch, secondEpoch])
    }

    private func memory(_ sentences: [EntitySentence], firstPassTags: [[EntityTag]]) -> [[UInt8]] {
        var extractor = EntityFeatureExtractor(rowBits: rowBits, gazetteer: gazetteer)
        let stripped = sentences.map { sentence in
            extractor.load(sentence.tokens)
            return extractor.strippedForms
        }
        return EntityMemory.codes(stripped: stripped, tags: firstPassTags)
    }

    /// One pass: `memory` (per sentence, per token) is empty for the first pass.
    private func trainPass(_ train: [EntitySentence], memory: [[UInt8]] = [], dev: [EntitySentence],
                           devMemory: [[UInt8]] = [], epochs: Int,
                           progress: (Int, SpanScore?) -> Void) -> (model: EntityModel, epoch: Int) {
        let tags = EntityTag.count
        let perToken = EntityFeatureExtractor.featuresPerToken
        var extractor = EntityFeatureExtractor(rowBits: rowBits, gazetteer: gazetteer)
        // Features do not change between epochs: extract them once.
        let sentenceRows: [[UInt32]] = train.indices.map { s in
            extractor.load(train[s].tokens)
            var rows: [UInt32] = []
            extractor.rows(into: &rows, memory: memory.isEmpty ? [] : memory[s])
            return rows
        }
        let tableSize = (1 << rowBits) * tags
        var weights = [Float](repeating: 0, count: tableSize)
        // Σ step × update, for averaging without touching every weight each step.
        var stepWeighted = [Float](repeating: 0, count: tableSize)
        let transitionSize = (tags + 1) * tags
        var transitions = [Float](repeating: 0, count: transitionSize)
        var transitionsStepWeighted = [Float](repeating: 0, count: transitionSize)
        var step: Float = 1

        var emissions: [Float] = [], scores: [Float] = [], back: [UInt8] = [], path: [Int] = []
        var order = Array(train.indices)
        var random = SplitMix(seed: seed)
        var best: (model: EntityModel, epoch: Int, f1: Double)? = nil

        for epoch in 1...epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            for s in order {
                let gold = train[s].tags
                let rows = sentenceRows[s]
                let n = gold.count
                emissions.removeAll(keepingCapacity: true)
                for i in 0..<n {
                    for t in 0..<tags {
                        var sum: Float = 0
                        for k in 0..<perToken { sum += weights[Int(rows[i * perToken + k]) * tags + t] }
                        emissions.append(sum)
                    }
                }
                emissions.withUnsafeBufferPointer { e in
                    EntityViterbi.masked(transitions).withUnsafeBufferPointer { tr in
                        EntityViterbi.decode(emissions: e, count: n, transitions: tr, scores: &scores, back: &back, path: &path)
                    }
                }
                var previousGold = tags, previousPredicted = tags // the start row
                for i in 0..<n {
                    let g = gold[i].index, p = path[i]
                    if g != p {
                        for k in 0..<perToken {
                            let base = Int(rows[i * perToken + k]) * tags
                            weights[base + g] += 1; stepWeighted[base + g] += step
                            weights[base + p] -= 1; stepWeighted[base + p] -= step
                        }
                    }
                    if g != p || previousGold != previousPredicted {
                        transitions[previousGold * tags + g] += 1; transitionsStepWeighted[previousGold * tags + g] += step
                        transitions[previousPredicted * tags + p] -= 1; transitionsStepWeighted[previousPredicted * tags + p] -= step
                    }
                    previousGold = g; previousPredicted = p
                }
                step += 1
            }
            guard !dev.isEmpty || epoch == epochs else { progress(epoch, nil); continue }
            // The averaged weights: w − Σ(step × update) / steps.
            let averaged = zip(weights, stepWeighted).map { $0 - $1 / step }
            let averagedTransitions = zip(transitions, transitionsStepWeighted).map { $0 - $1 / step }
            let model = EntityModel(rowBits: rowBits, floatWeights: averaged, transitions: averagedTransitions,
                                    gazetteer: gazetteer)
            guard !dev.isEmpty else {
                progress(epoch, nil)
                best = (model, epoch, 0)
                continue
            }
            let tagger = EntityTagger(model: model)
            var score = SpanScore()
            for (s, sentence) in dev.enumerated() {
                let predicted = devMemory.isEmpty ? tagger.tag(sentence.tokens)
                    : tagger.tag(sentence.tokens, model: model, memory: devMemory[s])
                score.add(gold: sentence.tags, predicted: predicted)
            }
            progress(epoch, score)
            if best == nil || score.f1().f1 > best!.f1 { best = (model, epoch, score.f1().f1) }
        }
        return (best!.model, best!.epoch)
    }

    /// Span scores of `model` on gold sentences, tagged as one document (in blocks, like any text).
    public static func score(model: EntityModel, on sentences: [EntitySentence]) -> SpanScore {
        let tagger = EntityTagger(model: model)
        var score = SpanScore()
        for (sentence, predicted) in zip(sentences, tagger.tagDocument(sentences.map(\.tokens))) {
            score.add(gold: sentence.tags, predicted: predicted)
        }
        return score
    }
}

/// splitmix64: a tiny seeded generator, so training runs repeat exactly.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return TermHash.mix(state)
    }
}
