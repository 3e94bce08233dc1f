import Foundation
import KhabarText

/// Word classes learnt from unlabelled news: words used in the same contexts share a class, so
/// the tagger generalises from the names ANERcorp has to names it never saw (a new minister's
/// surname keeps the company of other surnames). Two granularities, as with the prefixes of
/// Brown clusters: a fine class and a coarse one. Words rarer than the builder's cut-off have no
/// class, which says something too: news text repeats its common words, not its rare names.
///
/// Keys are the hashes of clitic-stripped words (`EntityWordForms.stripped`), as the tagger's
/// features see them. The table ships as `Resources/word-clusters.bin`, built by
/// `khabar-bench build-word-clusters` from the SaudiNewsNet week (hashes and class numbers only).
public struct WordClusters: Sendable {
    /// Stripped-word hash → fine class << 16 | coarse class.
    private let lookup: TermTable<UInt32>
    public var count: Int { lookup.count }

    /// The class code of a word without a class (both granularities).
    static let none: UInt32 = 0xFFFF_FFFF

    init(classes: [(key: UInt64, fine: UInt16, coarse: UInt16)]) {
        var lookup = TermTable<UInt32>(minimumCapacity: classes.count)
        for entry in classes { lookup[entry.key] = UInt32(entry.fine) << 16 | UInt32(entry.coarse) }
        self.lookup = lookup
    }

    /// Fine class << 16 | coarse class, or `none`.
    @inline(__always)
    func code(stripped: UInt64) -> UInt32 { lookup[stripped] ?? Self.none }

    /// The fine and coarse class of a written word (nil: no class), for inspecting the classes.
    public func classes(of word: String) -> (fine: Int, coarse: Int)? {
        let code = code(stripped: WordClusterBuilder.strippedHash(word))
        return code == Self.none ? nil : (Int(code >> 16), Int(code & 0xFFFF))
    }

    public static let empty = WordClusters(classes: [])

    /// The table that ships with Khabar (empty when the resource is missing: every word is classless).
    public static let shipped: WordClusters = {
        guard let url = Bundle.module.url(forResource: "word-clusters", withExtension: "bin"),
              let data = try? Data(contentsOf: url), let clusters = WordClusters(encoded: data) else { return .empty }
        return clusters
    }()

    // Format: "KWCL", UInt32 version 1, UInt32 count, then per word sorted by key: UInt64 key,
    // UInt16 fine, UInt16 coarse; little-endian.
    private static let magic = Array("KWCL".utf8)

    public var encoded: Data {
        var entries: [(UInt64, UInt32)] = []
        lookup.forEach { entries.append(($0, $1)) }
        entries.sort { $0.0 < $1.0 }
        var bytes = Self.magic
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        put(UInt32(1))
        put(UInt32(entries.count))
        for (key, code) in entries { put(key); put(UInt16(code >> 16)); put(UInt16(code & 0xFFFF)) }
        return Data(bytes)
    }

    public init?(encoded data: Data) {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, Array(bytes[0..<4]) == Self.magic else { return nil }
        func read<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
            var value: T = 0
            for k in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + k]) << (8 * k) }
            return value
        }
        guard read(UInt32.self, at: 4) == 1 else { return nil }
        let count = Int(read(UInt32.self, at: 8))
        guard bytes.count == 12 + count * 12 else { return nil }
        self.init(classes: (0..<count).map { i in
            let at = 12 + i * 12
            return (read(UInt64.self, at: at), read(UInt16.self, at: at + 8), read(UInt16.self, at: at + 10))
        })
    }
}

/// Learns `WordClusters` from plain text: each frequent word is described by the words right around
/// it (±1 and, weighted half, ±2, among the `contextWords` most frequent words; positive PMI), and
/// spherical k-means on those sparse profiles (cosine) groups the words twice, into `fineClusters`
/// and `coarseClusters` classes. Deterministic: k-means seeds come from a fixed seed.
public struct WordClusterBuilder {
    public var vocabularySize = 60_000
    public var minimumCount = 3
    public var contextWords = 1_000
    public var fineClusters = 512
    public var coarseClusters = 64
    public var iterations = 12
    /// k-means starts from words among this many most frequent ones (their profiles are reliable).
    public var seedPool = 10_000
    public var seed: UInt64 = 0x434C_5553_5445_5253

    /// Stripped-word hashes, one array per paragraph.
    private var texts: [[UInt64]] = []
    private var scratch: [UInt8] = []

    public init() {}

    /// Adds one paragraph (or sentence) of running text.
    public mutating func add(text: String) {
        texts.append(Tokenizer.tokenize(text).map { Self.strippedHash($0.text, scratch: &scratch) })
    }

    /// The key of a token: the hash of its clitic-stripped matching form, as `EntityWordForms.stripped`.
    static func strippedHash(_ token: String) -> UInt64 {
        var scratch: [UInt8] = []
        return strippedHash(token, scratch: &scratch)
    }

    static func strippedHash(_ token: String, scratch: inout [UInt8]) -> UInt64 {
        scratch.removeAll(keepingCapacity: true)
        var copy = token
        copy.withUTF8 { ArabicNormalizer.append($0, EntityWordForms.options, to: &scratch) }
        return scratch.withUnsafeBufferPointer { w in
            TermHash.hash(UnsafeBufferPointer(rebasing: w[EntityWordForms.strippedRange(w)]))
        }
    }

    public var tokenCount: Int { texts.reduce(0) { $0 + $1.count } }

