/// What differs between two short texts, as numbers a linear model can weigh.
///
/// Dense features describe the shape of the difference (how much matches, what kind of words are
/// left over, whether they sit in the same slot) and the contradiction cues (a negation on one side,
/// different numbers, opposite poles of one concept, other places, a role swap). Lexical features
/// name the skeletons of the words left unmatched, so the model can learn which words flip meaning.
struct PairFeatures {
    /// Names of the dense features, in vector order. The model file refers to them by name.
    static let denseNames: [String] = {
        var names = ["similarity", "unmatched_min", "unmatched_max"]
        names += shapes.map { "shape:" + $0 }
        names += ["negation_differs", "question_differs", "number_mismatch", "number_one_side",
                  "pole_conflict", "pole_one_side", "attached_pole_conflict",
                  "place_substitution", "place_one_side", "place_order_swap", "substitutions"]
        for group in ["substitution", "strict", "lone_strict"] {
            names += SubstitutionKind.allCases.map { group + ":" + $0.rawValue }
        }
        names += ["both_numbers", "both_times", "modality_differs", "order_inversions", "role_swap",
                  "segment_pole_conflict"]
        return names
    }()
    static let denseIndex: [String: Int] = Dictionary(uniqueKeysWithValues: denseNames.enumerated().map { ($1, $0) })
    /// How many words are left over on each side, bucketed: none, one, several.
    static let shapes = ["00", "01", "0n", "11", "1n", "nn"]

    enum SubstitutionKind: String, CaseIterable {
        case antonym, synonym, place, samePlace = "same_place", number, poleOther = "pole_other", unknown
    }

    private(set) var dense: [Double]
    /// Skeleton hashes of the unmatched words (each once).
    private(set) var lexical: [UInt64] = []
    /// The same skeletons as text, only when asked for (training writes them into the model).
    private(set) var lexicalWords: [String] = []

    init(_ a: RelationText, _ b: RelationText, _ alignment: PairAlignment, keepWords: Bool = false) {
        dense = Array(repeating: 0, count: Self.denseNames.count)
        func add(_ name: String, _ value: Double = 1) { dense[Self.denseIndex[name]!] += value }

        let countA = a.words.count, countB = b.words.count
        add("similarity", PairFeatures.similarity(countA, countB, alignment.matchedCount))
        let unmatchedA = (0..<countA).filter { alignment.partner(ofA: $0) == nil }
        let unmatchedB = (0..<countB).filter { alignment.partner(ofB: $0) == nil }
        add("unmatched_min", Double(min(unmatchedA.count, unmatchedB.count)))
        add("unmatched_max", Double(max(unmatchedA.count, unmatchedB.count)))
        func bucket(_ n: Int) -> Character { n == 0 ? "0" : n == 1 ? "1" : "n" }
        let shape = [bucket(unmatchedA.count), bucket(unmatchedB.count)].sorted()
        add("shape:" + String(shape))

        if (a.negations > 0) != (b.negations > 0) { add("negation_differs") }
        if a.isQuestion != b.isQuestion { add("question_differs") }
        switch ContradictionCues.numberDifference(a.numbers, b.numbers) {
        case .bothSides: add("number_mismatch")
        case .oneSide: add("number_one_side")
        case .none: break
        }

        let poles = ContradictionCues.poleDifference(a, unmatchedA, b, unmatchedB)
        add("pole_conflict", Double(poles.conflicts))
        add("pole_one_side", Double(poles.oneSided))
        if Self.attachedPoleConflict(a, b, alignment) { add("attached_pole_conflict") }

        let places = ContradictionCues.placeDifference(a, b)
        if places.substitution { add("place_substitution") } else if places.oneSided { add("place_one_side") }
        if places.orderSwap { add("place_order_swap") }

        let slots = SubstitutionSlots(a, b, alignment, unmatchedA, unmatchedB)
        add("substitutions", Double(slots.pairs.count))
        for pair in slots.pairs {
            let kind = Self.kind(a.words[pair.a], b.words[pair.b])
            add("substitution:" + kind.rawValue)
            if pair.strict {
                add("strict:" + kind.rawValue)
                if unmatchedA.count == 1 && unmatchedB.count == 1 { add("lone_strict:" + kind.rawValue) }
            }
        }
        if unmatchedA.contains(where: { a.words[$0].isNumber }) && unmatchedB.contains(where: { b.words[$0].isNumber }) {
            add("both_numbers")
        }
        if unmatchedA.contains(where: { a.words[$0].isTime }) && unmatchedB.contains(where: { b.words[$0].isTime }) {
            add("both_times")
        }
        if a.hasModality != b.hasModality { add("modality_differs") }
        add("order_inversions", Self.inversionRate(alignment, countA))
        if Self.hasRoleSwap(a, b, alignment) { add("role_swap") }
        if Self.segmentPoleConflict(a, b, alignment) { add("segment_pole_conflict") }

        var seen = Set<UInt64>()
        for (text, indices) in [(a, unmatchedA), (b, unmatchedB)] {
            for k in indices where seen.insert(text.words[k].skeletonHash).inserted {
                lexical.append(text.words[k].skeletonHash)
                if keepWords { lexicalWords.append(text.skeletonString(text.words[k])) }
            }
        }
    }

