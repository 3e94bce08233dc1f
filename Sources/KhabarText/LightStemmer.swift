/// A light stemmer in the Light10 family: strips a leading "و", then one definite-article prefix,
/// then common suffixes, never leaving fewer than two (after "و": three) letters.
///
/// Examples (on matching-normalised input): والمدرسه → مدرس, الكتاب → كتاب, بالقلم → قلم,
/// لاعبون → لاعب, للمعلمين → معلم, وزاره → وزار.
public enum LightStemmer {
    public static func stem(_ normalizedWord: String) -> String {
        withUTF8Bytes(normalizedWord) { bytes in
            let range = stemRange(bytes)
            if range == 0..<bytes.count { return normalizedWord }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// The byte range of the stem inside `word` (UTF-8 of a normalised word): no allocation.
    public static func stemRange(_ word: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0, end = word.count
        var letters = scalarCount(word)

        if hasPrefix(word, start, end, waw), letters - 1 >= 3, !startsWithWawRoot(word) {
            start += waw.count
            letters -= 1
        }
        for article in articles where hasPrefix(word, start, end, article.bytes) && letters - article.letters >= 2 {
            start += article.bytes.count
            letters -= article.letters
            break
        }
        // One pass over the suffixes in order; several may come off ("ـاتها" → "ـات" after "ها").
        for suffix in suffixes where hasSuffix(word, start, end, suffix.bytes) && letters - suffix.letters >= 2 {
            end -= suffix.bytes.count
            letters -= suffix.letters
        }
        return start..<end
    }

    private typealias Affix = (bytes: [UInt8], letters: Int)

    private static func affix(_ s: String) -> Affix { (Array(s.utf8), s.unicodeScalars.count) }

    private static let waw: [UInt8] = Array("و".utf8)
    /// Longest first so that "وال" wins over "ال".
    private static let articles: [Affix] = ["وال", "بال", "كال", "فال", "ال", "لل"].map(affix)
    /// Light10's list; ة/ية are kept for callers that normalise without the ta marbuta fold.
    private static let suffixes: [Affix] = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"].map(affix)

    /// Frequent news words whose first letter "و" belongs to the root (وزير, وزارة, وطن…):
    /// stripping it as the conjunction would wreck them.
    private static let wawRoots: [[UInt8]] = [
        "وزير", "وزار", "وطن", "وضع", "وصل", "وصول", "وجه", "وكال", "وفد", "وفاه", "وثيق", "وسط",
        "واحد", "وحده", "وقع", "ورق", "وظيف", "وفق", "ولاي", "ولد",
    ].map { Array($0.utf8) }

    private static func startsWithWawRoot(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        wawRoots.contains { hasPrefix(word, 0, word.count, $0) }
    }

    @inline(__always)
    private static func hasPrefix(_ word: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ prefix: [UInt8]) -> Bool {
        guard end - start >= prefix.count else { return false }
        for k in 0..<prefix.count where word[start + k] != prefix[k] { return false }
        return true
    }

    @inline(__always)
    private static func hasSuffix(_ word: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ suffix: [UInt8]) -> Bool {
        guard end - start >= suffix.count else { return false }
        let base = end - suffix.count
        for k in 0..<suffix.count where word[base + k] != suffix[k] { return false }
        return true
    }

    @inline(__always)
    private static func scalarCount(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for b in word where b & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
