import Foundation
import KhabarText

/// What a store answers so that `StoreSearch` can run a search on it: the store finds articles
/// by search terms (FTS5 in SQLite, a GIN-indexed tsvector in PostgreSQL); expansion through
/// the entity catalog, ranking, paging and snippets are the same code for every store, so both
/// stores give the same results.
public protocol SearchIndex {
    /// Catalog rows spelled by any of `keys` (normalised words joined by spaces), most mentioned
    /// entity first.
    func spellings(for keys: [String]) throws -> [EntitySpellingRow]
    /// Articles matching every clause (each an OR of phrases), only in titles when `inTitle`,
    /// within the query's filters, in arrival order.
    func matches(_ clauses: [SearchQueryBuilder.Clause], inTitle: Bool, filters: SearchQuery) throws -> [(story: Int, seq: Int64)]
    func importance(ofStories ids: [Int]) throws -> [Int: Double]
    func storyRecords(_ ids: [Int]) throws -> [Int: StoryRecord]
    func articleIDs(_ seqs: [Int64]) throws -> [Int64: String]
    /// Articles' titles and bodies as the index holds them (one round trip for a page's snippets).
    func indexedTexts(_ seqs: [Int64]) throws -> [Int64: (title: String, body: String)]
}

public struct EntitySpellingRow: Sendable {
    public var key: String
    public var entity: EntityRef
    public var kind: EntityKind
    public var variants: [String]

    public init(key: String, entity: EntityRef, kind: EntityKind, variants: [String]) {
        self.key = key
        self.entity = entity
        self.kind = kind
        self.variants = variants
    }
}

