import Foundation

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds. The format is told from the root element;
/// `RSSParser` and `AtomParser` read their own vocabularies into the common `Feed`.
public enum FeedParser {
    /// The largest feed accepted: the whole document is held as a libxml2 tree.
    public static let defaultMaxBytes = 64 << 20

    /// Parses a feed. `baseURL` is the address the feed was fetched from, for relative links when
    /// neither xml:base nor the feed's own link gives a base. Throws `FeedError` for empty,
    /// oversized, malformed or non-feed documents, saying which.
    public static func parse(data: Data, baseURL: String?, maxBytes: Int = defaultMaxBytes) throws -> Feed {
        guard data.contains(where: { !Self.isXMLSpace($0) }) else { throw FeedError.empty }
        guard data.count <= min(maxBytes, Int(Int32.max)) else {
            throw FeedError.tooLarge(bytes: data.count, limit: maxBytes)
        }
        let document: FeedXMLDocument
        do {
            document = try FeedXMLDocument(data: data)
        } catch {
            // An HTML page is rarely well-formed XML; saying it is no feed helps more than the XML error.
            let root = FeedXML.rootElementName(data)
            if root.map(FeedXML.isFeedRoot) != true { throw FeedError.notAFeed(rootElement: root) }
            throw error
        }
        return try withExtendedLifetime(document) {
            guard let root = document.root else { throw FeedError.notAFeed(rootElement: nil) }
            if root.isNamed("rss", in: .rss) {
                return try RSSParser.parse(root: root, format: .rss, baseURL: baseURL)
            }
            if root.isNamed("RDF", in: .rdf) {
                return try RSSParser.parse(root: root, format: .rdf, baseURL: baseURL)
            }
            if root.isNamed("feed", in: .atom) {
                return AtomParser.parse(root: root, baseURL: baseURL)
            }
            throw FeedError.notAFeed(rootElement: root.qualifiedName)
        }
    }

    static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    // MARK: - Shared by the format parsers

    /// A title as one line of plain text: markup and HTML entities read by the HTML reader (feeds
    /// escape titles inconsistently), white space collapsed.
    static func plainText(_ text: FeedText?) -> String? {
        guard let text else { return nil }
        let value = text.value
        if text.kind == .html, value.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }),
           let blocks = try? HTMLReader.fragmentBlocks(value, mainContentOnly: false) {
            return blocks.joined(separator: " ").nilIfEmpty
        }
        return value.split(whereSeparator: \.isWhitespace).joined(separator: " ").nilIfEmpty
    }

    /// The first of the candidates that parses as a date (RFC 822 or RFC 3339 / ISO 8601).
    static func firstDate(_ candidates: [FeedElement?]) -> PublishedDate? {
        for element in candidates {
            if let text = element?.trimmedText, let date = PublishedDate(parsing: text) { return date }
        }
        return nil
    }

    /// The base for links that no xml:base covers: the feed's own link when absolute, else the URL
    /// the feed came from.
    static func fallbackBase(feedLink: String?, baseURL: String?) -> String? {
        if let feedLink, FeedURL.Parts(feedLink).scheme != nil { return feedLink }
        return baseURL
    }

    /// The href of an element's Atom link to the page it stands for (rel="alternate" or no rel;
    /// an HTML type preferred), resolved against the xml:base in effect on that link.
    static func alternateLink(of element: FeedElement, outerBase: String?) -> String? {
        let candidates = element.children("link", in: .atom).filter {
            let rel = $0.attribute("rel")?.lowercased() ?? "alternate"
            return rel == "alternate" && $0.attribute("href")?.trimmingUnicodeWhitespace().isEmpty == false
        }
        let best = candidates.first { ($0.attribute("type") ?? "").lowercased().contains("html") } ?? candidates.first
        guard let best, let href = best.attribute("href") else { return nil }
        return FeedURL.resolve(href, against: best.base(startingFrom: outerBase))
    }

    /// Names of Atom <author> elements (their <name>, else <email>).
    static func atomAuthors(of element: FeedElement) -> [String] {
        element.children("author", in: .atom).compactMap {
            $0.child("name", in: .atom)?.trimmedText ?? $0.child("email", in: .atom)?.trimmedText
        }
    }

    /// Names in order, repeats dropped.
    static func distinct(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
