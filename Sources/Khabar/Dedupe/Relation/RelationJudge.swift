/// How two texts relate.
public enum PairRelation: String, Sendable, CaseIterable {
    /// The same news: paraphrased, copied, or re-posted.
    case same
    /// The same news slot with an incompatible claim: another number, a negation, an opposite word,
    /// another place. Such a pair belongs to one story but is never a duplicate.
    case contradicts
    /// Not the same news.
    case different
}

/// The contradiction cues found between two texts (for explanations and for the duplicate detector).
public struct ContradictionCues: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Different numbers on the two sides ("17" and "١٧" are the same number).
    public static let number = ContradictionCues(rawValue: 1 << 0)
    /// A negation on one side only.
    public static let negation = ContradictionCues(rawValue: 1 << 1)
    /// Opposite words of one concept: أعلى / أدنى, يرفض / يقبل, فوز / خسارة.
    public static let antonym = ContradictionCues(rawValue: 1 << 2)
    /// One place swapped for another.
    public static let place = ContradictionCues(rawValue: 1 << 3)
    /// A fact on one side, a possibility or a question on the other.
    public static let modality = ContradictionCues(rawValue: 1 << 4)
}

public struct PairJudgement: Sendable, Equatable {
    public let relation: PairRelation
    /// Content-word overlap, 0…1 (Dice over matched words; inflections and spellings of a word match).
    public let similarity: Double
    /// The model's probability that a related pair is the same news rather than a contradiction.
    public let sameProbability: Double
    public let cues: ContradictionCues
}

/// Judges whether two texts say the same thing, contradict each other, or are about different things.
///
/// Short texts (headlines, leads) go through a logistic model learnt from the ANS stance training
/// pairs (`khabar-bench train-relation`), over the alignment of their content words. Long texts
/// (articles) are compared by what differs between them: near-identical texts whose few differing
/// words carry a contradiction cue are `contradicts`, otherwise overlap decides.
public struct RelationJudge: Sendable {
    public let model: RelationModel

    /// Texts with more content words than this (on either side) are judged as long texts.
    public static let longTextWords = 40
    /// Long texts are near-identical when at most this share of their words (or 4 words) differ:
    /// a contradiction cue among those few differences then decides. With more differences (an extra
    /// paragraph, other junk around the copy) the cues are not local enough to trust.
    public static let nearIdenticalDifference = 0.1
    /// Long texts at least this similar (and without a decisive cue) are the same news.
    public static let longSameSimilarity = 0.5

    public init(model: RelationModel = .shipped) {
        self.model = model
    }

    public func judge(_ a: String, _ b: String) -> PairJudgement {
        judge(RelationText(a), RelationText(b))
    }

    /// The same judgement on texts analysed beforehand (each `RelationText` can be reused across pairs).
    public func judge(_ a: RelationText, _ b: RelationText) -> PairJudgement {
        let alignment = PairAlignment(a, b)
        let similarity = PairFeatures.similarity(a.words.count, b.words.count, alignment.matchedCount)
        if max(a.words.count, b.words.count) > Self.longTextWords {
            return judgeLong(a, b, alignment, similarity)
        }
        let features = PairFeatures(a, b, alignment)
        let probability = model.sameProbability(features)
        let cues = ContradictionCues.between(a, b, alignment, strictPlaces: false)
        let relation: PairRelation
        if a.sequenceHash == b.sequenceHash && a.negations == b.negations {
            relation = .same // identical up to spelling, digits and punctuation
        } else if similarity < model.differentBelowSimilarity {
            relation = .different
        } else {
            relation = probability >= model.sameThreshold ? .same : .contradicts
        }
        return PairJudgement(relation: relation, similarity: similarity, sameProbability: probability, cues: cues)
    }

    private func judgeLong(_ a: RelationText, _ b: RelationText, _ alignment: PairAlignment,
                           _ similarity: Double) -> PairJudgement {
        let cues = ContradictionCues.between(a, b, alignment, strictPlaces: true)
        let decisive = cues.subtracting(.modality) // modality words are too common in articles to decide
        let longest = max(a.words.count, b.words.count)
        let differing = max(a.words.count, b.words.count) - alignment.matchedCount
        let nearIdentical = Double(differing) <= max(4, Self.nearIdenticalDifference * Double(longest))
        let relation: PairRelation
        if nearIdentical && !decisive.isEmpty {
            relation = .contradicts
        } else if similarity >= Self.longSameSimilarity {
            relation = .same
        } else {
            relation = .different
        }
        return PairJudgement(relation: relation, similarity: similarity,
                             sameProbability: relation == .same ? 1 : 0, cues: cues)
    }
}

