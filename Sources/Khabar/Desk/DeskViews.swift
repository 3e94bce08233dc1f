import Foundation

/// The data behind each page of the desk, read from the store once and rendered either as JSON
/// (the API) or as HTML (the pages), so the two never disagree (Datasette's rule).
public struct DeskViews: Sendable {
    public let store: any StoryStore

    public init(store: any StoryStore) { self.store = store }

    /// The live stories: those whose last article is within `window` of the newest, ranked.
    public func frontPage(_ query: StoryListQuery, window: Double = 7 * 86_400) throws -> StoryList {
        var query = query
        if query.since == nil, let newest = try store.stats().newestArticle { query.since = newest - window }
        return try store.stories(query)
    }

    /// Closed stories, most recent first, for a front page with room left under the live ones.
    public func earlierStories(limit: Int, window: Double = 7 * 86_400) throws -> StoryList {
        guard limit > 0, let newest = try store.stats().newestArticle else { return StoryList(stories: [], total: 0) }
        return try store.stories(StoryListQuery(until: newest - window, limit: limit))
    }

    public struct StoryPage: Sendable {
        public var record: StoryRecord
        public var digest: StoryDigest?
        public var articles: [ArticleRecord]
        public var inferred: [String: String]

        /// The articles as a digest lists them (with the days inferred for undated ones).
        public var digestArticles: [DigestArticle] {
            articles.map { item in
                DigestArticle(article: item.article, story: item.story, duplicateOf: item.duplicateOf,
                              inferredPublication: inferred[item.article.id].flatMap(PublishedDate.init(parsing:)))
            }
        }
    }

    public func storyPage(id: Int) throws -> StoryPage? {
        guard let record = try store.story(id: id) else { return nil }
        let articles = try store.articles(inStory: id)
        var digest: StoryDigest?
        var inferred: [String: String] = [:]
        if let json = record.digestJSON, let parsed = try? StoredDigest(json: json) {
            digest = parsed.story
            inferred = parsed.inferred
        }
        return StoryPage(record: record, digest: digest, articles: articles, inferred: inferred)
    }

    public struct EntityPage: Sendable {
        public var entity: EntityRecord
        public var stories: [StoryRecord]
        /// Quotes of this entity, newest story first: the quote and the story it is in.
        public var quotes: [(quote: MergedQuote, story: StoryRecord)]
    }

    public func entityPage(id: Int) throws -> EntityPage? {
        guard let entity = try store.entity(id: id) else { return nil }
        let stories = try store.stories(withEntity: id, limit: 50)
        var quotes: [(MergedQuote, StoryRecord)] = []
        for story in stories {
            guard let json = story.digestJSON, let digest = try? StoredDigest(json: json).story else { continue }
            for quote in digest.quotes where quote.speakerEntity == id { quotes.append((quote, story)) }
        }
        return EntityPage(entity: entity, stories: stories, quotes: quotes)
    }
}

// MARK: - JSON

extension StoryRecord {
    /// A story as lists show it (`GET /api/stories`, search results).
    public func writeListItem(to json: inout JSONWriter) {
        json.beginObject()
        writeListFields(to: &json)
        json.endObject()
    }

    func writeListFields(to json: inout JSONWriter) {
        json.key("id"); json.value(id)
        json.field("headline", headline)
        json.key("articles"); json.value(articleCount)
        json.field("outlets", strings: outlets)
        json.field("first", first.map { PublishedDate(utcSecondsSince1970: $0).iso8601 })
        json.field("last", last.map { PublishedDate(utcSecondsSince1970: $0).iso8601 })
        json.key("importance"); json.value((importance * 1000).rounded() / 1000)
        json.objects("top_entities", topEntities) { json, entity in
            json.key("id"); json.value(entity.id)
            json.field("name", entity.name)
        }
        json.field("updated", updated.map { PublishedDate(utcSecondsSince1970: $0.rounded()).iso8601 })
        json.key("digest_fresh"); json.value(digestArticleCount == articleCount)
    }
}

extension StoryList {
    public func json(limit: Int, offset: Int) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("stories")
        json.beginArray()
        for story in stories { story.writeListItem(to: &json) }
        json.endArray()
        json.key("total"); json.value(total)
        json.key("limit"); json.value(limit)
        json.key("offset"); json.value(offset)
        json.endObject()
        return json.string
    }
}

extension DeskViews.StoryPage {
    /// The same shape as `khabar digest --format json`, for this one story.
    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("stories")
        json.beginArray()
        if let digest = record.digestJSON, let story = StoredDigest.storyJSON(digest) {
            json.raw(story)
        } else {
            record.writeListItem(to: &json)
        }
        json.endArray()
        json.key("articles")
        json.beginArray()
        for item in digestArticles { item.write(to: &json) }
        json.endArray()
        json.endObject()
        return json.string
    }
}

extension ArticleRecord {
    /// `GET /api/articles/{id}`: the clean article plus its story and the copy it duplicates.
    public func json() -> String {
        var json = JSONWriter()
        article.write(to: &json, includeRemoved: true) { json in
            json.key("story"); json.value(story)
            json.field("duplicate_of", duplicateOf)
            json.field("same_as", sameAs)
            json.key("seq"); json.value(Int(seq))
        }
        return json.string
    }
}

extension DeskViews.EntityPage {
    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.entityHead(id: entity.id, name: entity.name, kind: entity.kind, variants: entity.variants, mentions: entity.mentions)
        json.key("stories")
        json.beginArray()
        for story in stories { story.writeListItem(to: &json) }
        json.endArray()
        json.objects("quotes", quotes) { json, item in
            json.field("text", item.quote.text)
            json.field("variants", strings: item.quote.variants)
            json.field("sources", strings: item.quote.sources)
            json.key("story"); json.value(item.story.id)
            json.field("date", item.story.last.map { PublishedDate(utcSecondsSince1970: $0).iso8601 })
        }
        json.endObject()
        return json.string
    }
}

extension SearchResults {
    /// `{"stories": [{"id", "headline", "score", "articles", "snippets"}], "total", "terms", "expanded"}`;
    /// snippets are HTML-escaped text with the matches in `<mark>`.
    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.objects("stories", hits) { json, hit in
            json.key("id"); json.value(hit.story.id)
            json.field("headline", hit.story.headline)
            json.key("score"); json.value(hit.score)
            json.field("articles", strings: hit.articles)
            json.field("outlets", strings: hit.story.outlets)
            json.field("last", hit.story.last.map { PublishedDate(utcSecondsSince1970: $0).iso8601 })
            json.field("snippets", strings: hit.snippets.map(SearchSnippet.html))
        }
        json.key("total"); json.value(total)
        json.field("terms", strings: terms)
        json.objects("expanded", expandedFrom) { json, entity in
            json.key("id"); json.value(entity.id)
            json.field("name", entity.name)
        }
        json.endObject()
        return json.string
    }
}
