import Foundation

/// Text comparison for tests: the cleaner display-normalises lines (invisible marks, odd spaces and
/// tatweel go), so expectations written from source files are compared in the same canonical form.
enum TextCompare {
    static let spaceLike: Set<UInt32> = [0x00A0, 0x202F, 0x205F, 0x3000, 0x0009]
    static let invisible: Set<UInt32> = [0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x00AD, 0x0640,
                                         0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    /// Whitespace-trimmed, runs of spaces collapsed, invisible marks and tatweel removed.
    static func canon(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in text.unicodeScalars {
            let v = s.value
            if invisible.contains(v) { continue }
            if v == 0x20 || spaceLike.contains(v) || (0x2000...0x200B).contains(v) || v == 0x0A || v == 0x0D {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(s)
        }
        return String(out)
    }
}
