import Foundation

/// The learnt part of the relation judge: weights of a logistic model over `PairFeatures`, and the
/// two thresholds that turn its output into a relation.
///
/// Stored as text (one `kind<TAB>name<TAB>value` line each) in `Resources/relation-model.tsv`, which
/// `khabar-bench train-relation` regenerates from the ANS training pairs; the product needs no data
/// files at run time.
public struct RelationModel: Sendable {
    public var bias: Double
    /// Weights of the dense features, in `PairFeatures.denseNames` order.
    public var denseWeights: [Double]
    /// Weight of each unmatched-word skeleton, by the skeleton text.
    public var lexicalWeights: [String: Double]
    /// A related pair is `same` when the model's probability reaches this, else `contradicts`.
    public var sameThreshold: Double
    /// Pairs with less word overlap than this are `different`.
    public var differentBelowSimilarity: Double
    /// Free-text lines kept at the top of the model file (how it was trained, the CV figures).
    public var notes: [String]

    let lexicalByHash: [UInt64: Double]
    /// Dense features the model text had no weight for (a model older than the features): weight 0.
    public private(set) var untrainedFeatures: [String] = []

    public init(bias: Double, denseWeights: [Double], lexicalWeights: [String: Double], sameThreshold: Double,
                differentBelowSimilarity: Double, notes: [String] = []) {
        precondition(denseWeights.count == PairFeatures.denseNames.count, "one weight per dense feature")
        self.bias = bias
        self.denseWeights = denseWeights
        self.lexicalWeights = lexicalWeights
        self.sameThreshold = sameThreshold
        self.differentBelowSimilarity = differentBelowSimilarity
        self.notes = notes
        var byHash: [UInt64: Double] = [:]
        for (word, weight) in lexicalWeights { byHash[ScalarHash.of(Array(word.utf16))] = weight }
        lexicalByHash = byHash
    }

    /// The model shipped with Khabar (Resources/relation-model.tsv, trained on the ANS stance
    /// training pairs). A missing or damaged resource is a broken build, not bad input.
    public static let shipped: RelationModel = {
        do {
            guard let url = Bundle.module.url(forResource: "relation-model", withExtension: "tsv") else {
                fatalError("the shipped relation model (relation-model.tsv) is missing from Khabar's resources")
            }
            return try RelationModel(parsing: String(contentsOf: url, encoding: .utf8))
        } catch {
            fatalError("the shipped relation model does not parse: \(error)")
        }
    }()

    func score(_ features: PairFeatures) -> Double {
        var z = bias
        for (k, value) in features.dense.enumerated() where value != 0 { z += denseWeights[k] * value }
        for hash in features.lexical { z += lexicalByHash[hash] ?? 0 }
        return z
    }

    func sameProbability(_ features: PairFeatures) -> Double { 1 / (1 + exp(-score(features))) }

    // MARK: - Text form

    public struct FormatError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "relation model line \(line): \(message)" }
    }

    public init(parsing text: String) throws {
        var bias: Double?, same: Double?, different: Double?
        var dense = [Double?](repeating: nil, count: PairFeatures.denseNames.count)
        var lexical: [String: Double] = [:]
        var notes: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            if rawLine.hasPrefix("#") { notes.append(String(rawLine.dropFirst(2))); continue }
            if rawLine.isEmpty { continue }
            let fields = rawLine.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let value = Double(fields[2]) else {
                throw FormatError(line: line, message: "expected KIND<TAB>NAME<TAB>NUMBER")
            }
            switch (fields[0], fields[1]) {
            case ("parameter", "bias"): bias = value
            case ("parameter", "same_threshold"): same = value
            case ("parameter", "different_below_similarity"): different = value
            case ("dense", let name):
                guard let k = PairFeatures.denseIndex[name] else { throw FormatError(line: line, message: "unknown feature \(name)") }
                dense[k] = value
            case ("unmatched", let word): lexical[word] = value
            default: throw FormatError(line: line, message: "unknown entry \(fields[0]) \(fields[1])")
            }
        }
        guard let bias, let same, let different else {
            throw FormatError(line: 0, message: "bias, same_threshold and different_below_similarity are required")
        }
        // A feature added since the model was trained counts for nothing until the next training.
        self.init(bias: bias, denseWeights: dense.map { $0 ?? 0 }, lexicalWeights: lexical, sameThreshold: same,
                  differentBelowSimilarity: different, notes: notes)
        untrainedFeatures = dense.indices.filter { dense[$0] == nil }.map { PairFeatures.denseNames[$0] }
    }

    /// The text form `init(parsing:)` reads; lexical weights sorted by weight, then word.
    public var serialized: String {
        var lines = notes.map { "# " + $0 }
        func number(_ x: Double) -> String { String(format: "%.6f", x) }
        lines.append("parameter\tbias\t" + number(bias))
        lines.append("parameter\tsame_threshold\t" + number(sameThreshold))
        lines.append("parameter\tdifferent_below_similarity\t" + number(differentBelowSimilarity))
        for (name, weight) in zip(PairFeatures.denseNames, denseWeights) { lines.append("dense\t\(name)\t" + number(weight)) }
        for (word, weight) in lexicalWeights.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            lines.append("unmatched\t\(word)\t" + number(weight))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
