import Foundation
import Hummingbird
import Khabar

/// Atom feeds of the live stories, of a search and of an entity's stories, so people follow the
/// desk in the feed reader they already use. An entry is a story; its `updated` moves when the
/// story's digest does, which is what feed readers watch.
struct AtomFeeds {
    let views: DeskViews
    /// Where links in the feeds point (the server's own address, as clients reach it).
    let baseURL: String

    func add(to router: Router<BasicRequestContext>) {
        router.get("/feeds/stories.atom") { _, _ in
            Reply.atom(feed(title: "خبر · القصص الآن", selfPath: "/feeds/stories.atom",
                            stories: try views.frontPage(StoryListQuery(limit: 50)).stories))
        }
        router.get("/feeds/search.atom") { request, _ in
            let query = try SearchAPI.query(QueryParameters(request: request))
            let results = try views.store.search(query)
            return Reply.atom(feed(title: "خبر · بحث: \(query.text.prefix(100))", selfPath: "/feeds/search.atom",
                                   stories: results.hits.map(\.story)))
        }
        router.get("/feeds/entities/{file}") { _, context in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".atom"), let id = Int(file.dropLast(5)), id >= 0 else {
                throw HTTPError(.notFound, message: "entity feeds are /feeds/entities/ID.atom")
            }
            guard let entity = try views.store.entity(id: id) else { throw HTTPError(.notFound, message: "no entity \(id)") }
            return Reply.atom(feed(title: "خبر · \(entity.name)", selfPath: "/feeds/entities/\(id).atom",
                                   stories: try views.store.stories(withEntity: id, limit: 50)))
        }
    }

    func feed(title: String, selfPath: String, stories: [StoryRecord]) -> String {
        let x = HTMLEscaping.escape
        let newest = stories.compactMap { $0.updated ?? $0.last }.max() ?? 0
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
        <title>\(x(title))</title>
        <id>\(x(baseURL + selfPath))</id>
        <link rel="self" href="\(x(baseURL + selfPath))"/>
        <link rel="alternate" type="text/html" href="\(x(baseURL))/"/>
        <updated>\(Self.timestamp(newest))</updated>
        <author><name>Khabar</name></author>

        """
        for story in stories {
            let summary = "\(story.articleCount) مقالة · " + story.outlets.joined(separator: "، ")
            out += """
            <entry>
            <title>\(x(story.headline))</title>
            <id>\(x(baseURL))/stories/\(story.id)</id>
            <link rel="alternate" type="text/html" href="\(x(baseURL))/stories/\(story.id)"/>
            <updated>\(Self.timestamp(story.updated ?? story.last ?? 0))</updated>
            <summary>\(x(summary))</summary>
            </entry>

            """
        }
        return out + "</feed>\n"
    }

    static func timestamp(_ seconds: Double) -> String {
        let date = PublishedDate(utcSecondsSince1970: seconds.rounded(.down))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day,
                      date.hour ?? 0, date.minute ?? 0, date.second ?? 0)
    }
}
