import Foundation

/// A news feed (RSS 2.0, RSS 1.0 / RDF, or Atom 1.0) as read by `FeedParser`.
public struct Feed: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case rss, rdf, atom
    }

    public var format: Format
    public var title: String?
    /// The site the feed belongs to (RSS channel <link>, Atom rel="alternate"), absolute when it
    /// could be resolved.
    public var link: String?
    public var items: [FeedItem]

    public init(format: Format, title: String? = nil, link: String? = nil, items: [FeedItem] = []) {
        self.format = format
        self.title = title
        self.link = link
        self.items = items
    }
}

/// One item (RSS) or entry (Atom) of a feed.
public struct FeedItem: Sendable, Hashable {
    /// The item's own identifier (RSS guid, RDF rdf:about, Atom id), else its link; nil when the
    /// feed gives neither.
    public var id: String?
    public var title: String?
    /// The article's address, resolved against xml:base, the feed's link or the feed's own URL.
    public var link: String?
    public var published: PublishedDate?
    public var authors: [String]
    /// RSS <description>, Atom <summary>.
    public var summary: FeedText?
    /// RSS <content:encoded>, Atom <content>.
    public var content: FeedText?

    public init(id: String? = nil, title: String? = nil, link: String? = nil,
                published: PublishedDate? = nil, authors: [String] = [],
                summary: FeedText? = nil, content: FeedText? = nil) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.authors = authors
        self.summary = summary
        self.content = content
    }
}

/// A summary or content as the feed gives it: HTML source, or plain text (Atom type="text").
public struct FeedText: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case html, text
    }

    public var value: String
    public var kind: Kind

    public init(_ value: String, kind: Kind) {
        self.value = value
        self.kind = kind
    }
}

/// Why a document could not be read as a feed, or an item could not become an article.
public enum FeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No bytes, or only white space.
    case empty
    /// Over the size limit (bytes, limit).
    case tooLarge(bytes: Int, limit: Int)
    /// The document is XML (or markup) but its root is not rss, feed or rdf:RDF; nil when no root
    /// element could be found at all.
    case notAFeed(rootElement: String?)
    /// libxml2 refused the XML: the line and libxml2's own words.
    case malformedXML(line: Int, reason: String)
    /// The root is a feed's, but a part every feed has is missing ("an RSS feed without <channel>").
    case incomplete(String)
    /// The item has neither a summary nor content with text in it.
    case itemWithoutText
    /// The item's text is over the per-article limit (bytes, limit).
    case itemTooLarge(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty:
            return "the feed is empty"
        case .tooLarge(let bytes, let limit):
            return "the feed is \(ByteFormat.megabytes(bytes)), over the \(ByteFormat.megabytes(limit)) limit for a feed"
        case .notAFeed(let root?):
            return "not an RSS or Atom feed (root element <\(root)>)"
        case .notAFeed(nil):
            return "not an RSS or Atom feed (no XML element found at the start)"
        case .malformedXML(let line, let reason):
            return "the feed is not well-formed XML (line \(line): \(reason))"
        case .incomplete(let what):
            return "not a usable feed: \(what)"
        case .itemWithoutText:
            return "the feed item has no text (its description/summary and content are empty)"
        case .itemTooLarge(let bytes, let limit):
            return "the feed item's text is \(ByteFormat.megabytes(bytes)), over the \(ByteFormat.megabytes(limit)) limit for one article"
        }
    }
}

extension FeedError: LocalizedError {
    public var errorDescription: String? { description }
}
