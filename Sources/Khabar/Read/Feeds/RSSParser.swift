/// RSS 2.0 (and 0.9x), and RSS 1.0 in RDF, whose items stand beside the channel instead of in it.
/// Modules read: content:encoded, dc:creator / dc:date / dc:title, atom:link inside items.
enum RSSParser {
    static func parse(root: FeedElement, format: Feed.Format, baseURL: String?) throws -> Feed {
        let channel = root.child("channel", in: .rss)
        guard channel != nil || format == .rdf else {
            throw FeedError.incomplete("an RSS feed without a <channel> element")
        }
        var feed = Feed(format: format)
        if let channel {
            feed.title = FeedParser.plainText(text(of: channel.child("title", in: .rss) ?? channel.child("title", in: .dublinCore)))
            if let link = channel.child("link", in: .rss), let href = link.trimmedText {
                feed.link = FeedURL.resolve(href, against: link.base(startingFrom: baseURL))
            } else {
                feed.link = FeedParser.alternateLink(of: channel, outerBase: baseURL)
            }
        }
        let outerBase = FeedParser.fallbackBase(feedLink: feed.link, baseURL: baseURL)
        let items = (channel?.children("item", in: .rss) ?? []) + root.children("item", in: .rss)
        feed.items = items.map { item($0, outerBase: outerBase) }
        return feed
    }

    static func item(_ element: FeedElement, outerBase: String?) -> FeedItem {
        var item = FeedItem()
        item.title = FeedParser.plainText(text(of: element.child("title", in: .rss) ?? element.child("title", in: .dublinCore)))

        let guid = element.child("guid", in: .rss)
        let guidText = guid?.trimmedText
        if let link = element.child("link", in: .rss), let href = link.trimmedText {
            item.link = FeedURL.resolve(href, against: link.base(startingFrom: outerBase))
        } else if let atomLink = FeedParser.alternateLink(of: element, outerBase: outerBase) {
            item.link = atomLink
        } else if let guid, let guidText, guid.attribute("isPermaLink")?.lowercased() != "false" {
            // A guid is a permalink unless it says otherwise.
            item.link = FeedURL.resolve(guidText, against: guid.base(startingFrom: outerBase))
        }
        item.id = guidText ?? element.attribute("about", namespace: FeedNamespace.rdf)?.nilIfEmpty ?? item.link

        item.published = FeedParser.firstDate([
            element.child("pubDate", in: .rss), element.child("date", in: .dublinCore),
            element.child("published", in: .atom), element.child("updated", in: .atom),
        ])
        var authors = element.children("author", in: .rss).compactMap { $0.trimmedText.map(authorName) }
        authors += element.children("creator", in: .dublinCore).compactMap(\.trimmedText)
        authors += FeedParser.atomAuthors(of: element)
        item.authors = FeedParser.distinct(authors)

        item.summary = text(of: element.child("description", in: .rss))
        item.content = text(of: element.child("encoded", in: .content))
        return item
    }

    /// RSS text is HTML: escaped, in CDATA, or (in careless feeds) as bare elements.
    static func text(of element: FeedElement?) -> FeedText? {
        guard let markup = element?.markup, !markup.trimmingUnicodeWhitespace().isEmpty else { return nil }
        return FeedText(markup, kind: .html)
    }

    /// RSS <author> is an e-mail address, often with the name after it: "desk@example.com (Jane Doe)".
    static func authorName(_ value: String) -> String {
        if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
            let name = String(value[value.index(after: open)..<close]).trimmingUnicodeWhitespace()
            if !name.isEmpty { return name }
        }
        return value
    }
}
