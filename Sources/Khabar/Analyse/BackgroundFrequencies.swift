import Foundation

/// How many documents of a large general news sample contain each term: the prior behind IDF.
///
/// Online IDF alone fails exactly where Khabar is used most: when the first articles seen are all
/// about one story, its names are in every one of them and look like stop words. With a background
/// sample the IDF of a term is log((N₀ + N + 1) / (df₀ + df + 0.5)), stable from the first article.
///
/// The table ships as a resource, built by `khabar-bench build-background` from the SaudiNewsNet
/// week (a free-use set, not a scored one). It holds only hashed stems and counts (terms found in at
/// least `minimumFrequency` documents), no text.
public struct BackgroundFrequencies: Sendable {
    public let documents: Int
    /// Term → documents containing it, in a table built for fast lookups.
    private let lookup: TermTable<UInt32>

    /// Every term and its count (built on demand: lookups go through `frequency(of:)`).
    public var frequencies: [UInt64: UInt32] {
        var all: [UInt64: UInt32] = [:]
        all.reserveCapacity(lookup.count)
        lookup.forEach { all[$0] = $1 }
        return all
    }

    public init(documents: Int, frequencies: [UInt64: UInt32]) {
        self.documents = documents
        var lookup = TermTable<UInt32>(minimumCapacity: frequencies.count)
        for (term, frequency) in frequencies { lookup[term] = frequency }
        self.lookup = lookup
    }

    /// Background documents containing `term` (0 when it was rarer than the table keeps).
    @inline(__always)
    public func frequency(of term: UInt64) -> UInt32 { lookup[term] ?? 0 }

    public static let empty = BackgroundFrequencies(documents: 0, frequencies: [:])

    /// The table that ships with Khabar (empty when the resource is missing).
    public static let shipped: BackgroundFrequencies = {
        guard let url = Bundle.module.url(forResource: "background-df", withExtension: "bin"),
              let data = try? Data(contentsOf: url), let table = BackgroundFrequencies(encoded: data) else {
            return .empty
        }
        return table
    }()

    /// Counts, per term, the profiles that contain it; keeps terms seen at least `minimumFrequency` times.
    public static func count(_ profiles: some Sequence<ArticleProfile>, minimumFrequency: Int = 3) -> BackgroundFrequencies {
        var counts: [UInt64: UInt32] = [:]
        var documents = 0
        for profile in profiles {
            documents += 1
            for t in profile.terms { counts[t.term, default: 0] += 1 }
        }
        return BackgroundFrequencies(documents: documents,
                                     frequencies: counts.filter { $0.value >= minimumFrequency })
    }

    // Format: "KHDF" + UInt32 version 1 + UInt32 documents + UInt32 entries, then entries sorted
    // by term as (UInt64 term, UInt32 frequency), all little-endian.
    private static let magic = Array("KHDF".utf8)

    public var encoded: Data {
        var bytes = Self.magic
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        put(UInt32(1))
        put(UInt32(documents))
        put(UInt32(frequencies.count))
        for (term, frequency) in frequencies.sorted(by: { $0.key < $1.key }) {
            put(term)
            put(frequency)
        }
        return Data(bytes)
    }

    public init?(encoded data: Data) {
        let bytes = [UInt8](data)
        guard bytes.count >= 16, Array(bytes[0..<4]) == Self.magic else { return nil }
        func read<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
            var value: T = 0
            for k in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + k]) << (8 * k) }
            return value
        }
        guard read(UInt32.self, at: 4) == 1 else { return nil }
        let documents = Int(read(UInt32.self, at: 8))
        let count = Int(read(UInt32.self, at: 12))
        guard bytes.count == 16 + count * 12 else { return nil }
        var frequencies: [UInt64: UInt32] = [:]
        frequencies.reserveCapacity(count)
        for i in 0..<count {
            let offset = 16 + i * 12
            frequencies[read(UInt64.self, at: offset)] = read(UInt32.self, at: offset + 8)
        }
        self.init(documents: documents, frequencies: frequencies)
    }
}
