import Foundation
import KhabarText

/// Turns what a user typed into an FTS5 query that cannot fail to parse: every word becomes a
/// quoted term (so `"`, `*`, `NEAR(`, `-`, `:` and brackets are never operators), words are
/// ANDed, and a word that spells a known entity becomes an OR over all of that entity's spellings.
public struct SearchQueryBuilder: Sendable {
    /// Longest query taken, in search terms (a 10 kB paste is cut, not refused).
    public var maxTerms = 32

    public init() {}

    /// One group of alternatives per query word, each alternative a phrase of search terms.
    public typealias Clause = [[String]]

    public func clauses(for text: String) -> [Clause] {
        var seen = Set<String>()
        var clauses: [Clause] = []
        for term in SearchTerms.terms(text) where seen.insert(term).inserted {
            clauses.append([[term]])
            if clauses.count == maxTerms { break }
        }
        return clauses
    }

    /// The FTS5 MATCH expression for the clauses; nil when there is nothing to search for.
    public func matchExpression(_ clauses: [Clause]) -> String? {
        let parts = clauses.compactMap { clause -> String? in
            let phrases = clause.filter { !$0.isEmpty }.map { phrase in
                phrase.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " + ")
            }
            guard !phrases.isEmpty else { return nil }
            return phrases.count == 1 ? phrases[0] : "(" + phrases.joined(separator: " OR ") + ")"
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }
}

/// Search snippets come out of SQLite with these private-use marks around each match; pages
/// escape the text first and then turn the marks into `<mark>`, so article text never becomes markup.
public enum SearchSnippet {
    public static let open = "\u{E000}"
    public static let close = "\u{E001}"

    /// HTML-escaped text with matches in `<mark>`.
    public static func html(_ snippet: String) -> String {
        HTMLEscaping.escape(snippet)
            .replacingOccurrences(of: open, with: "<mark>")
            .replacingOccurrences(of: close, with: "</mark>")
    }

    /// Plain text without the marks.
    public static func plain(_ snippet: String) -> String {
        snippet.replacingOccurrences(of: open, with: "").replacingOccurrences(of: close, with: "")
    }
}