    /// Dice overlap of content words: matched words on both sides over all content words.
    static func similarity(_ countA: Int, _ countB: Int, _ matched: Int) -> Double {
        countA + countB == 0 ? 1 : 2 * Double(matched) / Double(countA + countB)
    }

    static func kind(_ x: RelationText.Word, _ y: RelationText.Word) -> SubstitutionKind {
        if let p = x.pole, let q = y.pole, p.concept == q.concept { return p.sign != q.sign ? .antonym : .synonym }
        if let p = x.place, let q = y.place { return p != q ? .place : .samePlace }
        if x.isNumber && y.isNumber { return .number }
        if x.pole != nil || y.pole != nil { return .poleOther }
        return .unknown
    }

    /// A pole word belongs to the nearest matched word (the thing that rises, wins, is refused…);
    /// the same matched word with opposite poles on the two sides is a contradiction even when
    /// both pole words occur on both sides ("النفط يرتفع والدولار يهبط" / "النفط يهبط والدولار يرتفع").
    static func attachedPoleConflict(_ a: RelationText, _ b: RelationText, _ alignment: PairAlignment) -> Bool {
        let inA = attachedPoles(a) { alignment.partner(ofA: $0) != nil }
        guard !inA.isEmpty else { return false }
        let inB = attachedPoles(b) { alignment.partner(ofB: $0) != nil }
        for (key, sign) in inA {
            guard let j = alignment.partner(ofA: key.word), let other = inB[Key(word: j, concept: key.concept)] else { continue }
            if sign * other < 0 { return true }
        }
        return false
    }

    struct Key: Hashable { let word: Int; let concept: UInt8 }

    private static func attachedPoles(_ text: RelationText, isMatched: (Int) -> Bool) -> [Key: Int] {
        var result: [Key: Int] = [:]
        for word in text.words {
            guard let pole = word.pole else { continue }
            var best: (distance: Double, index: Int)? = nil
            for (k, other) in text.words.enumerated() where other.pole == nil && isMatched(k) {
                // ties go to the word after: "ارتفاع النفط" attaches to النفط
                let distance = Double(abs(other.position - word.position)) + (other.position < word.position ? 0.5 : 0)
                if best == nil || distance < best!.distance { best = (distance, k) }
            }
            if let best { result[Key(word: best.index, concept: pole.concept), default: 0] += Int(pole.sign) }
        }
        return result
    }