public enum StoreSearch {
    /// Runs `query` on `index`.
    public static func run(_ query: SearchQuery, on index: some SearchIndex) throws -> SearchResults {
        let words = SearchQueryBuilder().words(for: query.text)
        var clauses: [SearchQueryBuilder.Clause] = words.map { [[$0.term]] }
        let searchedTerms = words.map(\.term)
        // A word (or the whole query) that spells a known entity also finds its other spellings.
        var expanded: [EntityRef] = []
        let whole = words.map(\.word).joined(separator: " ")
        let known = try entitySpellings(for: Array(Set(words.map(\.word) + [whole])), in: index)
        if let spellings = known[whole], clauses.count > 1 {
            clauses = [spellings.phrases]
            expanded = [spellings.entity]
        } else {
            for (i, word) in words.enumerated() {
                guard let spellings = known[word.word] else { continue }
                clauses[i] = spellings.phrases
                expanded.append(spellings.entity)
            }
        }
        clauses = clauses.map { $0.filter { !$0.isEmpty } }.filter { !$0.isEmpty }
        guard !clauses.isEmpty else { return SearchResults(hits: [], total: 0, terms: [], expandedFrom: []) }
        // Stories are ranked by how many of their articles match (in the title above all) and
        // their importance; per-article bm25 is left out because it costs a score for every
        // matching article (a common name matches half the week).
        // Two passes over the index in all: every matching article, and those matching in the
        // title; counts, the page's articles and the titled ones all come from these.
        let inBody = try index.matches(clauses, inTitle: false, filters: query)
        let inTitle = try index.matches(clauses, inTitle: true, filters: query)
        var matches: [Int: Int] = [:]
        for hit in inBody { matches[hit.story, default: 0] += 1 }
        var titleMatches: [Int: Int] = [:]
        for hit in inTitle { titleMatches[hit.story, default: 0] += 1 }
        let importance = matches.isEmpty ? [:] : try index.importance(ofStories: Array(matches.keys))
        var scored = matches.compactMap { story, count in
            importance[story].map { importance in
                (story: story, score: searchScore(matches: count, titleMatches: titleMatches[story] ?? 0, importance: importance))
            }
        }
        let total = scored.count
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.story < $1.story }
        let pageScores = scored.dropFirst(max(0, query.offset)).prefix(max(0, min(query.limit, 100)))
        guard !pageScores.isEmpty else {
            return SearchResults(hits: [], total: total, terms: searchedTerms, expandedFrom: expanded)
        }
        let ids = pageScores.map(\.story)
        let records = try index.storyRecords(ids)
        // The page's matching articles (those matching in the title first, then in arrival
        // order) and snippets of the first three of each story, cut from the indexed text.
        let onPage = Set(ids)
        let titled = Set(inTitle.lazy.filter { onPage.contains($0.story) }.map(\.seq))
        let pageArticles = inBody.filter { onPage.contains($0.story) }
        let articleIDs = try index.articleIDs(pageArticles.map(\.seq))
        var byStory: [Int: [(seq: Int64, id: String)]] = [:]
        for article in pageArticles {
            guard let id = articleIDs[article.seq] else { continue }
            byStory[article.story, default: []].append((article.seq, id))
        }
        let terms = Set(clauses.flatMap { $0.flatMap { $0 } })
        var ordered: [Int: [(seq: Int64, id: String)]] = [:]
        for item in pageScores {
            let matching = byStory[item.story] ?? []
            ordered[item.story] = matching.filter { titled.contains($0.seq) } + matching.filter { !titled.contains($0.seq) }
        }
        let texts = try index.indexedTexts(ordered.values.flatMap { $0.prefix(3).map(\.seq) })
        var hits: [SearchResults.Hit] = []
        for item in pageScores {
            guard let story = records[item.story] else { continue }
            let matching = ordered[item.story] ?? []
            var snippets: [String] = []
            for article in matching.prefix(3) {
                guard let text = texts[article.seq] else { continue }
                let whole = text.title.isEmpty ? text.body : text.title + "\n" + text.body
                if let snippet = SearchSnippet.make(whole, terms: terms) { snippets.append(snippet) }
            }
            hits.append(SearchResults.Hit(story: story, score: item.score, articles: matching.map(\.id), snippets: snippets))
        }
        return SearchResults(hits: hits, total: total, terms: searchedTerms, expandedFrom: expanded)
    }

    /// A story's search score: its matching articles (a title match counts double), lifted by
    /// the story's importance.
    public static func searchScore(matches: Int, titleMatches: Int, importance: Double) -> Double {
        let evidence: Double = log2(1 + Double(matches)) + 2 * log2(1 + Double(titleMatches))
        let weight: Double = 1 + 0.05 * importance
        return ((evidence * weight) * 1000).rounded() / 1000
    }

    /// For each key (normalised words joined by spaces) that spells a known entity: the most
    /// mentioned such entity, and its spellings as phrases of search terms (at most
    /// `maxSpellings`, most frequent first), the key's own among them.
    public static let maxSpellings = 16

    static func entitySpellings(for keys: [String], in index: some SearchIndex) throws
        -> [String: (phrases: [[String]], entity: EntityRef)] {
        let keys = keys.filter { !$0.isEmpty }
        guard !keys.isEmpty else { return [:] }
        var out: [String: (phrases: [[String]], entity: EntityRef)] = [:]
        for row in try index.spellings(for: keys) {
            guard out[row.key] == nil else { continue }
            var phrases = [SearchTerms.terms(row.key)]
            for variant in row.variants {
                for spelling in safeSpellings(variant, of: row.key, kind: row.kind) {
                    let phrase = SearchTerms.terms(spelling)
                    if !phrase.isEmpty, !phrases.contains(phrase), phrases.count < maxSpellings { phrases.append(phrase) }
                }
            }
            out[row.key] = (phrases, row.entity)
        }
        return out
    }

    /// What a query for `key` may also look for out of `variant`, another spelling the catalog
    /// holds for the same entity. The catalog sometimes files a common word under a name (من
    /// under اليمن), and looking for it would find everything; so no stop words or two-letter
    /// words, and only spellings the catalog's own rule would merge with the key on their own.
    /// For a one-word key (a surname) that is the matching word of a longer name (بوتن finds
    /// بوتين in فلاديمير بوتين); for a longer key, a whole name that shares a word with it.
    public static func safeSpellings(_ variant: String, of key: String, kind: EntityKind) -> [String] {
        let words = Tokenizer.words(variant).filter { !StopWords.isStopWord($0) && $0.unicodeScalars.count >= 3 }
        let keyWords = key.split(separator: " ").map(String.init)
        if keyWords.count == 1 {
            return words.filter { $0 == key || EntityCatalog.mergesSpellings(key, $0, kind: kind) }
        }
        return words.contains(where: keyWords.contains) ? [variant] : []
    }

    /// The keys under which a query finds the entity: each spelling's normalised words, and for a
    /// person's full name also the last name alone (بوتين finds فلاديمير بوتين), when it is not short.
    public static func spellingKeys(_ entity: EntityRecord) -> [String] {
        var keys: [String] = []
        for variant in entity.variants {
            let words = Tokenizer.words(variant)
            guard !words.isEmpty else { continue }
            keys.append(words.joined(separator: " "))
            if entity.kind == .person, words.count > 1, let last = words.last, last.unicodeScalars.count >= 3 {
                keys.append(last)
            }
        }
        return keys
    }
}
