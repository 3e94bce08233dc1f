/// One story's digest: what happened (a cited summary), who is in it, who said what, when things
/// happened, which outlet reported which fact, and where outlets disagree. Every piece of text
/// carries the ids of the articles it comes from.
public struct StoryDigest: Sendable {
    public var id: Int
    /// The most representative title or lead sentence.
    public var headline: String
    /// The article the headline was taken from.
    public var headlineArticle: String
    /// Member article ids, in arrival order.
    public var articles: [String]
    /// Distinct outlets, most articles first.
    public var outlets: [String]
    public var first: PublishedDate?
    public var last: PublishedDate?
    public var importance: Double
    public var summary: [CitedSentence]
    public var entities: [StoryEntity]
    public var quotes: [MergedQuote]
    public var timeline: [TimelineEntry]
    public var coverage: [CoveredFact]
    public var contradictions: [Contradiction]

    public init(id: Int, headline: String, headlineArticle: String, articles: [String], outlets: [String],
                first: PublishedDate?, last: PublishedDate?, importance: Double,
                summary: [CitedSentence] = [], entities: [StoryEntity] = [], quotes: [MergedQuote] = [],
                timeline: [TimelineEntry] = [], coverage: [CoveredFact] = [], contradictions: [Contradiction] = []) {
        self.id = id
        self.headline = headline
        self.headlineArticle = headlineArticle
        self.articles = articles
        self.outlets = outlets
        self.first = first
        self.last = last
        self.importance = importance
        self.summary = summary
        self.entities = entities
        self.quotes = quotes
        self.timeline = timeline
        self.coverage = coverage
        self.contradictions = contradictions
    }
}

/// A sentence of one article and every article that reports the same fact.
public struct CitedSentence: Sendable, Hashable {
    public var text: String
    /// The article the words are taken from.
    public var article: String
    /// Every article that reports the fact, `article` first.
    public var citedBy: [String]

    public init(text: String, article: String, citedBy: [String]) {
        self.text = text
        self.article = article
        self.citedBy = citedBy
    }
}

/// An entity as it appears in one story.
public struct StoryEntity: Sendable, Hashable {
    /// The entity's id across the whole run (as `khabar extract` numbers them).
    public var id: Int
    public var name: String
    public var kind: EntityKind
    /// Spellings seen in this story, most frequent first.
    public var variants: [String]
    public var mentions: Int
    public var outlets: [String]
    public var articles: [String]

    public init(id: Int, name: String, kind: EntityKind, variants: [String], mentions: Int,
                outlets: [String], articles: [String]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.variants = variants
        self.mentions = mentions
        self.outlets = outlets
        self.articles = articles
    }
}

/// One statement by one speaker, with the other wordings it was reported in (translations differ).
public struct MergedQuote: Sendable, Hashable {
    /// The speaker's entity name, or the speaker as written when no entity was found.
    public var speaker: String
    public var speakerEntity: Int?
    /// The fullest wording.
    public var text: String
    /// Other wordings of the same statement.
    public var variants: [String]
    public var sources: [String]

    public init(speaker: String, speakerEntity: Int?, text: String, variants: [String], sources: [String]) {
        self.speaker = speaker
        self.speakerEntity = speakerEntity
        self.text = text
        self.variants = variants
        self.sources = sources
    }
}

/// A dated happening: the sentence that dates it, the resolved day, and who reports it.
public struct TimelineEntry: Sendable, Hashable {
    /// ISO 8601 day ("2023-09-13").
    public var date: String
    public var text: String
    /// The date expression as written ("الأربعاء", "أمس الأول الجمعة").
    public var expression: String
    /// True when the day was resolved against a publication date inferred from the rest of the story.
    public var inferred: Bool
    public var sources: [String]

    public init(date: String, text: String, expression: String, inferred: Bool, sources: [String]) {
        self.date = date
        self.text = text
        self.expression = expression
        self.inferred = inferred
        self.sources = sources
    }
}

/// A fact (a group of aligned sentences) and the outlets that report it.
public struct CoveredFact: Sendable, Hashable {
    public var fact: String
    public var outlets: [String]
    public var sources: [String]