    public func build() -> WordClusters {
        var counts: [UInt64: Int] = [:]
        for text in texts { for word in text { counts[word, default: 0] += 1 } }
        let vocabulary = counts.filter { $0.value >= minimumCount }
            .sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(vocabularySize).map(\.key)
        guard vocabulary.count > fineClusters else { return .empty }
        var index: [UInt64: Int] = [:]
        for (i, word) in vocabulary.enumerated() { index[word] = i }
        let profiles = contextProfiles(vocabulary: vocabulary, index: index)
        let features = contextFeatureCount(vocabulary.count)
        let fine = SphericalKMeans(profiles: profiles, features: features, clusters: fineClusters,
                                   iterations: iterations, seedPool: seedPool, seed: seed).assignments
        let coarse = SphericalKMeans(profiles: profiles, features: features, clusters: coarseClusters,
                                     iterations: iterations, seedPool: seedPool, seed: seed ^ 0xC0A2_5E00).assignments
        return WordClusters(classes: vocabulary.indices.map { (vocabulary[$0], UInt16(fine[$0]), UInt16(coarse[$0])) })
    }

    private static let offsets = [-2, -1, 1, 2]
    private static let offsetWeights: [Float] = [0.5, 1, 1, 0.5]

    private func contextFeatureCount(_ vocabulary: Int) -> Int { min(contextWords, vocabulary) * Self.offsets.count }

    /// Per vocabulary word, its PPMI-weighted context profile (sparse, unit length).
    private func contextProfiles(vocabulary: [UInt64], index: [UInt64: Int]) -> [SparseVector] {
        let contexts = min(contextWords, vocabulary.count)
        let features = contextFeatureCount(vocabulary.count)
        // Co-occurrence counts, keyed word × features + feature.
        var pairs: [Int: Float] = [:]
        for text in texts {
            let ids = text.map { index[$0] ?? -1 }
            for (i, word) in ids.enumerated() where word >= 0 {
                for (o, offset) in Self.offsets.enumerated() {
                    let j = i + offset
                    guard j >= 0, j < ids.count, ids[j] >= 0, ids[j] < contexts else { continue }
                    pairs[word * features + o * contexts + ids[j], default: 0] += 1
                }
            }
        }
        var wordTotals = [Float](repeating: 0, count: vocabulary.count)
        var featureTotals = [Float](repeating: 0, count: features)
        var total: Float = 0
        for (pair, count) in pairs {
            wordTotals[pair / features] += count
            featureTotals[pair % features] += count
            total += count
        }
        var profiles = [SparseVector](repeating: SparseVector(), count: vocabulary.count)
        for (pair, count) in pairs.sorted(by: { $0.key < $1.key }) {
            let word = pair / features, feature = pair % features
            let pmi = log(count * total / (wordTotals[word] * featureTotals[feature]))
            guard pmi > 0 else { continue }
            profiles[word].features.append(Int32(feature))
            profiles[word].values.append(pmi * Self.offsetWeights[feature / contexts])
        }
        for i in profiles.indices { profiles[i].normalise() }
        return profiles
    }
}

struct SparseVector {
    var features: [Int32] = []
    var values: [Float] = []

    mutating func normalise() {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return }
        for k in values.indices { values[k] /= norm }
    }
}

/// k-means on unit-length sparse vectors by cosine, with dense centroids renormalised each round.
struct SphericalKMeans {
    let assignments: [Int]

    init(profiles: [SparseVector], features: Int, clusters k: Int, iterations: Int, seedPool: Int, seed: UInt64) {
        let n = profiles.count
        var random = SplitMix(seed: seed)
        // Seeds: k distinct frequent words with a profile, drawn at random.
        var chosen: [Int] = []
        var taken = Set<Int>()
        let pool = min(n, max(seedPool, k * 2))
        while chosen.count < k && taken.count < pool {
            let word = Int(random.next() % UInt64(pool))
            guard taken.insert(word).inserted, !profiles[word].features.isEmpty else { continue }
            chosen.append(word)
        }
        // Feature-major (features × k): a word's nonzero feature adds to every cluster's score in one sweep.
        var centroids = [Float](repeating: 0, count: features * k)
        for (c, word) in chosen.enumerated() {
            for (f, v) in zip(profiles[word].features, profiles[word].values) { centroids[Int(f) * k + c] = v }
        }
        var assignments = [Int](repeating: 0, count: n)
        var scores = [Float](repeating: 0, count: k)
        for _ in 0..<iterations {
            centroids.withUnsafeBufferPointer { centroids in
                for i in 0..<n {
                    for c in 0..<k { scores[c] = 0 }
                    for (f, v) in zip(profiles[i].features, profiles[i].values) {
                        let base = Int(f) * k
                        for c in 0..<k { scores[c] += v * centroids[base + c] }
                    }
                    var best = 0
                    for c in 1..<k where scores[c] > scores[best] { best = c }
                    assignments[i] = best
                }
            }
            var sums = [Float](repeating: 0, count: features * k)
            for i in 0..<n {
                let c = assignments[i]
                for (f, v) in zip(profiles[i].features, profiles[i].values) { sums[Int(f) * k + c] += v }
            }
            // Renormalise each cluster's column; an empty cluster keeps its old centroid.
            var norms = [Float](repeating: 0, count: k)
            for f in 0..<features { for c in 0..<k { norms[c] += sums[f * k + c] * sums[f * k + c] } }
            for c in 0..<k where norms[c] > 0 {
                let scale = 1 / norms[c].squareRoot()
                for f in 0..<features { centroids[f * k + c] = sums[f * k + c] * scale }
            }
        }
        self.assignments = assignments
    }
}
