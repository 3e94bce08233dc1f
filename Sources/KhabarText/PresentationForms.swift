import Foundation

/// Base-letter spellings of the Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC).
///
/// Built once from the platform's NFKC mapping rather than a hand-typed table, so that every
/// assigned form (≈ 900 of them, mostly ligatures) is covered and correct.
enum PresentationForms {
    static let firstA: UInt32 = 0xFB50, lastA: UInt32 = 0xFDFF
    static let firstB: UInt32 = 0xFE70, lastB: UInt32 = 0xFEFC

    @inline(__always)
    static func contains(_ v: UInt32) -> Bool {
        (v >= firstA && v <= lastA) || (v >= firstB && v <= lastB)
    }

    /// Flat storage: `slots[v - firstA]` packs (start << 8 | count) into `pool`; 0 = not mapped.
    private static let table: (slots: [UInt32], pool: [UInt32]) = {
        var slots = [UInt32](repeating: 0, count: Int(lastB - firstA + 1))
        var pool: [UInt32] = [0] // index 0 unused so that a packed 0 means "no mapping"
        for v in Array(firstA...lastA) + Array(firstB...lastB) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let mapped = String(Character(scalar)).precomposedStringWithCompatibilityMapping
            var values = mapped.unicodeScalars.map(\.value)
            if values == [v] || values.isEmpty { continue }
            // Isolated harakat forms decompose to " " + mark; the space is an artefact.
            if values.count > 1, values[0] == 0x20 { values.removeFirst() }
            slots[Int(v - firstA)] = UInt32(pool.count) << 8 | UInt32(values.count)
            pool.append(contentsOf: values)
        }
        return (slots, pool)
    }()

    /// The longest expansion in UTF-8 bytes (ﷺ → "صلى الله عليه وسلم": 33).
    static let maxExpandedUTF8Count: Int = {
        var longest = 0
        for v in Array(firstA...lastA) + Array(firstB...lastB) {
            var bytes = 0
            _ = expand(v) { base in bytes += Unicode.Scalar(base).map { UTF8.width($0) } ?? 4 }
            longest = max(longest, bytes)
        }
        return longest
    }()

    /// Where the base scalars of presentation form `v` lie (read them with `base`), or nil when
    /// `v` has no mapping.
    @inline(__always)
    static func expansion(_ v: UInt32) -> Range<Int>? {
        let packed = table.slots[Int(v - firstA)]
        if packed == 0 { return nil }
        let start = Int(packed >> 8)
        return start..<(start + Int(packed & 0xFF))
    }

    @inline(__always)
    static func base(_ k: Int) -> UInt32 { table.pool[k] }

    /// Whether presentation form `v` has a mapping (`expand` would call its body).
    @inline(__always)
    static func expands(_ v: UInt32) -> Bool {
        table.slots[Int(v - firstA)] != 0
    }

    /// Calls `body` with each base scalar of presentation form `v`; returns false when `v` has no mapping.
    @inline(__always)
    static func expand(_ v: UInt32, _ body: (UInt32) -> Void) -> Bool {
        let packed = table.slots[Int(v - firstA)]
        if packed == 0 { return false }
        let start = Int(packed >> 8), count = Int(packed & 0xFF)
        for k in start..<(start + count) { body(table.pool[k]) }
        return true
    }
}
