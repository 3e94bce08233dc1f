import KhabarText

/// Splits the text of a keyword line into keywords. Explicit separators (، , | ; # •) split it;
/// a line with none is a run of tags written one after another, which is split into words and
/// re-joined where consecutive words also stand together in the article (so "كيم جونغ أون" stays one).
enum KeywordLine {
    static let separators: Set<Unicode.Scalar> = ["،", ",", "|", ";", "؛", "#", "•", "/", "-", "–"]

    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if separators.contains(s) {
                parts.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(s)
            }
        }
        parts.append(String(current))
        return unique(parts.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty })
    }

    /// Re-splits separator-less keyword runs against the article body: the longest word sequences
    /// (up to four words) that also occur in the body become keywords, other words stand alone.
    static func segment(_ keywords: [String], body: String) -> [String] {
        guard keywords.count == 1, let run = keywords.first else { return keywords }
        let words = run.split(separator: " ").map(String.init)
        guard words.count > 3 else { return keywords }
        let bodyKey = " " + Tokenizer.words(body).joined(separator: " ") + " "
        let keys = words.map { ArabicNormalizer.normalize($0, .matching).lowercased() }
        var result: [String] = []
        var i = 0
        while i < words.count {
            var taken = 1
            for n in stride(from: min(4, words.count - i), through: 2, by: -1) {
                if bodyKey.contains(" " + keys[i..<(i + n)].joined(separator: " ") + " ") { taken = n; break }
            }
            result.append(words[i..<(i + taken)].joined(separator: " "))
            i += taken
        }
        return unique(result)
    }

    /// Keeps the first of repeated keywords (keyword lines often list the same tag several times).
    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert(ArabicNormalizer.normalize($0, .matching)).inserted }
    }
}
