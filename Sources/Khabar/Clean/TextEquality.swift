/// String equality (canonical equivalence) for UTF-8 the cleaner holds as bytes, without building
/// Strings in the usual case.
enum TextEquality {
    /// Whether `bytes` read as text equal `text` as Swift compares Strings. Normalised ASCII and
    /// Arabic-block text holds no combining marks (they are stripped), so no two different byte
    /// strings of it are canonically equivalent and bytes decide; anything else is compared as Strings.
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        if bytes.elementsEqual(text.utf8) { return true }
        if isASCIIOrArabicBlock(bytes) && isASCIIOrArabicBlock(text.utf8) { return false }
        return String(decoding: bytes, as: UTF8.self) == text
    }

    /// The same for two byte strings.
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.elementsEqual(b) { return true }
        if isASCIIOrArabicBlock(a) && isASCIIOrArabicBlock(b) { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }

    static func isASCIIOrArabicBlock<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        // Lead bytes D8–DB start U+0600–U+06FF; continuation bytes are 80–BF.
        bytes.allSatisfy { $0 < 0xC0 || ($0 >= 0xD8 && $0 <= 0xDB) }
    }
}
