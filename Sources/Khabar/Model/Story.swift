/// What the analyse stage makes of a clean article for the story stages: weighted content terms
/// for similarity, word hashes for copy detection, and the few fields stories show.
public struct ArticleProfile: Sendable {
    public var id: String
    /// Publication time in seconds since 1970 (UTC); nil when the article has no date.
    public var time: Double?
    public var outlet: String?
    /// The title, or the start of the body when there is none.
    public var headline: String
    /// Content stems (stop words dropped) with summed position weights, heaviest first.
    public var terms: [WeightedTerm]
    /// Every word of title and body in order, matching-normalised and hashed: copies share runs of these.
    public var wordHashes: [UInt64]
    /// Title and body as one text, for the contradiction check between near-copies.
    public var text: String
    /// Readable stem of each term, only when the analyser was asked to keep them (for --explain).
    public var termNames: [UInt64: String]
    /// The MinHash signature of `wordHashes`' shingles, made beside the analysis (across cores) so
    /// that the in-order dedupe only compares; nil: the dedupe makes it itself.
    public var shingleSignature: [UInt32]?

    public init(id: String, time: Double?, outlet: String?, headline: String, terms: [WeightedTerm],
                wordHashes: [UInt64], text: String, termNames: [UInt64: String] = [:]) {
        self.id = id
        self.time = time
        self.outlet = outlet
        self.headline = headline
        self.terms = terms
        self.wordHashes = wordHashes
        self.text = text
        self.termNames = termNames
    }
}

/// A term (a stem, hashed) and its weight in one article or story.
public struct WeightedTerm: Sendable, Hashable {
    public var term: UInt64
    public var weight: Float

    public init(term: UInt64, weight: Float) {
        self.term = term
        self.weight = weight
    }
}

/// Where one article went: its story, the copy it duplicates, and why.
public struct StoryAssignment: Sendable {
    public var article: String
    public var story: Int
    /// The earliest copy of this article, when it is a near-duplicate of one.
    public var duplicateOf: String?
    /// Similarity that decided: cosine with the story (after time decay) or the copy's estimated
    /// overlap; nil when the article opened a new story.
    public var similarity: Double?
    /// The terms this article shares most with its story, heaviest first (filled for --explain).
    public var sharedTerms: [String]

    public init(article: String, story: Int, duplicateOf: String? = nil, similarity: Double? = nil,
                sharedTerms: [String] = []) {
        self.article = article
        self.story = story
        self.duplicateOf = duplicateOf
        self.similarity = similarity
        self.sharedTerms = sharedTerms
    }
}

/// One story as users see it in a ranked list.
public struct StorySummary: Sendable {
    public var id: Int
    /// A representative title: the member headline closest to the story's centre.
    public var headline: String
    /// Distinct outlets, most articles first.
    public var outlets: [String]
    public var articleCount: Int
    public var duplicateCount: Int
    public var first: Double?
    public var last: Double?
    /// Distinct outlets, article count and recency folded into one number (higher is more important).
    public var importance: Double
    public var articles: [String]
}

extension StoryAssignment {
    /// `{"article", "story", "duplicate_of"}`; with `explain`, also `"similarity"` and `"shared_terms"`.
    public func jsonLine(explain: Bool = false) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("article", article)
        json.key("story")
        json.value(story)
        json.field("duplicate_of", duplicateOf)
        if explain {
            json.key("similarity")
            if let similarity { json.value((similarity * 1000).rounded() / 1000) } else { json.value(nil as String?) }
            json.field("shared_terms", strings: sharedTerms)
        }
        json.endObject()
        return json.string
    }
}

extension StorySummary {
    /// `{"story", "headline", "outlets", "articles", "duplicates", "first", "last", "importance", "members"}`.
    public func jsonLine(rank: Int) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("rank")
        json.value(rank)
        json.key("story")
        json.value(id)
        json.field("headline", headline)
        json.field("outlets", strings: outlets)
        json.key("articles")
        json.value(articleCount)
        json.key("duplicates")
        json.value(duplicateCount)
        json.field("first", first.map { PublishedDate(utcSecondsSince1970: $0).iso8601 })
        json.field("last", last.map { PublishedDate(utcSecondsSince1970: $0).iso8601 })
        json.key("importance")
        json.value((importance * 1000).rounded() / 1000)
        json.field("members", strings: articles)
        json.endObject()
        return json.string
    }
}
