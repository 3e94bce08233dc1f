import Foundation

/// A labelled headline pair (the ANS stance format: s1, s2, stance).
public struct StancePair: Sendable {
    public enum Stance: String, Sendable, CaseIterable { case agree, disagree, other }
    public let a: String
    public let b: String
    public let stance: Stance

    public init(a: String, b: String, stance: Stance) {
        self.a = a
        self.b = b
        self.stance = stance
    }

    /// Reads an `s1,s2,stance` CSV with a header line.
    public static func read(csv bytes: [UInt8], source: String) throws(InputError) -> [StancePair] {
        let records = try CSVReader.records(bytes, source: source)
        var pairs: [StancePair] = []
        for record in records.dropFirst() {
            guard record.fields.count >= 3, let stance = Stance(rawValue: record.fields[2]) else {
                throw InputError(input: "\(source):\(record.line)", message: "expected s1,s2,stance with stance agree, disagree or other")
            }
            pairs.append(StancePair(a: record.fields[0], b: record.fields[1], stance: stance))
        }
        return pairs
    }
}

/// Learns a `RelationModel` from stance pairs: an L2-regularised logistic regression (agree = same vs
/// disagree = contradicts, classes weighted to count equally), fitted by L-BFGS; thresholds come from
/// the training pairs only — the similarity cut from the `other` pairs, the probability cut from
/// cross-validated predictions so that at most `maxFalseSame` of the disagree pairs come out `same`.
public struct RelationTrainer {
    /// Inverse regularisation strength (as scikit-learn's C).
    public var regularisation = 0.5
    /// An unmatched word gets a weight of its own only when it is unmatched in this many pairs.
    public var minimumWordPairs = 2
    /// Largest share of contradicting pairs the shipped thresholds may call `same` (in cross-validation).
    public var maxFalseSame = 0.08
    public var folds = 5

    public init() {}

    /// Results of the cross-validation on the training pairs, with the chosen thresholds.
    public struct Report: Sendable {
        public var pairs: [StancePair.Stance: Int] = [:]
        /// stance → relation → count, from out-of-fold predictions.
        public var crossValidated: [StancePair.Stance: [PairRelation: Int]] = [:]
        public var lexicalWords = 0
        /// For several bounds on disagree → same: the threshold and the cross-validated shares
        /// agree → same and disagree → same it gives (how much paraphrase recall each bound costs).
        public var tradeOff: [(bound: Double, threshold: Double, agreeSame: Double, disagreeSame: Double)] = []
        /// For each dense feature: in how many agree and disagree pairs it is not zero.
        public var featureUse: [(name: String, agree: Int, disagree: Int)] = []
        /// Each training pair's out-of-fold probability of `same` and its similarity, in input order.
        public var outOfFold: [(probability: Double, similarity: Double)] = []
        /// Each training pair's dense features that are not zero, as `name=value`.
        public var activeFeatures: [[String]] = []

        public func share(_ stance: StancePair.Stance, _ relation: PairRelation) -> Double {
            let total = crossValidated[stance, default: [:]].values.reduce(0, +)
            return total == 0 ? 0 : Double(crossValidated[stance]?[relation] ?? 0) / Double(total)
        }
    }

    struct Example {
        let dense: [Double]
        let lexical: [Int]      // indices into the vocabulary
        let similarity: Double
        let stance: StancePair.Stance
    }

