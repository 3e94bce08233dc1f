import KhabarText

/// Name lists (ANERgazet) kept as hashed keys only: a key is the sequence of an entry's clitic-stripped
/// word hashes, so "القاهرة" also matches "والقاهرة" and "بالقاهرة". The model file ships the keys, never
/// readable lists.
struct EntityGazetteer: Sendable {
    /// Key → kinds bit set (bit `EntityKind.rawValue`): a name can be on several lists.
    private(set) var kinds: TermTable<UInt8>
    private(set) var longestEntry = 0

    init() { kinds = TermTable<UInt8>(minimumCapacity: 16) }

    init(entries: [(key: UInt64, kinds: UInt8)], longestEntry: Int) {
        self.init()
        for entry in entries { insert(key: entry.key, kinds: entry.kinds) }
        self.longestEntry = longestEntry
    }

    /// Adds every line of `list` (one name a line; lines with no letter are skipped) as `kind`.
    mutating func add(list: String, kind: EntityKind) {
        for line in list.split(whereSeparator: \.isNewline) {
            let words = ArabicNormalizer.normalize(String(line), EntityWordForms.options)
                .split(separator: " ").map { String($0) }
            guard !words.isEmpty, words.contains(where: { $0.unicodeScalars.contains { $0.properties.isAlphabetic } })
            else { continue }
            var key = EntityGazetteer.start
            for var word in words {
                let stripped = word.withUTF8 { w in
                    TermHash.hash(UnsafeBufferPointer(rebasing: w[EntityWordForms.strippedRange(w)]))
                }
                key = EntityGazetteer.extend(key, stripped)
            }
            insert(key: key, kinds: UInt8(1 << kind.rawValue))
            longestEntry = max(longestEntry, words.count)
        }
    }

    private mutating func insert(key: UInt64, kinds newKinds: UInt8) {
        kinds[key] = (kinds[key] ?? 0) | newKinds
    }

    /// Every key with its kinds, sorted by key (a stable model file).
    var entries: [(key: UInt64, kinds: UInt8)] {
        var all: [(key: UInt64, kinds: UInt8)] = []
        kinds.forEach { all.append(($0, $1)) }
        return all.sorted { $0.key < $1.key }
    }

    static let start: UInt64 = 0x4741_5A45_5454_4545 // "GAZETTEE"
    @inline(__always)
    static func extend(_ key: UInt64, _ word: UInt64) -> UInt64 { TermHash.mix(key ^ word) }

    /// Per token, the longest gazetteer match covering it, as a code: 0 none, else
    /// kinds bits (low 4) plus 16 when the token begins the match, 32 when it is inside one.
    func matchCodes(_ stripped: UnsafeBufferPointer<UInt64>, into codes: inout [UInt8]) {
        let n = stripped.count
        codes.removeAll(keepingCapacity: true)
        codes.append(contentsOf: repeatElement(0, count: n))
        guard longestEntry > 0 else { return }
        var i = 0
        while i < n {
            var key = EntityGazetteer.start
            var bestLength = 0
            var bestKinds: UInt8 = 0
            for length in 1...min(longestEntry, n - i) {
                key = EntityGazetteer.extend(key, stripped[i + length - 1])
                if let found = kinds[key] { bestLength = length; bestKinds = found }
            }
            if bestLength == 0 { i += 1; continue }
            codes[i] = bestKinds | 16
            for j in (i + 1)..<(i + bestLength) { codes[j] = bestKinds | 32 }
            i += bestLength
        }
    }
}
