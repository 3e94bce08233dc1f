import Foundation

/// Where the desk keeps everything it has placed: articles in arrival order with their story,
/// the stories with their latest digest, and the entity catalog. SQLite implements it today
/// (`SQLiteStore`); PostgreSQL will implement the same protocol. The engine (`StoryDesk`) is the
/// only writer; pages and the API only read.
public protocol StoryStore: Sendable {
    // MARK: Writing (the desk, one writer)

    /// Every stored article in arrival order, for the desk's replay after a restart.
    func forEachArticle(_ body: (StoredArticle) throws -> Void) throws
    /// Stores newly placed articles and the story changes they caused, all or nothing: after a
    /// crash either every article of the batch is there or none is.
    func commit(_ batch: PlacedBatch) throws
    /// Replaces the digests (and list fields) of the given stories, and the entities they name.
    func saveDigests(_ stories: [StoryRecord], entities: [EntityRecord]) throws
    /// Stories whose stored digest was made from fewer articles than they now have, or was
    /// marked stale by a commit.
    func staleStoryIDs() throws -> [Int]

    // MARK: Reading (pages and the API)

    func stories(_ query: StoryListQuery) throws -> StoryList
    func story(id: Int) throws -> StoryRecord?
    func articles(inStory id: Int) throws -> [ArticleRecord]
    func article(id: String) throws -> ArticleRecord?
    func entity(id: Int) throws -> EntityRecord?
    /// Stories that name the entity, most recent first.
    func stories(withEntity id: Int, limit: Int) throws -> [StoryRecord]
    func search(_ query: SearchQuery) throws -> SearchResults
    func stats() throws -> StoreStats
    /// Articles accepted but not yet placed (several workers share a queue); none for a store
    /// one process owns.
    func queueStatus() throws -> QueueStatus
    /// The schema migrations run on this store, oldest first (the schema version is their count).
    func appliedMigrations() throws -> [String]
}

extension StoryStore {
    public func queueStatus() throws -> QueueStatus { QueueStatus(depth: 0, oldestSeconds: nil) }
}

public struct QueueStatus: Sendable {
    public var depth: Int
    /// How long the oldest queued article has waited.
    public var oldestSeconds: Double?

    public init(depth: Int, oldestSeconds: Double?) {
        self.depth = depth
        self.oldestSeconds = oldestSeconds
    }
}

/// One article as stored: the clean article and where the desk placed it.
public struct StoredArticle: Sendable {
    /// Arrival order, from 1.
    public var seq: Int64
    public var article: CleanArticle
    public var story: Int
    public var duplicateOf: String?
    /// A hash of the article's normalised text: the same text sent twice is stored once.
    public var textHash: String
    /// For a re-post of a stored text under another id (an outlet's second section, say): the
    /// article first stored with that text. The re-post is kept as a row (it is placed in the
    /// story like the batch places it) but not indexed for search a second time.
    public var sameAs: String?
    public var received: Double
    /// The article's facts as extraction gave them (before the entity catalog numbered them),
    /// where the store keeps them: a desk replaying or catching up reads them instead of
    /// extracting again. Nil where the store keeps none (SQLite).
    public var facts: ArticleFacts?

    public init(seq: Int64, article: CleanArticle, story: Int, duplicateOf: String?, textHash: String,
                sameAs: String? = nil, received: Double, facts: ArticleFacts? = nil) {
        self.seq = seq
        self.article = article
        self.story = story
        self.duplicateOf = duplicateOf
        self.textHash = textHash
        self.sameAs = sameAs
        self.received = received
        self.facts = facts
    }
}

/// What one ingest step writes: the new articles, and earlier articles whose `duplicate_of`
/// changed because an earlier-dated copy arrived.
public struct PlacedBatch: Sendable {
    public var articles: [StoredArticle]
    public var duplicateChanges: [(article: String, duplicateOf: String?)]
    /// Stories that gained articles, with their list fields as they stand now.
    public var stories: [StoryRecord]
    /// Other stories whose digest is now stale (an entity they name changed kind).
    public var staleDigests: [Int]

    public init(articles: [StoredArticle], duplicateChanges: [(article: String, duplicateOf: String?)], stories: [StoryRecord],
                staleDigests: [Int] = []) {
        self.articles = articles
        self.duplicateChanges = duplicateChanges
        self.stories = stories
        self.staleDigests = staleDigests
    }
}

/// A story's row: what lists show, plus its latest digest as `khabar digest --format json` writes
/// one story (nil until the first digest is made).
public struct StoryRecord: Sendable {
    public var id: Int
    public var headline: String
    public var articleCount: Int
    public var outlets: [String]
    public var first: Double?
    public var last: Double?
    /// Outlets and original articles folded into one number, before the time decay lists apply.
    public var importance: Double
    /// The most mentioned entities, for lists: id and name.
    public var topEntities: [EntityRef]
    /// Loaded by `story(id:)` and `stories(withEntity:)` only; lists leave it nil.
    public var digestJSON: String?
    /// The article count the digest was made from (behind `articleCount` while a refresh is due).
    public var digestArticleCount: Int
    /// When the digest was last written (seconds since 1970).
    public var updated: Double?

