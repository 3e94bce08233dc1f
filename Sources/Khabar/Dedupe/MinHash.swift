/// MinHash signatures over word shingles: two texts' signatures agree in a share of positions that
/// estimates the Jaccard overlap of their shingle sets, whatever the texts' lengths.
struct MinHasher: Sendable {
    /// Words per shingle: five words rarely repeat by chance across different articles.
    let shingleWords: Int
    let signatureSize: Int
    /// Per position, an odd multiplier and an offset: x → a·x + b (mod 2³²) is a permutation of
    /// UInt32, and a plain multiply-add per position keeps the inner loop vectorisable.
    private let multipliers: [UInt32]
    private let offsets: [UInt32]

    init(shingleWords: Int = 5, signatureSize: Int = 128) {
        self.shingleWords = shingleWords
        self.signatureSize = signatureSize
        // Fixed seeds so that signatures are stable across runs and processes.
        let seeds = (0..<signatureSize).map { TermHash.mix(UInt64($0) &+ 0x5151) }
        self.multipliers = seeds.map { UInt32(truncatingIfNeeded: $0) | 1 }
        self.offsets = seeds.map { UInt32(truncatingIfNeeded: $0 >> 32) }
    }

    /// The signature of a word-hash sequence; nil when the text has no words.
    func signature(_ words: [UInt64]) -> [UInt32]? {
        guard !words.isEmpty else { return nil }
        var signature = [UInt32](repeating: .max, count: signatureSize)
        let k = min(shingleWords, words.count)
        signature.withUnsafeMutableBufferPointer { sig in
            multipliers.withUnsafeBufferPointer { a in
                offsets.withUnsafeBufferPointer { b in
                    for start in 0...(words.count - k) {
                        // Order-sensitive combination of the shingle's word hashes.
                        var shingle: UInt64 = 0
                        for j in start..<(start + k) { shingle = TermHash.mix(shingle ^ words[j]) }
                        let x = UInt32(truncatingIfNeeded: shingle >> 32)
                        for i in 0..<sig.count {
                            let value = a[i] &* x &+ b[i]
                            sig[i] = min(sig[i], value)
                        }
                    }
                }
            }
        }
        return signature
    }

    /// Share of positions where two signatures agree: the Jaccard estimate.
    static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        var same = 0
        for i in 0..<min(a.count, b.count) where a[i] == b[i] { same += 1 }
        return Double(same) / Double(max(1, min(a.count, b.count)))
    }
}
