import Foundation
import Khabar

/// The frame every page shares: right-to-left Arabic, a search box on every page, the digest's
/// typography, no scripts and no outside files (the Content-Security-Policy forbids both).
enum PageLayout {
    static func page(title: String, query: String = "", feed: String? = nil, _ body: String) -> String {
        let feedLink = feed.map { "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"\(h($0))\">" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="ar" dir="rtl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(h(title)) · خبر</title>
        <link rel="icon" href="data:,">
        \(feedLink)
        <style>\(Digest.css)\(css)</style>
        </head>
        <body>
        <header class="bar"><a class="brand" href="/">خبر</a>
        <form class="search" action="/search" method="get" role="search">
        <input type="search" name="q" value="\(h(query))" placeholder="ابحث عن اسم أو كلمة…" aria-label="بحث" maxlength="500">
        <button type="submit">بحث</button></form></header>
        <main>
        \(body)
        </main>
        <footer>خبر · قصص الأخبار العربية تُجمع آليًا من مصادرها؛ كل جملة تحيل إلى مقالاتها. <a href="/api/openapi.json">API</a></footer>
        </body>
        </html>

        """
    }

    static func h(_ text: String) -> String { HTMLEscaping.escape(text) }

    /// An outlet or name isolated from the text around it.
    static func bdi(_ text: String) -> String { "<bdi>\(h(text))</bdi>" }

    static func day(_ seconds: Double?) -> String {
        guard let seconds else { return "؟" }
        let date = PublishedDate(utcSecondsSince1970: seconds)
        return String(format: "%04d-%02d-%02d %02d:%02d", date.year, date.month, date.day, date.hour ?? 0, date.minute ?? 0)
    }

    /// One story in a list: headline, outlets, article count, last update, top entities.
    static func storyItem(_ story: StoryRecord, extra: String = "") -> String {
        var out = "<li class=\"item\"><a class=\"headline\" href=\"/stories/\(story.id)\">\(h(story.headline))</a>"
        out += "<p class=\"meta\"><span class=\"count\">\(story.articleCount) مقالة</span> · "
            + story.outlets.prefix(5).map(bdi).joined(separator: "، ")
            + (story.outlets.count > 5 ? " و\(story.outlets.count - 5) غيرها" : "")
            + " · آخر تحديث <bdi dir=\"ltr\">\(h(day(story.last)))</bdi></p>"
        if !story.topEntities.isEmpty {
            out += "<p class=\"entities\">" + story.topEntities.map { "<a href=\"/entities/\($0.id)\">\(h($0.name))</a>" }.joined(separator: " ") + "</p>"
        }
        return out + extra + "</li>\n"
    }

    static let css = """
    header.bar { max-width: none; display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; padding: 10px 20px;
      background: var(--accent); color: #fff; }
    header.bar .brand { color: #fff; font-size: 1.6em; font-weight: bold; text-decoration: none; }
    form.search { display: flex; flex: 1 1 260px; min-width: 0; max-width: 560px; gap: 6px; }
    form.search input { flex: 1; min-width: 0; font: inherit; padding: 4px 10px; border: 0; border-radius: 6px; }
    form.search button { font: inherit; padding: 4px 14px; border: 0; border-radius: 6px; background: #fff; color: var(--accent); cursor: pointer; }
    main { padding-top: 10px; }
    a { color: var(--accent); }
    ol.stories { list-style: none; padding: 0; }
    li.item { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 18px; margin: 12px 0; }
    li.item a.headline { font-size: 1.2em; font-weight: bold; color: var(--ink); text-decoration: none; line-height: 1.6; }
    li.item a.headline:hover { color: var(--accent); }
    li.item p { margin: 4px 0; }
    p.entities a { display: inline-block; font-size: 0.85em; background: #eef4f1; color: var(--accent); border-radius: 12px;
      padding: 0 10px; margin: 2px 0 2px 4px; text-decoration: none; }
    p.snippet { color: #333; font-size: 0.95em; }
    blockquote p.meta { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    blockquote p.meta a { text-decoration: none; }
    mark { background: #fde68a; color: inherit; padding: 0 2px; border-radius: 3px; }
    .pager a { margin-inline-end: 14px; }
    .empty { color: var(--muted); padding: 20px 0; }
    @media (max-width: 600px) { body { font-size: 16px; } header, nav, main, footer { padding: 0 12px; }
      header.bar { padding: 8px 12px; } .story { padding: 6px 12px 12px; } .sides { grid-template-columns: 1fr; }
      table { display: block; overflow-x: auto; } }
    """
}