    /// "X verb Y" on one side, "Y verb X" on the other: two matched countries or leaders sit tightly
    /// on either side of the same matched pivot, in opposite order ("كندا تشتكي أميركا" /
    /// "أميركا تشتكي كندا", "ميركل تحذر ترامب" / "ترامب يحذر ميركل").
    static func hasRoleSwap(_ a: RelationText, _ b: RelationText, _ alignment: PairAlignment) -> Bool {
        let before = 2, after = 3 // word positions: a subject just before the verb, an object soon after
        for (v, pivot) in a.words.enumerated() {
            guard let v2 = alignment.partner(ofA: v), pivot.place == nil else { continue }
            let pivotB = b.words[v2]
            for (x, wordX) in a.words.enumerated() where wordX.place != nil && wordX.position < pivot.position
                && pivot.position - wordX.position <= before {
                guard let x2 = alignment.partner(ofA: x) else { continue }
                let xB = b.words[x2]
                guard xB.position > pivotB.position && xB.position - pivotB.position <= after else { continue }
                for (y, wordY) in a.words.enumerated() where wordY.place != nil && wordY.place != wordX.place
                    && wordY.position > pivot.position
                    && wordY.position - pivot.position <= after {
                    guard let y2 = alignment.partner(ofA: y) else { continue }
                    let yB = b.words[y2]
                    if yB.position < pivotB.position && pivotB.position - yB.position <= before { return true }
                }
            }
        }
        return false
    }

    /// Each matched word falls under the pole word before it ("ارتفاع الدولار مع هبوط اليورو": الدولار
    /// under ارتفاع, اليورو under هبوط); the same word under opposite poles of one concept on the two
    /// sides is a contradiction.
    static func segmentPoleConflict(_ a: RelationText, _ b: RelationText, _ alignment: PairAlignment) -> Bool {
        func segments(_ text: RelationText) -> [RelationLexicon.Pole?] {
            var current: RelationLexicon.Pole? = nil
            return text.words.map { word in
                if let pole = word.pole { current = pole; return nil }
                return current
            }
        }
        let underA = segments(a), underB = segments(b)
        for (i, pole) in underA.enumerated() {
            guard let pole, let j = alignment.partner(ofA: i), let other = underB[j] else { continue }
            if pole.concept == other.concept && pole.sign != other.sign { return true }
        }
        return false
    }

    /// Share of matched word pairs whose order differs between the sides (0 = same order).
    static func inversionRate(_ alignment: PairAlignment, _ countA: Int) -> Double {
        var order: [Int] = []
        for i in 0..<countA { if let j = alignment.partner(ofA: i) { order.append(j) } }
        guard order.count >= 2 else { return 0 }
        var inversions = 0
        for x in 0..<order.count { for y in (x + 1)..<order.count where order[x] > order[y] { inversions += 1 } }
        return Double(inversions) / Double(order.count * (order.count - 1) / 2)
    }
}

/// Unmatched words of the two sides that stand in the same place: between the same matched
/// neighbours (a word swapped for another), or both at the same edge of the text.
struct SubstitutionSlots {
    struct Pair { let a: Int; let b: Int; let strict: Bool }
    private(set) var pairs: [Pair] = []

    init(_ a: RelationText, _ b: RelationText, _ alignment: PairAlignment, _ unmatchedA: [Int], _ unmatchedB: [Int]) {
        let (leftA, rightA) = Self.anchors(a.words.count) { alignment.partner(ofA: $0) != nil }
        let (leftB, rightB) = Self.anchors(b.words.count) { alignment.partner(ofB: $0) != nil }
        for k in unmatchedA {
            for l in unmatchedB {
                let sameLeft = leftA[k].flatMap { alignment.partner(ofA: $0) }.map { $0 == leftB[l] } ?? false
                let sameRight = rightA[k].flatMap { alignment.partner(ofA: $0) }.map { $0 == rightB[l] } ?? false
                let leftEdge = leftA[k] == nil && leftB[l] == nil
                let rightEdge = rightA[k] == nil && rightB[l] == nil
                guard sameLeft || sameRight || leftEdge || rightEdge else { continue }
                pairs.append(Pair(a: k, b: l, strict: (sameLeft || leftEdge) && (sameRight || rightEdge)))
            }
        }
    }

    /// For each word, the nearest matched word before and after it (nil at the edges).
    static func anchors(_ count: Int, isMatched: (Int) -> Bool) -> (left: [Int?], right: [Int?]) {
        var left = [Int?](repeating: nil, count: count), right = [Int?](repeating: nil, count: count)
        var last: Int? = nil
        for k in 0..<count {
            left[k] = last
            if isMatched(k) { last = k }
        }
        last = nil
        for k in stride(from: count - 1, through: 0, by: -1) {
            right[k] = last
            if isMatched(k) { last = k }
        }
        return (left, right)
    }
}
