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
    static let loosePassBudget = 4_096

    init(_ a: RelationText, _ b: RelationText) {
        partnerOfA = Array(repeating: -1, count: a.words.count)
        partnerOfB = Array(repeating: -1, count: b.words.count)

        // b's words by each key, as chains in text order (a head per key, then `next` links).
        let stems = KeyChains(b.words.count) { j, add in add(b.words[j].stemHash) }
        let variants = KeyChains(b.words.count) { j, add in
            for k in 0..<b.words[j].variants.count { add(b.words[j].variants[k]) }
        }
        let skeletons = KeyChains(b.words.count) { j, add in add(b.words[j].skeletonHash) }

        for (i, word) in a.words.enumerated() {
            if let j = stems.first(word.stemHash, where: { partnerOfB[$0] < 0 }) { pair(i, Int32(j)) }
        }
        for (i, word) in a.words.enumerated() where partnerOfA[i] < 0 {
            var best = Int.max
            for k in 0..<word.variants.count {
                if let j = variants.first(word.variants[k], where: { partnerOfB[$0] < 0 }), j < best { best = j }
            }
            if best != .max { pair(i, Int32(best)) }
        }
        for (i, word) in a.words.enumerated() where partnerOfA[i] < 0 {
            let found = skeletons.first(word.skeletonHash) { j in
                partnerOfB[j] < 0 && Self.sameSkeleton(a, word, b, b.words[j])
            }
            if let j = found { pair(i, Int32(j)) }
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

/// Word indices by key without an array per key: a head index per key and a `next` link per entry,
/// each chain in increasing word order.
struct KeyChains {
    private var heads = TermTable<Int32>()
    private var next: [Int32] = []
    private var word: [Int32] = []

    /// `keysOf(j, add)` calls `add` with each key of word j, for j in 0..<count.
    init(_ count: Int, _ keysOf: (Int, (UInt64) -> Void) -> Void) {
        var heads = TermTable<Int32>(minimumCapacity: count * 2)
        var next: [Int32] = [], word: [Int32] = []
        next.reserveCapacity(count)
        word.reserveCapacity(count)
        for j in (0..<count).reversed() { // prepend in reverse, so chains run forwards
            keysOf(j) { key in
                word.append(Int32(j))
                next.append(heads[key] ?? -1)
                heads.set(key, Int32(word.count - 1))
            }
        }
        self.heads = heads
        self.next = next
        self.word = word
    }

    /// The first word with `key` that passes `accept`.
    func first(_ key: UInt64, where accept: (Int) -> Bool) -> Int? {
        var entry = heads[key] ?? -1
        while entry >= 0 {
            let j = Int(word[Int(entry)])
            if accept(j) { return j }
            entry = next[Int(entry)]
        }
        return nil
    }
}
