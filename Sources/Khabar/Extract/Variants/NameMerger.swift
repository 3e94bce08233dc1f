import KhabarText

/// One name as it appeared, with optional words around it (used only to choose between entities
/// a short form could belong to).
public struct NameMention: Sendable {
    public var text: String
    public var context: [String]
    public init(_ text: String, context: [String] = []) {
        self.text = text
        self.context = context
    }
}

/// Groups name mentions into entities despite transliteration variants, titles and short forms.
///
/// Two mentions are one entity when their `NameKey`s are equal, or close for long enough names
/// (edit distance over the run-together skeletons: 1 from `oneEditLength` symbols, 2 from
/// `twoEditsLength`). Then a group of one-word mentions ("بوتين", "كيم") joins the multi-word entity
/// with a word of the same key ("فلاديمير بوتين") when exactly one such entity exists; when several do
/// (سيرغي: Shoigu and Lavrov), the one sharing most context words wins, else it stays apart. Last, a
/// name of three or more words that begins exactly one longer name joins it.
public struct NameMerger: Sendable {
    /// Shortest skeleton (symbols) for which one edit still means the same name. Short skeletons are
    /// too dense: TM is تيم and توم, so they must match exactly.
    public var oneEditLength: Int
    /// Shortest skeleton for which two edits still mean the same name.
    public var twoEditsLength: Int

    /// Shortest skeleton that may differ at all (by half an edit: بوريس/بوريش, انج/انجي).
    public var shortestFuzzyLength: Int

    public init(shortestFuzzyLength: Int = 3, oneEditLength: Int = 6, twoEditsLength: Int = 10) {
        self.shortestFuzzyLength = shortestFuzzyLength
        self.oneEditLength = oneEditLength
        self.twoEditsLength = twoEditsLength
    }

    /// Groups of mention indices, each an entity, ordered by first mention; indices ascend in a group.
    public func group(_ mentions: [String]) -> [[Int]] {
        group(mentions.map { NameMention($0) })
    }

    public func group(_ mentions: [NameMention]) -> [[Int]] {
        let keys = mentions.map { NameKey($0.text) }
        var sets = DisjointSets(count: mentions.count)

        // 1. Same or close keys. Distinct keys first, so repeated spellings cost one comparison.
        var firstWithKey: [NameKey: Int] = [:]
        for (index, key) in keys.enumerated() where !key.isEmpty {
            if let earlier = firstWithKey[key] { sets.union(earlier, index) } else { firstWithKey[key] = index }
        }
        let distinct = firstWithKey.values.sorted()
        for a in 0..<distinct.count {
            for b in (a + 1)..<distinct.count where sameName(keys[distinct[a]], keys[distinct[b]]) {
                sets.union(distinct[a], distinct[b])
            }
        }

        // 2. Short forms: a group whose mentions are all one word joins the unique multi-word entity
        //    that has a word of the same (or a close) skeleton.
        let roots = (0..<mentions.count).map { sets.find($0) }
        var isSingleWordGroup: [Int: Bool] = [:]
        for index in mentions.indices where !keys[index].isEmpty {
            let single = keys[index].tokens.count == 1
            isSingleWordGroup[roots[index], default: true] = isSingleWordGroup[roots[index], default: true] && single
        }
        // Word skeleton → multi-word groups using it. Only bare words: "كوريا" is not the "الكورية" of
        // "وكالة الأنباء المركزية الكورية".
        var multiWordOwners: [[UInt8]: Set<Int>] = [:]
        for index in mentions.indices where keys[index].tokens.count > 1 {
            for (token, hadArticle) in zip(keys[index].tokens, keys[index].hadArticle) where !hadArticle {
                multiWordOwners[token, default: []].insert(roots[index])
            }
        }
        let contextWords = mentions.map { Set($0.context.map { ArabicNormalizer.normalize($0, .matching) }) }
        for (root, single) in isSingleWordGroup where single {
            let token = keys[root].tokens[0]
            var owners = multiWordOwners[token] ?? []
            if owners.isEmpty {
                for (ownerToken, groups) in multiWordOwners where sameName(token, ownerToken) { owners.formUnion(groups) }
            }
            guard !owners.isEmpty else { continue }
            let chosen = owners.count == 1 ? owners.first : bestByContext(root, among: owners, roots: roots, context: contextWords)
            if let chosen { sets.union(root, chosen) }
        }

        // 3. Cut-short long names: a name of three or more words that begins a unique longer name
        //    ("وكالة الأنباء المركزية الكورية" / "… الكورية الشمالية") is that name. Shorter names are
        //    left alone: "كوريا الشمالية" begins too many names to be read as one of them.
        let minimumPrefixWords = 3
        for index in mentions.indices where keys[index].tokens.count >= minimumPrefixWords {
            let words = keys[index].tokens
            var owners = Set<Int>()
            for other in mentions.indices where keys[other].tokens.count > words.count
                && Array(keys[other].tokens.prefix(words.count)) == words {
                owners.insert(sets.find(other))
            }
            if owners.count == 1, let owner = owners.first { sets.union(index, owner) }
        }

        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for index in mentions.indices {
            let root = sets.find(index)
            if groups[root] == nil { order.append(root) }
            groups[root, default: []].append(index)
        }
        return order.map { groups[$0]! }
    }

