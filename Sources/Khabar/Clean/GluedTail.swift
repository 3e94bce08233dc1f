import KhabarText

/// Junk glued onto the end of a body line with no line break: a credit ("…بأعيننا.المصدر: سكاي
/// نيوز عربية") or a tag run ("… الخميس المقبل. سمات الرئاسة المصرية …").
enum GluedTail {
    struct Credit { let line: String; let name: String? }
    struct Tags { let line: String; let keywords: [String] }

    static let creditWords = ["المصدر", "المصادر", "Source", "source", "SOURCE"]
    static let tagWords = ["كلمات دلالية", "الكلمات الدلالية", "كلمات مفتاحية", "الوسوم", "وسوم", "سمات", "Tags", "tags"]

    /// Cuts "المصدر: X" (X at most six words) from the end of a line, when it follows the end of
    /// a sentence or opens the line's last bracket.
    static func cutCredit(_ text: String) -> (String, Credit)? {
        for word in creditWords {
            guard let range = text.range(of: word, options: .backwards) else { continue }
            let before = text[..<range.lowerBound]
            var after = text[range.upperBound...]
            // A separator must follow: "المصدر: X", "المصدر | X", "المصدر - X".
            let trimmed = after.drop(while: { $0 == " " })
            guard let sep = trimmed.first, ":|-–".contains(sep) else { continue }
            after = trimmed.dropFirst().drop(while: { $0 == " " })
            var name = String(after).trimmingWhitespace()
            let bracketed = before.last == "(" || before.hasSuffix("( ")
            if bracketed, name.hasSuffix(")") { name.removeLast() }
            let nameWords = name.split(separator: " ").count
            guard nameWords >= 1, nameWords <= 6, !name.contains(".") else { continue }
            var kept = String(before).trimmingWhitespace()
            if bracketed { kept = String(kept.dropLast()).trimmingWhitespace() }
            guard kept.isEmpty || bracketed || endsSentence(kept) else { continue }
            let line = String(text[range.lowerBound...]).trimmingWhitespace()
            return (kept, Credit(line: line, name: name.trimmingCharacters(in: [" ", ".", "،"])))
        }
        return nil
    }

    /// Cuts a tag run after the line's last sentence end: "… المقبل. سمات الرئاسة المصرية …".
    static func cutKeywords(_ text: String) -> (String, Tags)? {
        for word in tagWords {
            guard let range = text.range(of: " " + word + " ", options: .backwards)
                    ?? text.range(of: word + ":", options: .backwards) else { continue }
            let before = String(text[..<range.lowerBound]).trimmingWhitespace()
            let tail = String(text[range.upperBound...]).trimmingWhitespace()
            guard !tail.isEmpty, endsSentence(before), tail.split(separator: " ").count <= 40,
                  !tail.unicodeScalars.contains(where: { $0 == "." || $0 == "؟" || $0 == "!" }) else { continue }
            let line = (word + " " + tail).trimmingWhitespace()
            return (before, Tags(line: line, keywords: KeywordLine.split(tail.trimmingCharacters(in: [":", " "]))))
        }
        return nil
    }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last(where: { $0 != " " }) else { return false }
        return ".!؟?»\"”)".unicodeScalars.contains(last)
    }
}