extension ContradictionCues {
    /// The cues between two analysed texts. With `strictPlaces` (long texts) only places among the
    /// unmatched words count, since articles name many places in passing, negations count by number,
    /// and poles count only among the unmatched words.
    static func between(_ a: RelationText, _ b: RelationText, _ alignment: PairAlignment,
                        strictPlaces: Bool) -> ContradictionCues {
        var cues: ContradictionCues = []
        if numberDifference(a.numbers, b.numbers) == .bothSides { cues.insert(.number) }
        if strictPlaces ? a.negations != b.negations : (a.negations > 0) != (b.negations > 0) { cues.insert(.negation) }
        let unmatchedA = (0..<a.words.count).filter { alignment.partner(ofA: $0) == nil }
        let unmatchedB = (0..<b.words.count).filter { alignment.partner(ofB: $0) == nil }
        // Poles attached to their words cost poles × words: headlines only.
        if poleDifference(a, unmatchedA, b, unmatchedB).conflicts > 0
            || (!strictPlaces && PairFeatures.attachedPoleConflict(a, b, alignment)) {
            cues.insert(.antonym)
        }
        let places = strictPlaces ? unmatchedPlaceDifference(a, unmatchedA, b, unmatchedB) : placeDifference(a, b).substitution
        if places { cues.insert(.place) }
        if a.hasModality != b.hasModality || a.isQuestion != b.isQuestion { cues.insert(.modality) }
        return cues
    }

    enum Sides { case none, oneSide, bothSides }

    /// Numbers (as multisets of values) present on one side and missing from the other.
    static func numberDifference(_ a: [Double], _ b: [Double]) -> Sides {
        var remaining = b
        var onlyInA = 0
        for value in a {
            if let k = remaining.firstIndex(of: value) { remaining.remove(at: k) } else { onlyInA += 1 }
        }
        if onlyInA > 0 && !remaining.isEmpty { return .bothSides }
        return onlyInA > 0 || !remaining.isEmpty ? .oneSide : .none
    }

    /// Per concept, the signed sum of the poles among the unmatched words of each side: opposite
    /// sums are a conflict, a sum on one side only is a one-sided pole.
    static func poleDifference(_ a: RelationText, _ unmatchedA: [Int], _ b: RelationText,
                               _ unmatchedB: [Int]) -> (conflicts: Int, oneSided: Int) {
        var sums: [UInt8: (a: Int, b: Int)] = [:]
        for k in unmatchedA { if let pole = a.words[k].pole { sums[pole.concept, default: (0, 0)].a += Int(pole.sign) } }
        for k in unmatchedB { if let pole = b.words[k].pole { sums[pole.concept, default: (0, 0)].b += Int(pole.sign) } }
        var conflicts = 0, oneSided = 0
        for (_, sum) in sums {
            if sum.a * sum.b < 0 { conflicts += 1 } else if (sum.a == 0) != (sum.b == 0) { oneSided += 1 }
        }
        return (conflicts, oneSided)
    }

    /// Places named on the two sides, by country: one swapped for another, one added or dropped,
    /// or the same places in another order ("كندا تشتكي أميركا" / "أميركا تشتكي كندا").
    static func placeDifference(_ a: RelationText, _ b: RelationText) -> (substitution: Bool, oneSided: Bool, orderSwap: Bool) {
        let orderA = firstOccurrences(a.words.compactMap(\.place))
        let orderB = firstOccurrences(b.words.compactMap(\.place))
        let setA = Set(orderA), setB = Set(orderB)
        let substitution = !setA.subtracting(setB).isEmpty && !setB.subtracting(setA).isEmpty
        return (substitution, !substitution && setA != setB, setA.count >= 2 && setA == setB && orderA != orderB)
    }

    static func unmatchedPlaceDifference(_ a: RelationText, _ unmatchedA: [Int], _ b: RelationText,
                                         _ unmatchedB: [Int]) -> Bool {
        let allA = Set(a.words.compactMap(\.place)), allB = Set(b.words.compactMap(\.place))
        let newInA = unmatchedA.contains { a.words[$0].place.map { !allB.contains($0) } ?? false }
        let newInB = unmatchedB.contains { b.words[$0].place.map { !allA.contains($0) } ?? false }
        return newInA && newInB
    }

    private static func firstOccurrences(_ ids: [UInt16]) -> [UInt16] {
        var seen = Set<UInt16>()
        return ids.filter { seen.insert($0).inserted }
    }
}
