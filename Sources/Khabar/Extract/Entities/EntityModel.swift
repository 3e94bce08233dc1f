import Foundation

/// The learnt entity tagger: per hashed feature row one weight per tag (quantised to Int8 with one
/// scale), tag-bigram transition scores, and the hashed gazetteer keys the features look up. The word
/// classes the features also read ship apart (`WordClusters.shipped`): a model goes with the classes
/// it was trained with.
///
/// File layout (little-endian): "KNER", version, rowBits, scale, (tags+1)×tags Float32 transitions
/// (the last row is the sentence start), the non-zero rows (count, their indices as UInt32, then
/// their tags' Int8 weights), the longest gazetteer entry in words and the gazetteer keys
/// (count, UInt64 keys, UInt8 kind sets); then, when there is a document pass, its byte count and
/// its own encoding.
public struct EntityModel: Sendable {
    static let magic: [UInt8] = Array("KNER".utf8)
    static let version: UInt32 = 1

    let rowBits: Int
    let scale: Float
    /// `(1 << rowBits) × EntityTag.count`, row-major: one cache line holds a row's weights.
    let weights: [Int8]
    /// `(EntityTag.count + 1) × EntityTag.count`; row `EntityTag.count` = from the sentence start.
    let transitions: [Float]
    /// `transitions` as the decoder reads them (`EntityViterbi.masked`).
    let viterbiTransitions: [Float]
    let gazetteer: EntityGazetteer
    /// The second pass, which also sees `EntityMemory` (how the first pass tagged the same word
    /// elsewhere in the document); nil = sentences are tagged alone.
    public private(set) var documentPass: DocumentPass?

    /// Boxed: a struct cannot hold itself.
    public final class DocumentPass: Sendable {
        public let model: EntityModel
        init(_ model: EntityModel) { self.model = model }
    }

    /// This model with `second` as its document pass.
    func with(documentPass second: EntityModel) -> EntityModel {
        var copy = self
        copy.documentPass = DocumentPass(second)
        return copy
    }

    init(rowBits: Int, scale: Float, weights: [Int8], transitions: [Float], gazetteer: EntityGazetteer) {
        precondition(weights.count == (1 << rowBits) * EntityTag.count)
        precondition(transitions.count == (EntityTag.count + 1) * EntityTag.count)
        self.rowBits = rowBits
        self.scale = scale
        self.weights = weights
        self.transitions = transitions
        viterbiTransitions = EntityViterbi.masked(transitions)
        self.gazetteer = gazetteer
    }

    /// Quantises float weights: the scale maps the 99.99th percentile magnitude to 127 (the rare
    /// larger ones are clipped, so one outlier cannot flatten all the others to zero).
    init(rowBits: Int, floatWeights: [Float], transitions: [Float], gazetteer: EntityGazetteer) {
        var magnitudes = floatWeights.lazy.filter { $0 != 0 }.map { abs($0) }.sorted()
        if magnitudes.isEmpty { magnitudes = [1] }
        let top = magnitudes[min(magnitudes.count - 1, Int(Double(magnitudes.count) * 0.9999))]
        let scale = top / 127
        let quantised = floatWeights.map { Int8(max(-127, min(127, ($0 / scale).rounded()))) }
        self.init(rowBits: rowBits, scale: scale, weights: quantised, transitions: transitions, gazetteer: gazetteer)
    }

    /// The model that ships with Khabar (Resources/ner-model.bin); nil when it is missing or damaged.
    public static let shipped: EntityModel? = {
        guard let url = Bundle.module.url(forResource: "ner-model", withExtension: "bin"),
              let data = try? Data(contentsOf: url) else { return nil }
        return EntityModel(encoded: data)
    }()

    // MARK: - Encoding

