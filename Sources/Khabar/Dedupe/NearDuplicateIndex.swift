/// Finds near-copies among articles as they arrive: MinHash signatures over five-word shingles,
/// banded into an LSH table so that each new article is compared only with the few earlier ones
/// that share a band, never with all of them.
///
/// Two articles are copies when at least `minContainment` of the shorter one's shingles are in
/// the longer one and the shorter is at least `minLengthRatio` of the longer: the same wire item
/// lightly edited, trimmed, or wrapped in other junk. A pair that passes but says opposite things
/// (the `contradicts` check: another number, a negation, an antonym) is not a copy.
public struct NearDuplicateIndex: Sendable {
    public var minContainment = 0.8
    public var minLengthRatio = 0.5
    /// How far apart in time copies may be; older entries are dropped from the table.
    public var window: Double = 7 * 86_400
    /// How many of the latest arrivals are compared with at most, dated or not: articles without a
    /// date have no time window, and a flood of them must not grow the table without bound.
    public var maxLive = 100_000
    /// Inserts between two prunes.
    var pruneInterval = 4096

    private static let hasher = MinHasher(shingleWords: 5, signatureSize: 128)
    private var hasher: MinHasher { Self.hasher }

    /// The signature `add` compares (`ArticleProfile.shingleSignature`); nil for a text without words.
    public static func signature(of wordHashes: [UInt64]) -> [UInt32]? { hasher.signature(wordHashes) }
    /// 32 bands of 4 rows: a pair with Jaccard 0.5 shares a band with probability 0.87, with 0.7 almost surely.
    private let bands = 32
    private let rowsPerBand = 4

    private var entries: [Entry] = []
    /// Entries that still have a signature (not yet pruned), in arrival order.
    private var live: [Int32] = []
    /// Band key → the first entry that had it (later entries with the key are copies or collisions).
    private var table = TermTable<Int32>(minimumCapacity: 1 << 12)
    private var newestTime = -Double.infinity
    private var insertsSincePrune = 0

    private struct Entry {
        var id: String
        var time: Double?
        var shingles: Int
        var signature: [UInt32]?
        /// Entry index of this article's copy group's first member (itself when it is the first).
        var group: Int32
        var text: String?
    }

    public init() {}

    /// Records an article; returns the entry index of the copy it duplicates (its group's first
    /// member) or nil. `contradicts` is asked about each candidate pair that passes the overlap test.
    public mutating func add(_ profile: ArticleProfile,
                             contradicts: (String, String) -> Bool = { _, _ in false }) -> (group: Int, overlap: Double)? {
        let index = Int32(entries.count)
        let shingles = max(1, profile.wordHashes.count - hasher.shingleWords + 1)
        guard let signature = profile.shingleSignature ?? hasher.signature(profile.wordHashes) else {
            entries.append(Entry(id: profile.id, time: profile.time, shingles: 0, signature: nil, group: index, text: nil))
            return nil
        }
        if let t = profile.time { newestTime = max(newestTime, t) }

        var match: (group: Int32, overlap: Double)?
        var keys: [UInt64] = []
        keys.reserveCapacity(bands)
        var checked: [Int32] = []
        for band in 0..<bands {
            var key = TermHash.mix(UInt64(band))
            for row in 0..<rowsPerBand { key = TermHash.mix(key ^ UInt64(signature[band * rowsPerBand + row])) }
            keys.append(key)
            guard match == nil, let other = table[key], !checked.contains(other) else { continue }
            // A candidate shares several bands: judge each pair once.
            checked.append(other)
            let candidate = entries[Int(other)]
            guard let otherSignature = candidate.signature, let otherText = candidate.text,
                  isWithinWindow(candidate.time, profile.time) else { continue }
            let jaccard = MinHasher.similarity(signature, otherSignature)
            let shorter = Double(min(shingles, candidate.shingles)), longer = Double(max(shingles, candidate.shingles))
            guard shorter >= minLengthRatio * longer else { continue }
            // |A ∩ B| from the Jaccard estimate and the set sizes.
            let common = jaccard * (shorter + longer) / (1 + jaccard)
            let containment = common / shorter
            guard containment >= minContainment, !contradicts(otherText, profile.text) else { continue }
            match = (candidate.group, containment)
        }
        let group = match?.group ?? index
        entries.append(Entry(id: profile.id, time: profile.time, shingles: shingles, signature: signature,
                             group: group, text: profile.text))
        live.append(index)
        // A slot whose entry was pruned counts as empty (the table is rebuilt only now and then).
        for key in keys {
            if let holder = table[key], entries[Int(holder)].signature != nil { continue }
            table[key] = index
        }

        insertsSincePrune += 1
        if insertsSincePrune >= pruneInterval { prune() }
        return match.map { (Int($0.group), min(1, $0.overlap)) }
    }

    public func id(ofEntry index: Int) -> String { entries[index].id }

    /// Whether entry `index` can no longer be matched as the original of a copy (pruned, or too
    /// short to have a signature).
    public func isForgotten(_ index: Int) -> Bool { entries[index].signature == nil }

    private func isWithinWindow(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return true }
        return abs(a - b) <= window
    }

    /// Forgets signatures and texts of articles older than the window or more than `maxLive`
    /// arrivals ago: memory stays bounded by the window, not by everything ever seen. Costs one
    /// pass over the live entries; the table, whose slots of forgotten entries count as empty,
    /// is rebuilt only once it holds twice the live entries' keys.
    private mutating func prune() {
        insertsSincePrune = 0
        let horizon = newestTime - window
        let oldestKept = entries.count - maxLive
        var kept: [Int32] = []
        kept.reserveCapacity(live.count)
        for i in live {
            if Int(i) < oldestKept || (entries[Int(i)].time.map { $0 < horizon } ?? false) {
                entries[Int(i)].signature = nil
                entries[Int(i)].text = nil
            } else {
                kept.append(i)
            }
        }
        live = kept
        guard table.count > 2 * bands * live.count + 4096 else { return }
        var table = TermTable<Int32>(minimumCapacity: bands * live.count)
        self.table.forEach { key, entry in if entries[Int(entry)].signature != nil { table[key] = entry } }
        self.table = table
    }
}
