import KhabarText

/// Junk glued onto the end of a body line with no line break: a credit ("…بأعيننا.المصدر: سكاي
/// نيوز عربية") or a tag run ("… الخميس المقبل. سمات الرئاسة المصرية …"). Searches only the
/// line's tail, on UTF-8 bytes, since it runs on every body line.
enum GluedTail {
    struct Credit { let line: String; let name: String? }
    struct Tags { let line: String; let keywords: [String] }

    static let creditWords: [[UInt8]] = ["المصدر", "المصادر", "Source", "source", "SOURCE"].map { Array($0.utf8) }
    static let tagWords: [[UInt8]] = ["كلمات دلالية", "الكلمات الدلالية", "كلمات مفتاحية", "الوسوم", "وسوم", "سمات", "Tags", "tags"]
        .map { Array($0.utf8) }
    /// A glued credit names at most six words, so it sits in the last few hundred bytes.
    static let creditWindow = 240
    static let tagWindow = 1200

    /// Cuts "المصدر: X" (X at most six words) from the end of a line, when it follows the end of
    /// a sentence or opens the line's last bracket.
    static func cutCredit(_ text: String) -> (String, Credit)? {
        withUTF8Bytes(text) { bytes in
            // The name after the word holds no "." or "(", so the word comes after the last of them:
            // a paragraph that ends with a full stop is done without searching. (Only a stop that is
            // a character of its own counts: the name is tested by Character, and a mark may join it.)
            let lastStop = lastIndex(in: bytes) { i in
                (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "(")) && (i + 1 == bytes.count || bytes[i + 1] < 0x80)
            }
            let lowest = max(bytes.count - creditWindow, (lastStop ?? -1) + 1)
            for word in creditWords {
                guard let at = lastIndex(of: word, in: bytes, from: lowest) else { continue }
                var i = at + word.count
                while i < bytes.count, bytes[i] == 0x20 { i += 1 }
                // A separator must follow: "المصدر: X", "المصدر | X", "المصدر - X".
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") || bytes[i] == UInt8(ascii: "|") || bytes[i] == UInt8(ascii: "-") else { continue }
                var name = decode(bytes, (i + 1)..<bytes.count).trimmingWhitespace()
                var before = decode(bytes, 0..<at).trimmingWhitespace()
                let bracketed = before.hasSuffix("(")
                if bracketed {
                    guard name.hasSuffix(")") else { continue }
                    name.removeLast()
                    before = String(before.dropLast()).trimmingWhitespace()
                }
                let nameWords = name.split(separator: " ").count
                guard nameWords >= 1, nameWords <= 6, !name.contains("."), !name.contains("(") else { continue }
                guard before.isEmpty || bracketed || endsSentence(before) else { continue }
                let line = decode(bytes, at..<bytes.count).trimmingWhitespace()
                return (before, Credit(line: line, name: name.trimmingCharacters(in: [" ", "،"])))
            }
            return nil
        }
    }

    /// Cuts a tag run after the line's last sentence end: "… المقبل. سمات الرئاسة المصرية …".
    static func cutKeywords(_ text: String) -> (String, Tags)? {
        withUTF8Bytes(text) { bytes in
            // The tail after the tag word holds no ".", "!" or "؟" (D8 9F), so the word comes after
            // the last of them: a paragraph that ends with a full stop is done without searching.
            let lastStop = lastIndex(in: bytes) { i in
                bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "!") || (bytes[i] == 0x9F && i > 0 && bytes[i - 1] == 0xD8)
            }
            let lowest = max(bytes.count - tagWindow, (lastStop ?? -1) + 1)
            for word in tagWords {
                guard let at = lastIndex(of: word, in: bytes, from: lowest), at > 0, bytes[at - 1] == 0x20 else { continue }
                let end = at + word.count
                guard end == bytes.count || bytes[end] == 0x20 || bytes[end] == UInt8(ascii: ":") else { continue }
                let before = decode(bytes, 0..<at).trimmingWhitespace()
                var tail = decode(bytes, end..<bytes.count).trimmingWhitespace()
                while tail.hasPrefix(":") { tail = String(tail.dropFirst()).trimmingWhitespace() }
                guard !tail.isEmpty, endsSentence(before), tail.split(separator: " ").count <= 40,
                      !tail.unicodeScalars.contains(where: { $0 == "." || $0 == "؟" || $0 == "!" }) else { continue }
                let line = decode(bytes, at..<bytes.count).trimmingWhitespace()
                return (before, Tags(line: line, keywords: KeywordLine.split(tail)))
            }
            return nil
        }
    }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last(where: { $0 != " " }) else { return false }
        return ".!؟?»\"”)".unicodeScalars.contains(last)
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The last position in `bytes` that passes `test`.
    static func lastIndex(in bytes: UnsafeBufferPointer<UInt8>, where test: (Int) -> Bool) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            if test(i) { return i }
            i -= 1
        }
        return nil
    }

    /// The start of the last occurrence of `needle` in `bytes` that starts at `lowest` or later.
    static func lastIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from lowest: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = bytes.count - needle.count
        while i >= lowest {
            if bytes[i] == needle[0] {
                var k = 1
                while k < needle.count && bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i -= 1
        }
        return nil
    }
}