    public func encoded() -> Data {
        var out = Data()
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        out.append(contentsOf: Self.magic)
        put(Self.version)
        put(UInt32(rowBits))
        put(scale.bitPattern)
        for t in transitions { put(t.bitPattern) }
        let tags = EntityTag.count
        var rows: [UInt32] = []
        for row in 0..<(1 << rowBits) where weights[(row * tags)..<(row * tags + tags)].contains(where: { $0 != 0 }) {
            rows.append(UInt32(row))
        }
        put(UInt32(rows.count))
        for row in rows { put(row) }
        for row in rows {
            let start = Int(row) * tags
            out.append(contentsOf: weights[start..<(start + tags)].map { UInt8(bitPattern: $0) })
        }
        let entries = gazetteer.entries
        put(UInt32(gazetteer.longestEntry))
        put(UInt32(entries.count))
        for entry in entries { put(entry.key) }
        out.append(contentsOf: entries.map(\.kinds))
        if let second = documentPass?.model.encoded() {
            put(UInt32(second.count))
            out.append(second)
        }
        return out
    }

    public init?(encoded data: Data) {
        let bytes = [UInt8](data)
        var at = 0
        func take<T: FixedWidthInteger>(_: T.Type) -> T? {
            let size = MemoryLayout<T>.size
            guard at + size <= bytes.count else { return nil }
            var value: T = 0
            for k in 0..<size { value |= T(truncatingIfNeeded: bytes[at + k]) << (8 * k) }
            at += size
            return value
        }
        guard bytes.count > 16, Array(bytes[0..<4]) == Self.magic else { return nil }
        at = 4
        guard take(UInt32.self) == Self.version, let bits = take(UInt32.self), (8...24).contains(bits),
              let scaleBits = take(UInt32.self) else { return nil }
        let tags = EntityTag.count
        var transitions: [Float] = []
        for _ in 0..<((tags + 1) * tags) {
            guard let t = take(UInt32.self) else { return nil }
            transitions.append(Float(bitPattern: t))
        }
        guard let rowCount = take(UInt32.self).map(Int.init) else { return nil }
        var rows: [Int] = []
        rows.reserveCapacity(rowCount)
        for _ in 0..<rowCount {
            guard let row = take(UInt32.self), row < (1 << bits) else { return nil }
            rows.append(Int(row))
        }
        guard at + rowCount * tags <= bytes.count else { return nil }
        var weights = [Int8](repeating: 0, count: (1 << Int(bits)) * tags)
        for (k, row) in rows.enumerated() {
            for t in 0..<tags { weights[row * tags + t] = Int8(bitPattern: bytes[at + k * tags + t]) }
        }
        at += rowCount * tags
        guard let longest = take(UInt32.self), let entryCount = take(UInt32.self).map(Int.init) else { return nil }
        var keys: [UInt64] = []
        for _ in 0..<entryCount {
            guard let key = take(UInt64.self) else { return nil }
            keys.append(key)
        }
        guard at + entryCount <= bytes.count else { return nil }
        let entries = keys.enumerated().map { (key: $0.element, kinds: bytes[at + $0.offset]) }
        at += entryCount
        self.init(rowBits: Int(bits), scale: Float(bitPattern: scaleBits), weights: weights,
                  transitions: transitions, gazetteer: EntityGazetteer(entries: entries, longestEntry: Int(longest)))
        guard at < bytes.count else { return }
        guard let length = take(UInt32.self).map(Int.init), at + length == bytes.count,
              let second = EntityModel(encoded: data.subdata(in: (data.startIndex + at)..<data.endIndex)) else { return nil }
        documentPass = DocumentPass(second)
    }
}

/// Best tag sequence under emission + tag-bigram scores, allowing only valid IOB2 (I-X after B-X/I-X).
enum EntityViterbi {
    /// IOB2 validity per (previous tag or start, tag), in the transitions' layout.
    static let allowed: [Bool] = {
        var allowed: [Bool] = []
        for previous in 0...EntityTag.count {
            for tag in EntityTag.all {
                allowed.append(tag.canFollow(previous == EntityTag.count ? nil : EntityTag(index: previous)))
            }
        }
        return allowed
    }()

