/// An open-addressing hash table keyed by 64-bit word hashes. `Dictionary` hashes every key through
/// SipHash, which dominated the judge's time on long texts; the keys here are already hashes, so a
/// multiply-shift and a linear probe are enough.
struct HashTable64<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var shift: UInt64
    private(set) var count = 0

    /// The empty-slot marker; a real key equal to it is stored as `emptyReplacement`.
    private static var empty: UInt64 { 0 }
    private static var emptyReplacement: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: capacity)
        values = [Value?](repeating: nil, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == empty ? emptyReplacement : key }

    subscript(key: UInt64) -> Value? {
        let key = Self.stored(key)
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    func contains(_ key: UInt64) -> Bool { self[key] != nil }

    /// Sets the value for `key`, replacing any earlier one.
    mutating func set(_ key: UInt64, _ value: Value) {
        update(key) { _ in value }
    }

    /// Replaces the value for `key` by `transform(old)`; old is nil for a new key.
    mutating func update(_ key: UInt64, _ transform: (Value?) -> Value) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = Self.stored(key)
        let mask = keys.count - 1
        var i = slot(key)
        while keys[i] != Self.empty && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == Self.empty { keys[i] = key; count += 1 }
        values[i] = transform(values[i])
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (k, key) in oldKeys.enumerated() where key != Self.empty {
            let mask = keys.count - 1
            var i = slot(key)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = key
            values[i] = oldValues[k]
            count += 1
        }
    }
}

extension HashTable64: Sendable where Value: Sendable {}
