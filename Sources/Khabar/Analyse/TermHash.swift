/// 64-bit FNV-1a over UTF-8 bytes: terms and words are keyed by this hash instead of by String,
/// because hashing non-ASCII Strings normalises Unicode first and is many times slower.
/// With 64 bits, a collision among even millions of distinct stems is vanishingly unlikely.
public enum TermHash {
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash($0) }
    }

    public static func hash(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { hash($0) }
    }

    /// The hash in hexadecimal: stable across runs and machines, for ids made from text.
    public static func hex(_ text: String) -> String { hex(hash(text)) }

    static func hex(_ hash: UInt64) -> String { String(hash, radix: 16) }

    /// A well-mixed 64-bit value from one 64-bit input (splitmix64's finaliser), for MinHash.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