    public func train(_ pairs: [StancePair]) -> (model: RelationModel, report: Report) {
        // Features, and the vocabulary of unmatched words (label-free counts over all pairs).
        var analysed: [(features: PairFeatures, similarity: Double, stance: StancePair.Stance)] = []
        var wordCounts: [String: Int] = [:]
        for pair in pairs {
            let a = RelationText(pair.a), b = RelationText(pair.b)
            let alignment = PairAlignment(a, b)
            let features = PairFeatures(a, b, alignment, keepWords: true)
            for word in features.lexicalWords { wordCounts[word, default: 0] += 1 }
            analysed.append((features, PairFeatures.similarity(a.words.count, b.words.count, alignment.matchedCount), pair.stance))
        }
        let vocabulary = wordCounts.filter { $0.value >= minimumWordPairs }.keys.sorted()
        let wordIndex = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let examples = analysed.map { item in
            Example(dense: item.features.dense, lexical: item.features.lexicalWords.compactMap { wordIndex[$0] },
                    similarity: item.similarity, stance: item.stance)
        }

        var report = Report()
        for example in examples { report.pairs[example.stance, default: 0] += 1 }
        report.lexicalWords = vocabulary.count
        report.featureUse = PairFeatures.denseNames.enumerated().map { k, name in
            (name, examples.filter { $0.stance == .agree && $0.dense[k] != 0 }.count,
             examples.filter { $0.stance == .disagree && $0.dense[k] != 0 }.count)
        }

        let differentBelow = Self.similarityCut(examples)

        // Out-of-fold probabilities for the related pairs.
        var outOfFold = [Double](repeating: 0, count: examples.count)
        for fold in 0..<folds {
            let trainingRows = examples.indices.filter { $0 % folds != fold }
            let weights = fit(examples, rows: trainingRows, vocabularySize: vocabulary.count)
            for row in examples.indices where row % folds == fold {
                outOfFold[row] = Self.probability(weights, examples[row])
            }
        }
        let sameThreshold = Self.sameThreshold(examples, outOfFold, differentBelow, maxFalseSame: maxFalseSame)
        report.outOfFold = examples.indices.map { (outOfFold[$0], examples[$0].similarity) }
        report.activeFeatures = examples.map { example in
            example.dense.enumerated().filter { $0.element != 0 }.map {
                PairFeatures.denseNames[$0.offset] + "=" + String(format: "%.2f", $0.element)
            }
        }
        for bound in [0.05, 0.08, 0.10, 0.15, 0.20, 0.30] {
            let threshold = Self.sameThreshold(examples, outOfFold, differentBelow, maxFalseSame: bound)
            func share(_ stance: StancePair.Stance) -> Double {
                let rows = examples.indices.filter { examples[$0].stance == stance }
                let same = rows.filter { examples[$0].similarity >= differentBelow && outOfFold[$0] >= threshold }
                return Double(same.count) / Double(max(1, rows.count))
            }
            report.tradeOff.append((bound, threshold, share(.agree), share(.disagree)))
        }
        for (row, example) in examples.enumerated() {
            let relation: PairRelation = example.similarity < differentBelow ? .different
                : outOfFold[row] >= sameThreshold ? .same : .contradicts
            report.crossValidated[example.stance, default: [:]][relation, default: 0] += 1
        }

        let weights = fit(examples, rows: Array(examples.indices), vocabularySize: vocabulary.count)
        let denseCount = PairFeatures.denseNames.count
        var lexicalWeights: [String: Double] = [:]
        for (k, word) in vocabulary.enumerated() where abs(weights[1 + denseCount + k]) >= 1e-4 {
            lexicalWeights[word] = weights[1 + denseCount + k]
        }
        let percent = { (x: Double) in String(format: "%.1f %%", 100 * x) }
        let notes = [
            "Khabar relation model: logistic regression over PairFeatures, trained by `khabar-bench train-relation`.",
            "Training pairs: " + StancePair.Stance.allCases.map { "\($0.rawValue) \(report.pairs[$0] ?? 0)" }.joined(separator: ", ")
                + "; C = \(regularisation); unmatched words kept when seen in ≥ \(minimumWordPairs) pairs: \(vocabulary.count).",
            "\(folds)-fold cross-validation on the training pairs: agree → same \(percent(report.share(.agree, .same))), "
                + "disagree → same \(percent(report.share(.disagree, .same))) (bound \(percent(maxFalseSame))), "
                + "disagree → contradicts \(percent(report.share(.disagree, .contradicts))), "
                + "other → different \(percent(report.share(.other, .different))).",
        ]
        let model = RelationModel(bias: weights[0], denseWeights: Array(weights[1...denseCount]),
                                  lexicalWeights: lexicalWeights, sameThreshold: sameThreshold,
                                  differentBelowSimilarity: differentBelow, notes: notes)
        return (model, report)
    }

    /// The similarity below which a pair is `different`: the cut that best separates the `other`
    /// pairs from the related ones (Youden's J), halfway between the two closest values.
    static func similarityCut(_ examples: [Example]) -> Double {
        let others = examples.filter { $0.stance == .other }.map(\.similarity)
        let related = examples.filter { $0.stance != .other }.map(\.similarity)
        guard !others.isEmpty, !related.isEmpty else { return 0.2 }
        let candidates = Array(Set(others + related)).sorted()
        var best = (j: -1.0, cut: 0.2)
        for (k, value) in candidates.enumerated() where k > 0 {
            let cut = (candidates[k - 1] + value) / 2
            let otherBelow = Double(others.filter { $0 < cut }.count) / Double(others.count)
            let relatedAbove = Double(related.filter { $0 >= cut }.count) / Double(related.count)
            if otherBelow + relatedAbove - 1 > best.j { best = (otherBelow + relatedAbove - 1, cut) }
        }
        return best.cut
    }

    /// The lowest probability cut at which at most `maxFalseSame` of all disagree pairs come out `same`.
    static func sameThreshold(_ examples: [Example], _ probabilities: [Double], _ differentBelow: Double,
                              maxFalseSame: Double) -> Double {
        let disagree = examples.indices.filter { examples[$0].stance == .disagree }
        let candidates = disagree.filter { examples[$0].similarity >= differentBelow }.map { probabilities[$0] }
            .sorted(by: >)
        let allowed = Int((maxFalseSame * Double(disagree.count)).rounded(.down))
        guard allowed < candidates.count else { return 0.5 }
        // Halfway to the next higher probability, so that ties with the first excluded pair stay out.
        let excluded = candidates[allowed]
        let above = candidates[..<allowed].last { $0 > excluded } ?? 1.0
        return (above + excluded) / 2
    }

