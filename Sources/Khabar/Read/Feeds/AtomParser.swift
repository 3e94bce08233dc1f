/// Atom 1.0 (RFC 4287): text constructs of type text, html and xhtml; links resolved through
/// xml:base; entries without authors take the feed's.
enum AtomParser {
    static func parse(root: FeedElement, baseURL: String?) -> Feed {
        var feed = Feed(format: .atom)
        feed.title = FeedParser.plainText(text(of: root.child("title", in: .atom)))
        feed.link = FeedParser.alternateLink(of: root, outerBase: baseURL)
        let outerBase = FeedParser.fallbackBase(feedLink: feed.link, baseURL: baseURL)
        let feedAuthors = FeedParser.atomAuthors(of: root)
        feed.items = root.children("entry", in: .atom).map {
            entry($0, outerBase: outerBase, feedAuthors: feedAuthors)
        }
        return feed
    }

    static func entry(_ element: FeedElement, outerBase: String?, feedAuthors: [String]) -> FeedItem {
        var item = FeedItem()
        item.title = FeedParser.plainText(text(of: element.child("title", in: .atom)))
        item.link = FeedParser.alternateLink(of: element, outerBase: outerBase)
        item.id = element.child("id", in: .atom)?.trimmedText ?? item.link
        item.published = FeedParser.firstDate([
            element.child("published", in: .atom), element.child("updated", in: .atom),
            element.child("date", in: .dublinCore),
        ])
        let authors = FeedParser.distinct(FeedParser.atomAuthors(of: element))
        item.authors = authors.isEmpty ? feedAuthors : authors
        item.summary = text(of: element.child("summary", in: .atom))
        item.content = text(of: element.child("content", in: .atom))
        return item
    }

    /// An Atom text construct, or content: type "text" (the default), "html", "xhtml" (a <div>
    /// wrapping XHTML), or a media type. Content given by `src` or as binary media has no text here.
    static func text(of element: FeedElement?) -> FeedText? {
        guard let element, element.attribute("src") == nil else { return nil }
        let type = element.attribute("type")?.trimmingUnicodeWhitespace().lowercased() ?? "text"
        let value: String
        let kind: FeedText.Kind
        switch type {
        case "xhtml", "application/xhtml+xml":
            // The wrapping <div> is not part of the content (RFC 4287 §3.1.1.3).
            let div = element.elementChildren.first { $0.localName == "div" }
            value = (div ?? element).markup
            kind = .html
        case "html", "text/html":
            value = element.markup
            kind = .html
        case "text", "text/plain":
            value = element.text
            kind = .text
        default:
            guard type.hasPrefix("text/") else { return nil }
            value = element.text
            kind = .text
        }
        guard !value.trimmingUnicodeWhitespace().isEmpty else { return nil }
        return FeedText(value, kind: kind)
    }
}
