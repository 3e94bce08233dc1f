/// A hash map from term and word hashes (`TermHash`, the relation judge's word hashes) to values,
/// with open addressing and linear probing.
///
/// Keys are already well-spread 64-bit hashes, so the slot is a multiply-shift of the key: no
/// SipHash per lookup as with `Dictionary`, which dominated the story stages' profile. Key 0 marks
/// an empty slot; the (astronomically rare) term hashing to 0 is stored under 1 instead.
public struct TermTable<Value>: Sendable where Value: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var shift: UInt64
    public private(set) var count = 0

    public init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Value?](repeating: nil, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    public var isEmpty: Bool { count == 0 }

    @inline(__always)
    private static func key(_ term: UInt64) -> UInt64 { term == 0 ? 1 : term }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9e37_79b9_7f4a_7c15) >> shift)
    }

    public subscript(term: UInt64) -> Value? {
        get {
            let key = Self.key(term)
            // Unchecked reads: the slot is always masked into range, and this runs per term.
            let found: Int? = keys.withUnsafeBufferPointer { keys in
                let mask = keys.count - 1
                var i = slot(key)
                while true {
                    let k = keys[i]
                    if k == key { return i }
                    if k == 0 { return nil }
                    i = (i + 1) & mask
                }
            }
            guard let found else { return nil }
            return values.withUnsafeBufferPointer { $0[found] }
        }
        set {
            guard let newValue else {
                precondition(self[term] == nil, "TermTable does not support removal")
                return
            }
            if (count + 1) * 2 > keys.count { grow() }
            let key = Self.key(term)
            let mask = keys.count - 1
            var i = slot(key)
            while true {
                let k = keys[i]
                if k == key { values[i] = newValue; return }
                if k == 0 {
                    keys[i] = key
                    values[i] = newValue
                    count += 1
                    return
                }
                i = (i + 1) & mask
            }
        }
    }

    public func contains(_ term: UInt64) -> Bool { self[term] != nil }

    /// Sets the value for `term`, replacing any earlier one.
    public mutating func set(_ term: UInt64, _ value: Value) { self[term] = value }

    /// Replaces the value for `term` by `transform(old)`; old is nil for a new term.
    public mutating func update(_ term: UInt64, _ transform: (Value?) -> Value) {
        self[term] = transform(self[term])
    }

    public subscript(term: UInt64, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[term] ?? defaultValue() }
        set { self[term] = newValue }
    }

    /// Empties the table, keeping its capacity.
    public mutating func removeAll() {
        guard count > 0 else { return }
        for i in keys.indices { keys[i] = 0 }
        for i in values.indices { values[i] = nil }
        count = 0
    }

    /// Every (term, value) pair, in no particular order.
    public func forEach(_ body: (UInt64, Value) -> Void) {
        for i in keys.indices where keys[i] != 0 { body(keys[i], values[i]!) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for i in oldKeys.indices where oldKeys[i] != 0 { self[oldKeys[i]] = oldValues[i] }
    }
}