    // MARK: - Logistic regression

    static func probability(_ weights: [Double], _ example: Example) -> Double {
        1 / (1 + exp(-score(weights, example)))
    }

    static func score(_ weights: [Double], _ example: Example) -> Double {
        var z = weights[0]
        for (k, value) in example.dense.enumerated() where value != 0 { z += weights[1 + k] * value }
        let base = 1 + example.dense.count
        for k in example.lexical { z += weights[base + k] }
        return z
    }

    /// Weights [bias, dense…, lexical…] minimising the class-weighted log loss + ‖w‖² / (2C).
    func fit(_ examples: [Example], rows: [Int], vocabularySize: Int) -> [Double] {
        let related = rows.filter { examples[$0].stance != .other }
        let agreeCount = related.filter { examples[$0].stance == .agree }.count
        let disagreeCount = related.count - agreeCount
        guard agreeCount > 0, disagreeCount > 0 else {
            return [Double](repeating: 0, count: 1 + PairFeatures.denseNames.count + vocabularySize)
        }
        // Balanced classes: each class carries half the total weight.
        let agreeWeight = Double(related.count) / (2 * Double(agreeCount))
        let disagreeWeight = Double(related.count) / (2 * Double(disagreeCount))
        let lambda = 1 / regularisation
        let dimension = 1 + PairFeatures.denseNames.count + vocabularySize
        let base = 1 + PairFeatures.denseNames.count

        let objective: ([Double]) -> (value: Double, gradient: [Double]) = { w in
            var value = 0.0
            var gradient = [Double](repeating: 0, count: dimension)
            for row in related {
                let example = examples[row]
                let y = example.stance == .agree ? 1.0 : 0.0
                let weight = y == 1 ? agreeWeight : disagreeWeight
                let z = Self.score(w, example)
                // log(1 + e^z) − y·z, computed without overflow
                value += weight * ((z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - y * z)
                let residual = weight * (1 / (1 + exp(-z)) - y)
                gradient[0] += residual
                for (k, x) in example.dense.enumerated() where x != 0 { gradient[1 + k] += residual * x }
                for k in example.lexical { gradient[base + k] += residual }
            }
            for k in 1..<dimension {
                value += 0.5 * lambda * w[k] * w[k]
                gradient[k] += lambda * w[k]
            }
            return (value, gradient)
        }
        return LBFGS.minimise(objective, start: [Double](repeating: 0, count: dimension))
    }
}

/// Limited-memory BFGS with a backtracking (Armijo) line search; enough for a smooth convex loss.
enum LBFGS {
    static func minimise(_ f: ([Double]) -> (value: Double, gradient: [Double]), start: [Double],
                         memory: Int = 10, maxIterations: Int = 500, tolerance: Double = 1e-6) -> [Double] {
        var x = start
        var (value, gradient) = f(x)
        var history: [(s: [Double], y: [Double], rho: Double)] = []
        for _ in 0..<maxIterations {
            let gradientNorm = sqrt(dot(gradient, gradient))
            if gradientNorm <= tolerance * max(1, sqrt(dot(x, x))) { break }
            // Two-loop recursion: direction = −H·g.
            var q = gradient
            var alphas: [Double] = []
            for (s, y, rho) in history.reversed() {
                let alpha = rho * dot(s, q)
                alphas.append(alpha)
                axpy(-alpha, y, &q)
            }
            if let last = history.last { scale(&q, dot(last.s, last.y) / dot(last.y, last.y)) }
            for ((s, y, rho), alpha) in zip(history, alphas.reversed()) {
                let beta = rho * dot(y, q)
                axpy(alpha - beta, s, &q)
            }
            var direction = q.map { -$0 }
            var slope = dot(direction, gradient)
            if slope >= 0 { // not a descent direction: restart from the gradient
                direction = gradient.map { -$0 }
                slope = -dot(gradient, gradient)
                history.removeAll()
            }
            var step = history.isEmpty ? min(1, 1 / max(gradientNorm, 1e-12)) : 1
            var candidate = x, next = (value: value, gradient: gradient)
            var accepted = false
            for _ in 0..<40 {
                candidate = x
                axpy(step, direction, &candidate)
                next = f(candidate)
                if next.value <= value + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            guard accepted else { break }
            let s = zip(candidate, x).map { $0 - $1 }
            let y = zip(next.gradient, gradient).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-12 {
                history.append((s, y, 1 / sy))
                if history.count > memory { history.removeFirst() }
            }
            let improvement = value - next.value
            x = candidate
            (value, gradient) = next
            if improvement <= 1e-10 * max(1, abs(value)) { break }
        }
        return x
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for k in a.indices { sum += a[k] * b[k] }
        return sum
    }

    static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        for k in y.indices { y[k] += alpha * x[k] }
    }

    static func scale(_ x: inout [Double], _ factor: Double) {
        for k in x.indices { x[k] *= factor }
    }
}