    /// `transitions` with the disallowed cells at -infinity. A disallowed step then scores
    /// -infinity, which never beats the best so far (the test is strict), so the decoder needs no
    /// test per cell and its fixed 9 × 9 loop unrolls; scores are finite or -infinity, never NaN.
    static func masked(_ transitions: [Float]) -> [Float] {
        transitions.indices.map { allowed[$0] ? transitions[$0] : -.infinity }
    }

    /// `emissions`: n × tags scores; `transitions`: `masked` ones. Writes the best tag indices into `path`.
    static func decode(emissions: UnsafeBufferPointer<Float>, count n: Int, transitions: UnsafeBufferPointer<Float>,
                       scores: inout [Float], back: inout [UInt8], path: inout [Int]) {
        let tags = EntityTag.count
        path.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        scores.removeAll(keepingCapacity: true)
        scores.append(contentsOf: repeatElement(0, count: n * tags))
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(0, count: n * tags))
        path.append(contentsOf: repeatElement(0, count: n))
        // Through pointers: writing the Arrays cell by cell cost a uniqueness check per cell.
        scores.withUnsafeMutableBufferPointer { scores in
            back.withUnsafeMutableBufferPointer { back in
                path.withUnsafeMutableBufferPointer { path in
                    decode(emissions: emissions, count: n, transitions: transitions, scores: scores, back: back, path: path)
                }
            }
        }
    }

    private static func decode(emissions: UnsafeBufferPointer<Float>, count n: Int, transitions: UnsafeBufferPointer<Float>,
                               scores: UnsafeMutableBufferPointer<Float>, back: UnsafeMutableBufferPointer<UInt8>,
                               path: UnsafeMutableBufferPointer<Int>) {
        let tags = EntityTag.count
        precondition(tags == 9 && transitions.count == (tags + 1) * tags)
        for t in 0..<tags {
            let cell = tags * tags + t
            scores[t] = transitions[cell] + emissions[t]
        }
        // Per tag t, the best previous tag p (the first of equals, in increasing p) by
        // scores[i - 1][p] + transitions[p][t]. Tags 0..<8 go as the lanes of one SIMD vector (a
        // transitions row holds them side by side), tag 8 alone: lane by lane the same additions
        // and comparisons as one tag at a time, so the same result.
        let transitionRows = UnsafeRawPointer(transitions.baseAddress!)
        let stride = tags * MemoryLayout<Float>.stride
        for i in 1..<max(n, 1) {
            let previous = (i - 1) * tags
            var best = SIMD8<Float>(repeating: -.infinity), bestLast = -Float.infinity
            var from = SIMD8<Int32>(repeating: 0), fromLast = 0
            for p in 0..<9 {
                let score = scores[previous + p]
                let s = SIMD8<Float>(repeating: score)
                    + transitionRows.loadUnaligned(fromByteOffset: p * stride, as: SIMD8<Float>.self)
                let better = s .> best
                best.replace(with: s, where: better)
                from.replace(with: Int32(p), where: better)
                let sLast = score + transitions[p * tags + 8]
                if sLast > bestLast { bestLast = sLast; fromLast = p }
            }
            let o = i * tags
            for t in 0..<8 {
                scores[o + t] = best[t] + emissions[o + t]
                back[o + t] = UInt8(truncatingIfNeeded: from[t])
            }
            scores[o + 8] = bestLast + emissions[o + 8]
            back[o + 8] = UInt8(truncatingIfNeeded: fromLast)
        }
        var last = 0
        for t in 1..<tags where scores[(n - 1) * tags + t] > scores[(n - 1) * tags + last] { last = t }
        path[n - 1] = last
        var i = n - 1
        while i > 0 {
            path[i - 1] = Int(back[i * tags + path[i]])
            i -= 1
        }
    }
}
