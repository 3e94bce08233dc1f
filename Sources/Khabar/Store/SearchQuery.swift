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

    /// The query's words, normalised (what entity spellings are looked up by: stems would make
    /// السعودية and سعود one key) and as search terms (what the index holds); a repeated term once.
    public func words(for text: String) -> [(word: String, term: String)] {
        var seen = Set<String>()
        var words: [(word: String, term: String)] = []
        for word in Tokenizer.words(text) {
            guard let term = SearchTerms.terms(word).first, seen.insert(term).inserted else { continue }
            words.append((word, term))
            if words.count == maxTerms { break }
        }
        return words
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
        replacingMarks(in: HTMLEscaping.escape(snippet), open: Array("<mark>".utf8), close: Array("</mark>".utf8))
    }

    /// Plain text without the marks.
    public static func plain(_ snippet: String) -> String {
        replacingMarks(in: snippet, open: [], close: [])
    }

    /// The marks (U+E000 EE 80 80, U+E001 EE 80 81 in UTF-8) swapped for other bytes, over the
    /// bytes: Foundation's replacingOccurrences costs more than the search itself.
    static func replacingMarks(in text: String, open: [UInt8], close: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 64)
        withUTF8Bytes(text) { bytes in
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0xEE, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 || bytes[i + 2] == 0x81 {
                    out.append(contentsOf: bytes[i + 2] == 0x80 ? open : close)
                    i += 3
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SearchSnippet {
    /// A passage of about `words` words of `text` around its densest cluster of the search terms,
    /// the matched words between `open`/`close` marks, "…" where it is cut. Made with the same
    /// analysis chain as the index (`SearchTerms`), so what is marked is what matched.
    public static func make(_ text: String, terms: Set<String>, words: Int = 24) -> String? {
        // Terms compared by their 64-bit hashes: no String per word of the article.
        let wanted = Set(terms.map(TermHash.hash))
        var spans: [(range: Range<Int>, hit: Bool)] = []
        withUTF8Bytes(text) { bytes in
            SearchTerms.forEach(in: bytes) { term, range in
                spans.append((range, wanted.contains(TermHash.hash(term))))
            }
        }
        guard let firstHit = spans.firstIndex(where: \.hit) else { return nil }
        // The window with the most hits (the first such), by a sliding count.
        var best = (start: firstHit, hits: 0)
        var hits = 0
        for i in spans.indices {
            if spans[i].hit { hits += 1 }
            if i >= words, spans[i - words].hit { hits -= 1 }
            if hits > best.hits { best = (max(0, i - words + 1), hits) }
        }
        let start = max(0, min(best.start, spans.count - words))
        let end = min(spans.count, start + words)
        let utf8 = Array(text.utf8)
        var out = start > 0 ? "…" : ""
        var cursor = spans[start].range.lowerBound
        for span in spans[start..<end] {
            out += String(decoding: utf8[cursor..<span.range.lowerBound], as: UTF8.self)
            let word = String(decoding: utf8[span.range], as: UTF8.self)
            out += span.hit ? open + word + close : word
            cursor = span.range.upperBound
        }
        if end < spans.count { out += "…" }
        // Paragraph breaks inside a snippet read as spaces.
        return String(String.UnicodeScalarView(out.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
    }
}
