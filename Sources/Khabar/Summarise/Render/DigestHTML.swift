import Foundation

extension Digest {
    /// The digest as one self-contained right-to-left HTML page (no scripts, no external files).
    /// Every piece of article text is escaped; citations are numbered links to the story's
    /// article list, which links to each article's URL (or names its file).
    public func html() -> String {
        let byID = Dictionary(articles.map { ($0.article.id, $0) }, uniquingKeysWith: { first, _ in first })
        var out = """
        <!DOCTYPE html>
        <html lang="ar" dir="rtl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Khabar">
        <title>خبر · ملخص القصص</title>
        <style>\(Self.css)</style>
        </head>
        <body>
        <header><h1>خبر · ملخص القصص</h1><p class="meta">\(stories.count) قصة · \(articles.count) مقالة</p></header>

        """
        if stories.count > 1 {
            out += "<nav><h2>القصص</h2><ol>"
            for story in stories {
                out += "<li><a href=\"#s\(story.id)\">\(h(story.headline))</a> <span class=\"meta\">(\(story.articles.count))</span></li>"
            }
            out += "</ol></nav>\n"
        }
        out += "<main>\n"
        for story in stories {
            out += storySection(story, byID: byID)
        }
        out += "</main>\n<footer>أُعدّ هذا الملخص آليًا بواسطة خبر من المقالات المذكورة؛ كل جملة تحيل إلى مصادرها.</footer>\n</body>\n</html>\n"
        return out
    }

    /// One story's section (`<article class="story">`), as the digest page and the desk's story page show it.
    public func storySection(_ story: StoryDigest, byID: [String: DigestArticle]) -> String {
        let anchor = "s\(story.id)"
        let number = Dictionary(story.articles.enumerated().map { ($0.element, $0.offset + 1) }, uniquingKeysWith: { a, _ in a })
        func cite(_ ids: [String]) -> String {
            let links = ids.compactMap { id in number[id].map { (id, $0) } }.sorted { $0.1 < $1.1 }.map { id, n in
                let outlet = byID[id]?.article.outletOrID ?? id
                return "<a href=\"#\(anchor)-a\(n)\" title=\"\(h(outlet))\">\(n)</a>"
            }
            return "<sup class=\"cite\">[" + links.joined(separator: "، ") + "]</sup>"
        }
        var out = "<article class=\"story\" id=\"\(anchor)\">\n<h2>\(h(story.headline))</h2>\n"
        let span = [story.first, story.last].map { $0.map { h(Self.readable($0)) } ?? "؟" }
        out += "<p class=\"meta\">\(story.articles.count) مقالة · \(story.outlets.map(bdi).joined(separator: "، ")) · "
            + "<bdi dir=\"ltr\">\(span[0])</bdi> ← <bdi dir=\"ltr\">\(span[1])</bdi></p>\n"

        out += "<section><h3>الملخص</h3><ol class=\"summary\">"
        for sentence in story.summary {
            out += "<li>\(h(sentence.text)) \(cite(sentence.citedBy))</li>"
        }
        out += "</ol></section>\n"

        let entities = story.notableEntities
        if !entities.isEmpty {
            out += "<section><h3>الأشخاص والأماكن والمنظمات</h3><table><thead><tr><th>الاسم</th><th>النوع</th>"
                + "<th>الصيغ</th><th>الذكر</th><th>المصادر</th></tr></thead><tbody>"
            for entity in entities.prefix(25) {
                out += "<tr><td>\(h(entity.name))</td><td>\(Self.kindName(entity.kind))</td>"
                    + "<td>\(entity.variants.map(h).joined(separator: "، "))</td><td>\(entity.mentions)</td>"
                    + "<td>\(entity.outlets.map(bdi).joined(separator: "، "))</td></tr>"
            }
            out += "</tbody></table></section>\n"
        }

        if !story.quotes.isEmpty {
            out += "<section><h3>التصريحات</h3>"
            var speaker: String?
            for quote in story.quotes {
                if quote.speaker != speaker {
                    if speaker != nil { out += "</div>" }
                    speaker = quote.speaker
                    out += "<div class=\"speaker\"><h4>\(h(quote.speaker))</h4>"
                }
                out += "<blockquote><p>\(Self.quoted(h(quote.text))) \(cite(quote.sources))</p>"
                if !quote.variants.isEmpty {
                    out += "<p class=\"variants\">وبصيغة أخرى: " + quote.variants.map { Self.quoted(h($0)) }.joined(separator: "؛ ") + "</p>"
                }
                out += "</blockquote>"
            }
            out += "</div></section>\n"
        }

        if !story.timeline.isEmpty {
            out += "<section><h3>التسلسل الزمني</h3><ol class=\"timeline\">"
            for entry in story.timeline {
                out += "<li><time datetime=\"\(h(entry.date))\">\(h(entry.date))</time> "
                    + "<span class=\"expr\">(\(h(entry.expression))\(entry.inferred ? "، تاريخ مستنتج من القصة" : ""))</span> "
                    + "\(h(entry.text)) \(cite(entry.sources))</li>"
            }
            out += "</ol></section>\n"
        }

        if !story.coverage.isEmpty {
            out += "<section><h3>التغطية: من نقل ماذا</h3><table class=\"coverage\"><thead><tr><th>الخبر</th>"
                + story.outlets.map { "<th>\(bdi($0))</th>" }.joined() + "</tr></thead><tbody>"
            for fact in story.coverage {
                out += "<tr\(fact.outlets.count == 1 ? " class=\"only\"" : "")><td>\(h(fact.fact)) \(cite(fact.sources))</td>"
                    + story.outlets.map { fact.outlets.contains($0) ? "<td class=\"yes\">✓</td>" : "<td></td>" }.joined()
                    + "</tr>"
            }
            out += "</tbody></table>"
            let only = story.exclusiveFacts
            if !only.isEmpty {
                out += "<p class=\"meta\">أخبار انفرد بها مصدر واحد: " + only.map { "\(bdi($0.outlet)) (\($0.facts))" }.joined(separator: "، ") + "</p>"
            }
            out += "</section>\n"
        }

