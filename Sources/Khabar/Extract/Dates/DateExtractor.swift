import KhabarText

/// Finds DATE and TIME expressions in Arabic news text and resolves them against the publication
/// date: `DateExtractor().extract(text: body, published: article.published)`.
public struct DateExtractor: Sendable {
    public init() {}

    /// Expressions in `text` in order, with UTF-8 offsets into it.
    public func extract(text: String, published: PublishedDate?) -> [DateMention] {
        extract(BodyWords(text), text: text, published: published)
    }

    /// The same, over the body's tokens and forms as the fact extractor already has them.
    func extract(_ body: BodyWords, text: String, published: PublishedDate?) -> [DateMention] {
        let tokens = body.tokens
        let grammar = DateGrammar(words: body.forms, keys: body.keys)
        let found = grammar.matches()
        let resolver = DateResolver(published: published, contextYear: DateExtractor.contextYear(found))
        let utf8 = Array(text.utf8)
        return found.map { match in
            let start = tokens[match.start].range.lowerBound
            let end = tokens[match.end - 1].range.upperBound
            let (value, anchor) = resolver.resolve(match.fields, isFuture: grammar.isFuture(match.start, match.end))
            return DateMention(text: String(decoding: utf8[start..<end], as: UTF8.self), value: value,
                               start: start, end: end, kind: match.isTime ? .time : .date, anchor: anchor,
                               isNow: match.fields.isNow)
        }
    }

    /// IOB tags (B-DATE, I-TIME, O…) for pre-split tokens, one per token: the tokens are joined with
    /// spaces, read as text, and each token takes the tag of the expression that covers it.
    public func tag(tokens: [String]) -> [String] {
        var text = ""
        var starts: [Int] = []
        for token in tokens {
            if !text.isEmpty { text += " " }
            starts.append(text.utf8.count)
            text += token
        }
        var tags = Array(repeating: "O", count: tokens.count)
        var t = 0
        for mention in extract(text: text, published: nil) {
            let type = mention.kind == .time ? "TIME" : "DATE"
            while t < tokens.count, starts[t] + tokens[t].utf8.count <= mention.start { t += 1 }
            var first = true
            while t < tokens.count, starts[t] < mention.end {
                tags[t] = (first ? "B-" : "I-") + type
                first = false
                t += 1
            }
        }
        return tags
    }

    /// Words normalised for matching; punctuation and symbols as written.
    static func matchingForm(_ token: Token) -> String {
        token.isWord ? token.normalized : token.text
    }

    /// The year of the first date written out with its year, for day-month dates elsewhere.
    static func contextYear(_ matches: [DateMatch]) -> Int? {
        matches.first { $0.fields.year != nil && $0.fields.month != nil && !$0.fields.hijri }?.fields.year
    }
}