    public init(id: Int, headline: String, articleCount: Int, outlets: [String], first: Double?, last: Double?,
                importance: Double, topEntities: [EntityRef] = [], digestJSON: String? = nil,
                digestArticleCount: Int = 0, updated: Double? = nil) {
        self.id = id
        self.headline = headline
        self.articleCount = articleCount
        self.outlets = outlets
        self.first = first
        self.last = last
        self.importance = importance
        self.topEntities = topEntities
        self.digestJSON = digestJSON
        self.digestArticleCount = digestArticleCount
        self.updated = updated
    }
}

public struct EntityRef: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}

public struct ArticleRecord: Sendable {
    public var seq: Int64
    public var article: CleanArticle
    public var story: Int
    public var duplicateOf: String?
    public var sameAs: String?
    public var received: Double

    public init(seq: Int64, article: CleanArticle, story: Int, duplicateOf: String?, sameAs: String? = nil, received: Double) {
        self.seq = seq
        self.article = article
        self.story = story
        self.duplicateOf = duplicateOf
        self.sameAs = sameAs
        self.received = received
    }
}

/// An entity of the catalog: its spellings and mention count across the whole desk.
public struct EntityRecord: Sendable {
    public var id: Int
    public var name: String
    public var kind: EntityKind
    public var variants: [String]
    public var mentions: Int
    /// Stories naming it, with mentions in each.
    public var stories: [(story: Int, mentions: Int)]

    public init(id: Int, name: String, kind: EntityKind, variants: [String], mentions: Int, stories: [(story: Int, mentions: Int)] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.variants = variants
        self.mentions = mentions
        self.stories = stories
    }
}

public struct StoryListQuery: Sendable {
    /// Only stories whose last article is at or after this time.
    public var since: Double?
    /// Only stories whose last article is before this time (or undated).
    public var until: Double?
    public var outlet: String?
    public var entity: Int?
    public var limit = 30
    public var offset = 0

    public init(since: Double? = nil, until: Double? = nil, outlet: String? = nil, entity: Int? = nil, limit: Int = 30, offset: Int = 0) {
        self.since = since
        self.until = until
        self.outlet = outlet
        self.entity = entity
        self.limit = limit
        self.offset = offset
    }
}

public struct StoryList: Sendable {
    public var stories: [StoryRecord]
    public var total: Int

    public init(stories: [StoryRecord], total: Int) {
        self.stories = stories
        self.total = total
    }
}

public struct SearchQuery: Sendable {
    /// What the user typed; any text is valid (operators and quotes are words like any other).
    public var text: String
    public var from: Double?
    public var to: Double?
    public var outlet: String?
    public var entity: Int?
    public var limit = 20
    public var offset = 0

    public init(text: String, from: Double? = nil, to: Double? = nil, outlet: String? = nil, entity: Int? = nil,
                limit: Int = 20, offset: Int = 0) {
        self.text = text
        self.from = from
        self.to = to
        self.outlet = outlet
        self.entity = entity
        self.limit = limit
        self.offset = offset
    }
}

public struct SearchResults: Sendable {
    public struct Hit: Sendable {
        public var story: StoryRecord
        public var score: Double
        /// Matching articles of the story, best first.
        public var articles: [String]
        /// Passages with the matched words between `[` `]` markers (`SearchSnippet` renders them).
        public var snippets: [String]

        public init(story: StoryRecord, score: Double, articles: [String], snippets: [String]) {
            self.story = story
            self.score = score
            self.articles = articles
            self.snippets = snippets
        }
    }
    public var hits: [Hit]
    public var total: Int
    /// The words searched for (after folding), and the entity spellings added to them.
    public var terms: [String]
    public var expandedFrom: [EntityRef]

    public init(hits: [Hit], total: Int, terms: [String], expandedFrom: [EntityRef]) {
        self.hits = hits
        self.total = total
        self.terms = terms
        self.expandedFrom = expandedFrom
    }
}

public struct StoreStats: Sendable {
    public var articles: Int
    public var stories: Int
    public var entities: Int
    public var bytes: Int64
    public var newestArticle: Double?

    public init(articles: Int, stories: Int, entities: Int, bytes: Int64, newestArticle: Double?) {
        self.articles = articles
        self.stories = stories
        self.entities = entities
        self.bytes = bytes
        self.newestArticle = newestArticle
    }
}

/// A store that cannot do what was asked, in words a user understands.
public struct StoreError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