        if !story.contradictions.isEmpty {
            out += "<section><h3>تناقضات بين المصادر</h3>"
            for c in story.contradictions {
                out += "<div class=\"contradiction\"><p class=\"meta\">\(Self.contradictionName(c.kind))</p><div class=\"sides\">"
                for value in c.values {
                    out += "<div class=\"side\"><p class=\"value\">\(h(value.value))</p><p>\(h(value.text)) \(cite(value.sources))</p></div>"
                }
                out += "</div></div>"
            }
            out += "</section>\n"
        }

        out += "<section><h3>المقالات</h3><ol class=\"articles\">"
        for (i, id) in story.articles.enumerated() {
            guard let item = byID[id] else { continue }
            let a = item.article
            out += "<li id=\"\(anchor)-a\(i + 1)\"><strong>\(bdi(a.outletOrID))</strong> · "
            switch a.source {
            case .url(let url) where url.hasPrefix("http://") || url.hasPrefix("https://"):
                out += "<a href=\"\(h(url))\" rel=\"noopener noreferrer\">\(h(a.title ?? url))</a>"
            case .url(let url):
                out += "\(h(a.title ?? "(بلا عنوان)")) <code>\(h(url))</code>"
            case .file(let path):
                out += "\(h(a.title ?? "(بلا عنوان)")) <code dir=\"ltr\">\(h(path))</code>"
            }
            if let published = a.published {
                out += " · <bdi dir=\"ltr\">\(h(Self.readable(published)))</bdi>"
            } else if let inferred = item.inferredPublication {
                out += " · بلا تاريخ (نحو <bdi dir=\"ltr\">\(h(inferred.iso8601))</bdi>)"
            }
            if let copy = item.duplicateOf {
                out += " · نسخة من " + (number[copy].map { "<a href=\"#\(anchor)-a\($0)\">[\($0)]</a>" } ?? h(copy))
            }
            out += "</li>"
        }
        out += "</ol></section>\n</article>\n"
        return out
    }

    /// An outlet name isolated from the text around it (names in Latin script or ids stay in order).
    func bdi(_ text: String) -> String { "<bdi>\(h(text))</bdi>" }

    /// "2023-09-13 08:41" rather than ISO's "T".
    static func readable(_ date: PublishedDate) -> String {
        date.iso8601.replacingOccurrences(of: "T", with: " ")
    }

    /// Wrapped in «» unless the text already opens with a quotation mark of its own.
    static func quoted(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, !["«", "\"", "“", "&"].contains(first) else { return text }
        return "«\(text)»"
    }

    func h(_ text: String) -> String { HTMLEscaping.escape(text) }

    public static func kindName(_ kind: EntityKind) -> String {
        switch kind {
        case .person: "شخص"
        case .location: "مكان"
        case .organisation: "منظمة"
        case .miscellaneous: "أخرى"
        }
    }

    static func contradictionName(_ kind: String) -> String {
        switch kind {
        case "number": "أرقام مختلفة"
        case "date": "تواريخ مختلفة"
        case "negation": "إثبات ونفي"
        case "antonym": "معنيان متضادان"
        default: "اختلاف"
        }
    }

    public static let css = """
    :root { --ink: #1d232a; --muted: #5b6673; --line: #d9dee4; --accent: #0b6e4f; --bg: #fbfaf7; --card: #ffffff; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--ink); line-height: 1.8; font-size: 17px;
      font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New", "Segoe UI", Tahoma,
        "Geeza Pro", "Arabic Typesetting", "DejaVu Sans", sans-serif; }
    header, nav, main, footer { max-width: 980px; margin: 0 auto; padding: 0 20px; }
    header h1 { margin: 24px 0 0; color: var(--accent); }
    .meta { color: var(--muted); font-size: 0.9em; }
    nav ol { padding-inline-start: 22px; }
    .story { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 8px 24px 16px; margin: 24px 0; }
    .story h2 { font-size: 1.45em; line-height: 1.6; margin: 12px 0 4px; }
    h3 { color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 2px; margin-top: 22px; }
    h4 { margin: 12px 0 4px; }
    sup.cite { font-size: 0.72em; color: var(--muted); }
    sup.cite a { color: var(--accent); text-decoration: none; }
    ol.summary li { margin-bottom: 6px; }
    table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
    th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: start; vertical-align: top; }
    th { background: #f0f3f1; }
    table.coverage td.yes { text-align: center; color: var(--accent); font-weight: bold; }
    table.coverage tr.only td:first-child { border-inline-start: 3px solid #c98a00; }
    blockquote { margin: 6px 0; padding: 4px 14px; border-inline-start: 4px solid var(--accent); background: #f4f8f6; }
    blockquote p { margin: 2px 0; }
    .variants { color: var(--muted); font-size: 0.9em; }
    ol.timeline { list-style: none; padding: 0; }
    ol.timeline li { border-inline-start: 3px solid var(--line); padding: 2px 12px 8px; }
    ol.timeline time { font-weight: bold; color: var(--accent); direction: ltr; unicode-bidi: isolate; }
    .expr { color: var(--muted); font-size: 0.9em; }
    .contradiction { border: 1px solid #e2b4a8; border-radius: 8px; padding: 6px 12px; margin: 8px 0; background: #fff7f4; }
    .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
    .value { font-weight: bold; color: #a33b20; margin: 0; }
    bdi[dir="ltr"] { white-space: nowrap; }
    ol.articles code { font-size: 0.8em; color: var(--muted); direction: ltr; unicode-bidi: isolate; overflow-wrap: anywhere; }
    footer { color: var(--muted); font-size: 0.85em; padding-bottom: 30px; }
    """
}
