import Foundation
import Hummingbird
import Khabar

/// The web app's pages, server-rendered from the same views as the API.
struct Pages {
    let views: DeskViews

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in
            let query = try StoriesAPI.listQuery(QueryParameters(request: request))
            let live = try views.frontPage(query)
            let earlier = query.offset == 0 && query.since == nil && query.outlet == nil && query.entity == nil
                ? try views.earlierStories(limit: query.limit - live.stories.count) : StoryList(stories: [], total: 0)
            return Reply.html(frontPage(live, earlier: earlier, query: query))
        }
        router.get("/stories/{id}") { _, context in
            let id = try StoriesAPI.storyID(context)
            guard let page = try views.storyPage(id: id) else { throw HTTPError(.notFound, message: "no story \(id)") }
            return Reply.html(storyPage(page))
        }
        router.get("/search") { request, _ in
            let params = QueryParameters(request: request)
            guard params.string("q") != nil else { return Reply.html(searchPage(nil, text: "")) }
            let query = try SearchAPI.query(params)
            return Reply.html(searchPage(try views.store.search(query), text: query.text, query: query))
        }
        router.get("/entities/{id}") { _, context in
            let id = try EntitiesAPI.entityID(context)
            guard let page = try views.entityPage(id: id) else { throw HTTPError(.notFound, message: "no entity \(id)") }
            return Reply.html(entityPage(page))
        }
    }

    func frontPage(_ list: StoryList, earlier: StoryList, query: StoryListQuery) -> String {
        var body = "<h1>القصص الآن</h1><p class=\"meta\">\(list.total) قصة حية، مرتبة بالأهمية (عدد المصادر والمقالات وحداثتها)</p>"
        if list.stories.isEmpty && earlier.stories.isEmpty {
            body += "<p class=\"empty\">لا قصص بعد: أرسل مقالات إلى <code>POST /api/articles</code> أو شغّل <code>khabar ingest</code>.</p>"
        } else {
            body += "<ol class=\"stories\">" + list.stories.map { PageLayout.storyItem($0) }.joined() + "</ol>"
        }
        body += pager(total: list.total, limit: query.limit, offset: query.offset, base: "/?")
        if !earlier.stories.isEmpty {
            body += "<h2>قصص سابقة</h2><p class=\"meta\">\(earlier.total) قصة انتهت قبل أسبوع من آخر خبر، مرتبة بالأهمية والحداثة؛ كلها في البحث.</p>"
            body += "<ol class=\"stories\">" + earlier.stories.map { PageLayout.storyItem($0) }.joined() + "</ol>"
        }
        return PageLayout.page(title: "القصص الآن", feed: "/feeds/stories.atom", body)
    }

    func storyPage(_ page: DeskViews.StoryPage) -> String {
        let h = PageLayout.h
        var body = ""
        if let digest = page.digest {
            let listed = page.digestArticles
            let whole = Digest(stories: [digest], articles: listed)
            body += whole.storySection(digest, byID: Dictionary(listed.map { ($0.article.id, $0) }, uniquingKeysWith: { a, _ in a }))
            if page.record.articleCount > page.record.digestArticleCount {
                body += "<p class=\"meta\">وصلت \(page.record.articleCount - page.record.digestArticleCount) مقالة جديدة؛ يُحدَّث الملخص خلال ثوانٍ.</p>"
            }
        } else {
            body += "<article class=\"story\"><h2>\(h(page.record.headline))</h2><p class=\"meta\">الملخص قيد الإعداد.</p><ol>"
            body += page.articles.map { "<li>\(h($0.article.title ?? $0.article.id)) · \(PageLayout.bdi($0.article.outletOrID))</li>" }.joined()
            body += "</ol></article>"
        }
        body += "<p class=\"meta\"><a href=\"/api/stories/\(page.record.id)\">JSON</a></p>"
        return PageLayout.page(title: page.digest?.headline ?? page.record.headline, body)
    }

    func searchPage(_ results: SearchResults?, text: String, query: SearchQuery? = nil) -> String {
        let h = PageLayout.h
        var body = "<h1>البحث</h1>"
        guard let results, let query else {
            return PageLayout.page(title: "البحث", body + "<p class=\"empty\">اكتب اسمًا أو كلمة في مربع البحث.</p>")
        }
        body += "<p class=\"meta\">\(results.total) قصة عن «\(h(text.prefix(200).description))»"
        if !results.expandedFrom.isEmpty {
            body += " · بكل تهجئات: " + results.expandedFrom.map { "<a href=\"/entities/\($0.id)\">\(h($0.name))</a>" }.joined(separator: "، ")
        }
        body += "</p>"
        if results.hits.isEmpty {
            body += "<p class=\"empty\">لا نتائج.</p>"
        } else {
            body += "<ol class=\"stories\">" + results.hits.map { hit in
                PageLayout.storyItem(hit.story, extra: hit.snippets.map { "<p class=\"snippet\">\(SearchSnippet.html($0))</p>" }.joined())
            }.joined() + "</ol>"
        }
        let base = "/search?q=" + (text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&+=#"))) ?? "") + "&"
        body += pager(total: results.total, limit: query.limit, offset: query.offset, base: base)
        let feed = "/feeds/search.atom?q=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return PageLayout.page(title: "بحث: \(text.prefix(80))", query: text, feed: feed, body)
    }

    func entityPage(_ page: DeskViews.EntityPage) -> String {
        let h = PageLayout.h
        let entity = page.entity
        var body = "<article class=\"story\"><h2>\(h(entity.name))</h2>"
        body += "<p class=\"meta\">\(Digest.kindName(entity.kind)) · \(entity.mentions) ذكر · \(page.stories.count) قصة</p>"
        body += "<section><h3>التهجئات</h3><p class=\"variants\">" + entity.variants.map(PageLayout.bdi).joined(separator: " · ") + "</p></section>"
        if !page.quotes.isEmpty {
            body += "<section><h3>ما قاله</h3>"
            for (quote, story) in page.quotes {
                body += "<blockquote><p>«\(h(quote.text))»</p><p class=\"meta\"><bdi dir=\"ltr\">\(h(PageLayout.day(story.last)))</bdi> · "
                    + "<a href=\"/stories/\(story.id)\">\(h(story.headline))</a></p></blockquote>"
            }
            body += "</section>"
        }
        body += "<section><h3>القصص</h3><ol class=\"stories\">" + page.stories.map { PageLayout.storyItem($0) }.joined() + "</ol></section></article>"
        body += "<p class=\"meta\"><a href=\"/api/entities/\(entity.id)\">JSON</a></p>"
        return PageLayout.page(title: entity.name, feed: "/feeds/entities/\(entity.id).atom", body)
    }

    func pager(total: Int, limit: Int, offset: Int, base: String) -> String {
        var links: [String] = []
        if offset > 0 { links.append("<a href=\"\(PageLayout.h(base))offset=\(max(0, offset - limit))&amp;limit=\(limit)\">→ السابق</a>") }
        if offset + limit < total { links.append("<a href=\"\(PageLayout.h(base))offset=\(offset + limit)&amp;limit=\(limit)\">التالي ←</a>") }
        return links.isEmpty ? "" : "<p class=\"pager\">" + links.joined() + "</p>"
    }
}