    public init(fact: String, outlets: [String], sources: [String]) {
        self.fact = fact
        self.outlets = outlets
        self.sources = sources
    }
}

/// The same fact told with incompatible values by different outlets.
public struct Contradiction: Sendable, Hashable {
    public struct Value: Sendable, Hashable {
        /// What differs ("17", "لم", a date), as written.
        public var value: String
        /// The sentence that carries it.
        public var text: String
        public var sources: [String]

        public init(value: String, text: String, sources: [String]) {
            self.value = value
            self.text = text
            self.sources = sources
        }
    }

    /// What the values are about: the words both sides share.
    public var fact: String
    /// What kind of difference: "number", "date", "negation", "antonym", "place".
    public var kind: String
    public var values: [Value]

    public init(fact: String, kind: String, values: [Value]) {
        self.fact = fact
        self.kind = kind
        self.values = values
    }
}

/// One member of a story as the summarise stage sees it: the clean article, what the extract stage
/// found in it (mentions already grouped into entities), and whether it copies another member.
public struct StoryMember: Sendable {
    public var article: CleanArticle
    public var facts: ArticleFacts
    public var duplicateOf: String?
    /// The publication day inferred from the story, when the article has none.
    public var inferredPublication: PublishedDate?
    /// What the digest takes from this member alone, when made before (the desk keeps it between
    /// refreshes of a growing story); nil: the digester makes it.
    public var digestParts: MemberDigestParts?

    public init(article: CleanArticle, facts: ArticleFacts, duplicateOf: String? = nil,
                inferredPublication: PublishedDate? = nil, digestParts: MemberDigestParts? = nil) {
        self.article = article
        self.facts = facts
        self.duplicateOf = duplicateOf
        self.inferredPublication = inferredPublication
        self.digestParts = digestParts
    }

    /// The outlet, or the article id in brackets when the outlet is unknown (it still counts as a source of its own).
    var outletName: String { article.outletOrID }
}

/// A member article as the digest lists it: the clean article plus where the story stage put it.
public struct DigestArticle: Sendable {
    public var article: CleanArticle
    public var story: Int
    public var duplicateOf: String?
    /// The publication day inferred from the story when the article has none (used for its relative dates).
    public var inferredPublication: PublishedDate?

    public init(article: CleanArticle, story: Int, duplicateOf: String?, inferredPublication: PublishedDate? = nil) {
        self.article = article
        self.story = story
        self.duplicateOf = duplicateOf
        self.inferredPublication = inferredPublication
    }
}

/// Every story's digest (most important first) and every article.
public struct Digest: Sendable {
    public var stories: [StoryDigest]
    public var articles: [DigestArticle]

    public init(stories: [StoryDigest], articles: [DigestArticle]) {
        self.stories = stories
        self.articles = articles
    }
}

extension Digest {
    /// Only stories with at least `minArticles` articles, the first `top` of them (0: all), and
    /// only their articles.
    public func filtered(minArticles: Int = 1, top: Int = 0) -> Digest {
        var kept = stories.filter { $0.articles.count >= minArticles }
        if top > 0 { kept = Array(kept.prefix(top)) }
        guard kept.count != stories.count else { return self }
        let ids = Set(kept.map(\.id))
        return Digest(stories: kept, articles: articles.filter { ids.contains($0.story) })
    }
}

extension StoryDigest {
    /// Entities worth a reader's eye: mentioned more than once (a name tagged once is often a
    /// tagging slip); all of them for a one-article story.
    public var notableEntities: [StoryEntity] {
        articles.count == 1 ? entities : entities.filter { $0.mentions > 1 || $0.articles.count > 1 }
    }

    /// Per outlet, how many of the listed facts only it reports (most first).
    public var exclusiveFacts: [(outlet: String, facts: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for fact in coverage where fact.outlets.count == 1 {
            if counts[fact.outlets[0]] == nil { order.append(fact.outlets[0]) }
            counts[fact.outlets[0], default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }.sorted { $0.facts > $1.facts }
    }
}

extension CleanArticle {
    /// The outlet, or the article id in brackets when the outlet is unknown: how the digest names
    /// an article's source.
    public var outletOrID: String { outlet ?? "(\(id))" }
}
