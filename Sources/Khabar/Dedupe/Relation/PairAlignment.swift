/// Which content word of one side corresponds to which of the other.
///
/// Words are paired one to one, greedily in text order, by rules from strict to loose: the same stem;
/// the same stem without a clitic or imperfect prefix; the same skeleton (one root, other pattern);
/// one stem a prefix of the other; one typing slip in a long word. The first three passes go through
/// hash tables, so two long articles align in linear time; the loose passes only see the leftovers.
struct PairAlignment {
    /// For each word of `a`, the index of its partner in `b`, or −1; and the reverse.
    private(set) var partnerOfA: [Int32]
    private(set) var partnerOfB: [Int32]
    private(set) var matchedCount = 0

    /// Above this many leftover pairs the loose passes are skipped: the texts differ widely anyway.
    static let loosePassBudget = 40_000

    init(_ a: RelationText, _ b: RelationText) {
        partnerOfA = Array(repeating: -1, count: a.words.count)
        partnerOfB = Array(repeating: -1, count: b.words.count)

        // Index of b's words by each key, in text order.
        var byStem: [UInt64: [Int32]] = [:]
        var byVariant: [UInt64: [Int32]] = [:]
        var bySkeleton: [UInt64: [Int32]] = [:]
        for (j, word) in b.words.enumerated() {
            byStem[word.stemHash, default: []].append(Int32(j))
            for k in 0..<word.variants.count { byVariant[word.variants[k], default: []].append(Int32(j)) }
            bySkeleton[word.skeletonHash, default: []].append(Int32(j))
        }

        for (i, word) in a.words.enumerated() {
            if let j = firstFree(byStem[word.stemHash]) { pair(i, j) }
        }
        for (i, word) in a.words.enumerated() where partnerOfA[i] < 0 {
            var best: Int32 = .max
            for k in 0..<word.variants.count {
                if let j = firstFree(byVariant[word.variants[k]]), j < best { best = j }
            }
            if best != .max { pair(i, best) }
        }
        for (i, word) in a.words.enumerated() where partnerOfA[i] < 0 {
            guard let candidates = bySkeleton[word.skeletonHash] else { continue }
            for j in candidates where partnerOfB[Int(j)] < 0 && Self.sameSkeleton(a, word, b, b.words[Int(j)]) {
                pair(i, j)
                break
            }
        }

        let leftA = (0..<a.words.count).filter { partnerOfA[$0] < 0 }
        let leftB = (0..<b.words.count).filter { partnerOfB[$0] < 0 }
        guard !leftA.isEmpty, !leftB.isEmpty, leftA.count * leftB.count <= Self.loosePassBudget else { return }
        for rule in [Self.prefixRelated, Self.typingSlip] {
            for i in leftA where partnerOfA[i] < 0 {
                for j in leftB where partnerOfB[j] < 0 && rule(a, a.words[i], b, b.words[j]) {
                    pair(i, Int32(j))
                    break
                }
            }
        }
    }

    func partner(ofA i: Int) -> Int? { partnerOfA[i] < 0 ? nil : Int(partnerOfA[i]) }
    func partner(ofB j: Int) -> Int? { partnerOfB[j] < 0 ? nil : Int(partnerOfB[j]) }

    private func firstFree(_ candidates: [Int32]?) -> Int32? {
        guard let candidates else { return nil }
        for j in candidates where partnerOfB[Int(j)] < 0 { return j }
        return nil
    }

    private mutating func pair(_ i: Int, _ j: Int32) {
        partnerOfA[i] = j
        partnerOfB[Int(j)] = Int32(i)
        matchedCount += 1
    }

    /// Same skeleton; two-letter skeletons only count between short stems (ينفي / نفى), because
    /// longer words that shrink to two letters are too often unrelated.
    static func sameSkeleton(_ a: RelationText, _ x: RelationText.Word, _ b: RelationText, _ y: RelationText.Word) -> Bool {
        guard x.skeletonHash == y.skeletonHash, a.skeleton(x).elementsEqual(b.skeleton(y)) else { return false }
        return x.skeleton.count >= 3 || (x.stem.count <= 3 && y.stem.count <= 3)
    }

    /// One stem starts the other, both skeletons of three letters or more, lengths within two:
    /// "سوري" / "سوريا", "حكوم" / "حكومت".
    static func prefixRelated(_ a: RelationText, _ x: RelationText.Word, _ b: RelationText, _ y: RelationText.Word) -> Bool {
        guard x.skeleton.count >= 3, y.skeleton.count >= 3, abs(x.stem.count - y.stem.count) <= 2 else { return false }
        let s = a.stem(x), t = b.stem(y)
        return s.count <= t.count ? t.starts(with: s) : s.starts(with: t)
    }

    /// A typing slip in a word of five letters or more: one edit, same first letter ("المعانلات").
    static func typingSlip(_ a: RelationText, _ x: RelationText.Word, _ b: RelationText, _ y: RelationText.Word) -> Bool {
        let s = a.stem(x), t = b.stem(y)
        guard min(s.count, t.count) >= 5, abs(s.count - t.count) <= 1, s.first == t.first else { return false }
        return editDistanceIsAtMostOne(s, t)
    }

    static func editDistanceIsAtMostOne(_ s: ArraySlice<UInt16>, _ t: ArraySlice<UInt16>) -> Bool {
        var i = s.startIndex, j = t.startIndex
        var edits = 0
        while i < s.endIndex && j < t.endIndex {
            if s[i] == t[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if s.count > t.count { i += 1 } else if t.count > s.count { j += 1 } else { i += 1; j += 1 }
        }
        edits += (s.endIndex - i) + (t.endIndex - j)
        return edits <= 1
    }
}