    /// Whether two keys spell one name. With as many words on each side, word by word, so two edits
    /// in one short word (عبد العزيز/عبد الله) do not pass as spread over a long name; otherwise run
    /// together (بيونغيانغ/بيونغ يانغ).
    public func sameName(_ a: NameKey, _ b: NameKey) -> Bool {
        if a.isEmpty || b.isEmpty { return false }
        if a.tokens.count == b.tokens.count {
            return zip(a.tokens, b.tokens).allSatisfy { sameName($0, $1) }
        }
        return sameName(a.joined, b.joined)
    }

    /// Whether two run-together skeletons spell one name: equal, or within the edit budget their length allows.
    public func sameName(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        let shorter = min(a.count, b.count)
        // Budgets in half edits; short skeletons get only one look-alike swap or a final vowel.
        let budget = shorter >= twoEditsLength ? 4 : (shorter >= oneEditLength ? 2 : (shorter >= shortestFuzzyLength ? 1 : 0))
        guard budget > 0, abs(a.count - b.count) * 1 <= budget else { return false }
        return EditDistance.atMost(a, b, halfEdits: budget)
    }

    /// The owner group sharing most context words with the short-form group, when one clearly does.
    private func bestByContext(_ root: Int, among owners: Set<Int>, roots: [Int], context: [Set<String>]) -> Int? {
        var mine = Set<String>()
        var theirs: [Int: Set<String>] = [:]
        for index in roots.indices {
            if roots[index] == root { mine.formUnion(context[index]) }
            else if owners.contains(roots[index]) { theirs[roots[index], default: []].formUnion(context[index]) }
        }
        guard !mine.isEmpty else { return nil }
        let scored = theirs.map { ($0.key, $0.value.intersection(mine).count) }.sorted { $0.1 > $1.1 }
        guard let best = scored.first, best.1 > 0 else { return nil }
        if scored.count > 1 && scored[1].1 == best.1 { return nil }
        return best.0
    }
}

/// Bounded edit distance over skeleton bytes, in half edits: swapping letters that writers confuse
/// for one foreign sound (س/ز s/z, س/ش s/sh, ش/ك -ić as يتش or يك, ك/خ Spanish j) and adding or
/// dropping a final vowel or an h (اهتيساري/اتيساري) cost half an edit; everything else costs one.
enum EditDistance {
    /// Cost in half edits of replacing `x` by `y`.
    @inline(__always)
    static func substitutionCost(_ x: UInt8, _ y: UInt8) -> Int {
        if x == y { return 0 }
        return nearPairs[Int(x & 0x7F) << 7 | Int(y & 0x7F)] ? 1 : 2
    }

    /// Cost in half edits of inserting or deleting `x`.
    @inline(__always)
    static func indelCost(_ x: UInt8) -> Int {
        x == UInt8(ascii: "V") || x == UInt8(ascii: "H") ? 1 : 2
    }

    /// 128×128 table: true for symbol pairs that swap for one foreign sound.
    static let nearPairs: [Bool] = {
        var table = [Bool](repeating: false, count: 128 * 128)
        for pair in ["SZ", "SC", "CK", "KX"] {
            let bytes = Array(pair.utf8)
            table[Int(bytes[0]) << 7 | Int(bytes[1])] = true
            table[Int(bytes[1]) << 7 | Int(bytes[0])] = true
        }
        return table
    }()

    /// True when `a` and `b` are at most `limit` half edits apart.
    static func atMost(_ a: [UInt8], _ b: [UInt8], halfEdits limit: Int) -> Bool {
        var previous = [Int](repeating: 0, count: b.count + 1)
        for j in stride(from: 1, through: b.count, by: 1) { previous[j] = previous[j - 1] + indelCost(b[j - 1]) }
        if a.isEmpty { return previous[b.count] <= limit }
        var current = previous
        for i in 1...a.count {
            current[0] = previous[0] + indelCost(a[i - 1])
            var rowMinimum = current[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + substitutionCost(a[i - 1], b[j - 1])
                current[j] = min(substitution, previous[j] + indelCost(a[i - 1]), current[j - 1] + indelCost(b[j - 1]))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return false } // every later cell only grows
            swap(&previous, &current)
        }
        return previous[b.count] <= limit
    }
}

/// Union-find over mention indices, with path halving.
struct DisjointSets {
    private var parent: [Int]
    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var node = x
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    /// Joins the sets; the smaller index becomes the root, so groups keep their first mention as root.
    mutating func union(_ a: Int, _ b: Int) {
        let rootA = find(a), rootB = find(b)
        if rootA == rootB { return }
        if rootA < rootB { parent[rootB] = rootA } else { parent[rootA] = rootB }
    }
}
