import Foundation

/// Where an article came from: a file on disk or a URL (JSON Lines input carries URLs).
public enum ArticleSource: Hashable, Sendable, Codable {
    case file(path: String)
    case url(String)

    private enum CodingKeys: String, CodingKey { case path, url }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .file(let path): try c.encode(path, forKey: .path)
        case .url(let url): try c.encode(url, forKey: .url)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let path = try c.decodeIfPresent(String.self, forKey: .path) {
            self = .file(path: path)
        } else {
            self = .url(try c.decode(String.self, forKey: .url))
        }
    }
}

/// The kind of input an article was read from; the cleaner trusts HTML structure more than flat text.
public enum InputKind: String, Sendable, Codable {
    case text, html, jsonLines = "jsonl"
}

/// Metadata the input itself states (JSON Lines fields, HTML meta tags). The cleaner prefers these
/// over what it infers from the text, because they are explicit.
public struct MetadataHints: Sendable, Hashable {
    public var title: String?
    public var outlet: String?
    public var published: PublishedDate?
    public var authors: [String] = []
    public var url: String?

    public init(title: String? = nil, outlet: String? = nil, published: PublishedDate? = nil,
                authors: [String] = [], url: String? = nil) {
        self.title = title
        self.outlet = outlet
        self.published = published
        self.authors = authors
        self.url = url
    }
}

/// One article as read, before cleaning: its body text (blocks separated by newlines) and hints.
public struct RawArticle: Sendable {
    public var id: String
    public var source: ArticleSource
    public var kind: InputKind
    public var text: String
    public var hints: MetadataHints

    public init(id: String, source: ArticleSource, kind: InputKind, text: String,
                hints: MetadataHints = MetadataHints()) {
        self.id = id
        self.source = source
        self.kind = kind
        self.text = text
        self.hints = hints
    }
}

/// Why a block of input was not kept as body text.
public enum RemovalReason: String, Sendable, Codable, CaseIterable {
    case title              // the headline line: kept as metadata, not body
    case dateline           // "القاهرة - بوابة الوسط الأربعاء 13 سبتمبر 2023"
    case publishedLine = "published-line" // "تاريخ النشر: …"
    case readAlso = "read-also"           // "اقرأ أيضاً" and the headline under it
    case relatedHeadlines = "related-headlines" // lists of other headlines
    case keywords           // "كلمات دلالية: …"
    case credit             // "المصدر: …", "مصدر"
    case byline             // author lines
    case advertisement      // "[إعلان 2]"
    case commentCounter = "comment-counter" // "تعليق (0)", "تعليقات"
    case siteChrome = "site-chrome"         // "المزيد", app promos, lone site names, widget ids
    case code               // CSS / JavaScript fragments
    case caption            // photo captions with a photo credit
    case appendedArticle = "appended-article" // a whole unrelated article after the real one
    case repeatedLine = "repeated-line"       // a line that repeats an earlier one
}

/// A block taken out of the body, with the reason, so a user can check every decision.
public struct RemovedBlock: Sendable, Codable, Hashable {
    public var text: String
    public var reason: RemovalReason

    public init(text: String, reason: RemovalReason) {
        self.text = text
        self.reason = reason
    }
}

/// An article after cleaning: the body paragraphs, the metadata found, and what was removed.
public struct CleanArticle: Sendable, Codable {
    public var id: String
    public var source: ArticleSource
    public var title: String?
    public var outlet: String?
    public var published: PublishedDate?
    public var place: String?
    public var authors: [String]
    public var agencies: [String]
    public var keywords: [String]
    public var language: String?
    public var paragraphs: [String]
    public var removed: [RemovedBlock]

    public init(id: String, source: ArticleSource, title: String? = nil, outlet: String? = nil,
                published: PublishedDate? = nil, place: String? = nil, authors: [String] = [],
                agencies: [String] = [], keywords: [String] = [], language: String? = nil,
                paragraphs: [String] = [], removed: [RemovedBlock] = []) {
        self.id = id
        self.source = source
        self.title = title
        self.outlet = outlet
        self.published = published
        self.place = place
        self.authors = authors
        self.agencies = agencies
        self.keywords = keywords
        self.language = language
        self.paragraphs = paragraphs
        self.removed = removed
    }

    /// The body as one string, paragraphs joined by a blank line (offsets of later stages refer to this).
    public var body: String { paragraphs.joined(separator: "\n\n") }

    private enum CodingKeys: String, CodingKey {
        case id, source, title, outlet, published, place, authors, agencies, keywords, language,
             paragraphs, removed
    }

    public func encode(to encoder: Encoder) throws {
        // Unknown values are written as null, never left out, so consumers see one fixed shape.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(title, forKey: .title)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(published, forKey: .published)
        try c.encode(place, forKey: .place)
        try c.encode(authors, forKey: .authors)
        try c.encode(agencies, forKey: .agencies)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(language, forKey: .language)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(removed, forKey: .removed)
    }
}
