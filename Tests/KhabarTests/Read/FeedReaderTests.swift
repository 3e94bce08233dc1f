import Foundation
import Testing
@testable import Khabar

@Suite("Feeds: RSS, Atom, RDF")
struct FeedReaderTests {
    static let paragraph1 = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة بسعة مئتي سرير، في إطار خطة لتوسيع الخدمات الطبية في البلاد."
    static let paragraph2 = "وقال الوزير إن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل بعد اكتمال تجهيزه بالمعدات الحديثة اللازمة."

    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
          <title>الوسط نيوز</title>
          <link>https://www.alwasat.example/</link>
          <atom:link href="https://www.alwasat.example/feed" rel="self" type="application/rss+xml"/>
          <item>
            <title>افتتاح مستشفى جديد في العاصمة</title>
            <link>/news/health/1001</link>
            <guid isPermaLink="false">alwasat-1001</guid>
            <pubDate>Wed, 13 Sep 2023 08:41:00 +0300</pubDate>
            <dc:creator>سارة أحمد</dc:creator>
            <description><![CDATA[<p>افتتاح مستشفى جديد.</p>]]></description>
            <content:encoded><![CDATA[<p>\(paragraph1)</p>
              <p>\(paragraph2)</p>
              <p><a href="/share">شارك الخبر</a></p>]]></content:encoded>
          </item>
          <item>
            <title>النفط &amp;amp; الغاز: ارتفاع الأسعار</title>
            <link>https://www.alwasat.example/news/economy/1002</link>
            <pubDate>Thu, 14 Sep 2023 21:35:43 -0430</pubDate>
            <author>desk@alwasat.example (عمر نبيل)</author>
            <description>&lt;p&gt;ارتفعت أسعار النفط &amp;amp; الغاز&amp;nbsp;اليوم بعد تراجع المخزونات.&lt;/p&gt;</description>
          </item>
        </channel>
        </rss>
        """

    @Test func readsRSS2WithArabicCDATAAndModules() throws {
        let feed = try FeedParser.parse(data: Data(Self.rss.utf8), baseURL: nil)
        #expect(feed.format == .rss)
        #expect(feed.title == "الوسط نيوز")
        #expect(feed.link == "https://www.alwasat.example/")
        #expect(feed.items.count == 2)

        let first = feed.items[0]
        #expect(first.id == "alwasat-1001")
        #expect(first.title == "افتتاح مستشفى جديد في العاصمة")
        // Relative link resolved against the channel's link.
        #expect(first.link == "https://www.alwasat.example/news/health/1001")
        #expect(first.published == PublishedDate(year: 2023, month: 9, day: 13, hour: 8, minute: 41, second: 0,
                                                  utcOffsetMinutes: 180))
        #expect(first.authors == ["سارة أحمد"])
        #expect(first.summary == FeedText("<p>افتتاح مستشفى جديد.</p>", kind: .html))
        #expect(first.content?.kind == .html)
        #expect(first.content?.value.contains("<p>\(Self.paragraph1)</p>") == true)

        let second = feed.items[1]
        // No guid: the link is the id. Entities escaped twice in the title read as one "&".
        #expect(second.id == "https://www.alwasat.example/news/economy/1002")
        #expect(second.title == "النفط & الغاز: ارتفاع الأسعار")
        #expect(second.published == PublishedDate(year: 2023, month: 9, day: 14, hour: 21, minute: 35, second: 43,
                                                   utcOffsetMinutes: -270))
        #expect(second.authors == ["عمر نبيل"])
        #expect(second.content == nil)
        #expect(second.summary?.value == "<p>ارتفعت أسعار النفط &amp; الغاز&nbsp;اليوم بعد تراجع المخزونات.</p>")
    }

    @Test func readsTheDeclaredEncoding() throws {
        // Arabic feeds still come in Windows-1256; libxml2 follows the XML declaration.
        var bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1256\"?>\n<rss version=\"2.0\"><channel><title>".utf8)
        bytes += BadInputFolder.cp1256Bytes
        bytes += Array("</title><item><title>".utf8) + BadInputFolder.cp1256Bytes
        bytes += Array("</title><description>x</description></item></channel></rss>".utf8)
        let feed = try FeedParser.parse(data: Data(bytes), baseURL: nil)
        #expect(feed.title == BadInputFolder.cp1256Text)
        #expect(feed.items.first?.title == BadInputFolder.cp1256Text)
    }

    @Test func rssItemsBecomeArticlesThroughTheHTMLReader() throws {
        let feed = try FeedParser.parse(data: Data(Self.rss.utf8), baseURL: nil)
        let article = try feed.items[0].rawArticle(id: "a1", feed: feed)
        #expect(article.id == "a1")
        #expect(article.kind == .html)
        // content:encoded wins over the description; the share link is dropped as on a page.
        #expect(article.text == Self.paragraph1 + "\n" + Self.paragraph2)
        #expect(article.source == .url("https://www.alwasat.example/news/health/1001"))
        #expect(article.hints.url == "https://www.alwasat.example/news/health/1001")
        #expect(article.hints.title == "افتتاح مستشفى جديد في العاصمة")
        #expect(article.hints.outlet == "الوسط نيوز")
        #expect(article.hints.authors == ["سارة أحمد"])
        #expect(article.hints.published?.iso8601 == "2023-09-13T08:41:00+03:00")

        // Only a one-sentence description: it is the text, entities decoded, &nbsp; a space.
        let short = try feed.items[1].rawArticle(id: "a2", feed: feed)
        #expect(short.text == "ارتفعت أسعار النفط & الغاز اليوم بعد تراجع المخزونات.")
    }

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/ar/">
          <title type="text">أخبار المثال</title>
          <link rel="self" href="https://news.example/ar/feed.atom"/>
          <link rel="alternate" type="text/html" href="/ar/"/>
          <author><name>غرفة الأخبار</name></author>
          <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
          <updated>2024-03-06T00:00:00Z</updated>
          <entry>
            <title type="html">&lt;b&gt;قمة&lt;/b&gt; عربية في الرياض</title>
            <link href="2024/03/قمة-الرياض"/>
            <id>tag:news.example,2024:summit</id>
            <published>2024-03-05T10:15:00+02:00</published>
            <updated>2024-03-06T00:00:00Z</updated>
            <summary>انطلقت القمة العربية في الرياض.</summary>
            <content type="html">&lt;p&gt;\(paragraph1)&lt;/p&gt;&lt;p&gt;\(paragraph2)&lt;/p&gt;</content>
          </entry>
          <entry xml:base="https://sport.example/results/">
            <title>فوز الفريق في المباراة النهائية</title>
            <link rel="enclosure" href="photo.jpg"/>
            <link rel="alternate" href="match?id=7"/>
            <id>tag:sport.example,2024:7</id>
            <updated>2024-03-07T18:00:00.250Z</updated>
            <author><name>لينا حسن</name></author>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>فاز الفريق &amp; جمهوره بالكأس بعد مباراة طويلة انتهت بركلات الترجيح، وسط فرحة كبيرة في المدرجات.</p><p>وقال المدرب إن الفوز ثمرة عمل موسم كامل من التدريب والصبر والعمل الجماعي.</p></div></content>
          </entry>
          <entry>
            <title>Plain text entry</title>
            <link href="../en/plain"/>
            <id>tag:news.example,2024:plain</id>
            <published>2024-03-08</published>
            <content type="text">First line of the report &lt;not a tag&gt;.
        Second line.</content>
          </entry>
        </feed>
        """

    @Test func readsAtomWithXMLBaseAndTextConstructs() throws {
        let feed = try FeedParser.parse(data: Data(Self.atom.utf8), baseURL: "https://elsewhere.example/feeds/ar.xml")
        #expect(feed.format == .atom)
        #expect(feed.title == "أخبار المثال")
        #expect(feed.link == "https://news.example/ar/")
        #expect(feed.items.count == 3)

        let summit = feed.items[0]
        #expect(summit.id == "tag:news.example,2024:summit")
        #expect(summit.title == "قمة عربية في الرياض")
        // xml:base on <feed>, the Arabic path kept as written.
        #expect(summit.link == "https://news.example/ar/2024/03/قمة-الرياض")
        #expect(summit.published == PublishedDate(year: 2024, month: 3, day: 5, hour: 10, minute: 15, second: 0,
                                                   utcOffsetMinutes: 120))
        // No author of its own: the feed's.
        #expect(summit.authors == ["غرفة الأخبار"])
        #expect(summit.summary == FeedText("انطلقت القمة العربية في الرياض.", kind: .text))
        #expect(summit.content == FeedText("<p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p>", kind: .html))

        let match = feed.items[1]
        // The entry's own absolute xml:base; the alternate link, not the enclosure.
        #expect(match.link == "https://sport.example/results/match?id=7")
        #expect(match.published == PublishedDate(year: 2024, month: 3, day: 7, hour: 18, minute: 0, second: 0,
                                                  utcOffsetMinutes: 0))
        #expect(match.authors == ["لينا حسن"])
        #expect(match.content?.kind == .html)
        // XHTML: the children of the wrapping <div>, written out as markup, the "&" escaped again.
        #expect(match.content?.value.hasPrefix("<p>فاز الفريق &amp; جمهوره") == true)
        #expect(match.content?.value.contains("<div") == false)

        let plain = feed.items[2]
        #expect(plain.link == "https://news.example/en/plain")
        #expect(plain.published == PublishedDate(year: 2024, month: 3, day: 8))
        #expect(plain.content?.kind == .text)

        let matchArticle = try match.rawArticle(id: "m", feed: feed)
        #expect(matchArticle.kind == .html)
        #expect(matchArticle.text.hasPrefix("فاز الفريق & جمهوره بالكأس"))
        #expect(matchArticle.text.split(separator: "\n").count == 2)
        #expect(matchArticle.hints.outlet == "أخبار المثال")

        // type="text" content is text as it stands: "<not a tag>" stays, lines stay.
        let plainArticle = try plain.rawArticle(id: "p", feed: feed)
        #expect(plainArticle.kind == .text)
        #expect(plainArticle.text == "First line of the report <not a tag>.\nSecond line.")
    }

    @Test func readsRDF() throws {
        let rdf = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://rdf.example/">
                <title>RDF News</title>
                <link>https://rdf.example/</link>
                <items><rdf:Seq><rdf:li resource="https://rdf.example/a/1"/></rdf:Seq></items>
              </channel>
              <item rdf:about="https://rdf.example/a/1">
                <title>خبر أول</title>
                <link>https://rdf.example/a/1</link>
                <description>نص الخبر الأول، وهو نص كامل بما يكفي ليقرأ كفقرة من مقال.</description>
                <dc:date>2023-09-13T08:41:00+03:00</dc:date>
                <dc:creator>Jane Doe</dc:creator>
              </item>
            </rdf:RDF>
            """
        let feed = try FeedParser.parse(data: Data(rdf.utf8), baseURL: nil)
        #expect(feed.format == .rdf)
        #expect(feed.title == "RDF News")
        #expect(feed.items.count == 1)
        #expect(feed.items.first?.id == "https://rdf.example/a/1")
        #expect(feed.items.first?.title == "خبر أول")
        #expect(feed.items.first?.authors == ["Jane Doe"])
        #expect(feed.items.first?.published?.iso8601 == "2023-09-13T08:41:00+03:00")
        let article = try #require(feed.items.first).rawArticle(id: "r", feed: feed)
        #expect(article.text == "نص الخبر الأول، وهو نص كامل بما يكفي ليقرأ كفقرة من مقال.")
    }

    @Test func relativeLinksFallBackToTheFetchURL() throws {
        // No channel link and no xml:base: the URL the caller fetched the feed from is the base.
        let rss = """
            <rss version="2.0"><channel><title></title>
              <item><title>a</title><link>/world/1</link><description>x</description></item>
              <item><title>b</title><link>2</link><guid>https://ids.example/2</guid><description>y</description></item>
              <item><title>c</title><guid>https://ids.example/3</guid><description>z</description></item>
            </channel></rss>
            """
        let feed = try FeedParser.parse(data: Data(rss.utf8), baseURL: "https://feeds.example/rss/all.xml")
        #expect(feed.title == nil)
        #expect(feed.items.map(\.link) == ["https://feeds.example/world/1", "https://feeds.example/rss/2",
                                           "https://ids.example/3"])
        #expect(feed.items.map(\.id) == ["https://feeds.example/world/1", "https://ids.example/2", "https://ids.example/3"])
        // No feed title: the outlet is the host of the item's link.
        let article = try feed.items[0].rawArticle(id: "x", feed: feed)
        #expect(article.hints.outlet == "feeds.example")
    }

    @Test func resolvesReferencesAsRFC3986Says() {
        let base = "https://a.example/b/c/d;p?q"
        let cases: [(String, String)] = [
            ("g", "https://a.example/b/c/g"), ("./g", "https://a.example/b/c/g"), ("g/", "https://a.example/b/c/g/"),
            ("/g", "https://a.example/g"), ("//g.example/x", "https://g.example/x"), ("?y", "https://a.example/b/c/d;p?y"),
            ("#s", "https://a.example/b/c/d;p?q#s"), ("../g", "https://a.example/b/g"), ("../..", "https://a.example/"),
            ("../../../g", "https://a.example/g"), ("g?y#s", "https://a.example/b/c/g?y#s"),
            ("http://other.example/x", "http://other.example/x"), ("أخبار/1", "https://a.example/b/c/أخبار/1"),
        ]
        for (reference, expected) in cases {
            #expect(FeedURL.resolve(reference, against: base) == expected, "\(reference)")
        }
        #expect(FeedURL.resolve("/x", against: nil) == "/x")
        #expect(FeedURL.resolve("/x", against: "not/absolute") == "/x")
        #expect(FeedURL.host(of: "https://www.Aljazeera.net:443/news") == "aljazeera.net")
        #expect(FeedURL.host(of: "/relative") == nil)
    }

    // MARK: - Errors

    static func feedError(_ text: String, maxBytes: Int = FeedParser.defaultMaxBytes) -> FeedError? {
        do {
            _ = try FeedParser.parse(data: Data(text.utf8), baseURL: nil, maxBytes: maxBytes)
            return nil
        } catch {
            return error as? FeedError
        }
    }

    @Test func brokenAndNonFeedInputsGiveClearErrors() {
        let htmlPage = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>صفحة</title></head><body><p>نص<br>آخر</body></html>
            """
        #expect(Self.feedError(htmlPage) == .notAFeed(rootElement: "html"))
        #expect(Self.feedError(htmlPage)?.description == "not an RSS or Atom feed (root element <html>)")
        // Well-formed XML of another kind.
        #expect(Self.feedError("<?xml version=\"1.0\"?><!-- note --><note><to>x</to></note>") == .notAFeed(rootElement: "note"))
        #expect(Self.feedError("just some text, no markup") == .notAFeed(rootElement: nil))
        #expect(Self.feedError("") == .empty)
        #expect(Self.feedError(" \n\t ") == .empty)
        #expect(Self.feedError("<rss version=\"2.0\"></rss>") == .incomplete("an RSS feed without a <channel> element"))
        #expect(Self.feedError(Self.rss, maxBytes: 100) == .tooLarge(bytes: Self.rss.utf8.count, limit: 100))

        // An RSS feed cut off in the middle: the line and libxml2's reason.
        let broken = "<rss version=\"2.0\">\n<channel>\n<item><title>خبر</title>\n</channel>\n</rss>"
        guard case .malformedXML(let line, let reason)? = Self.feedError(broken) else {
            Issue.record("expected malformed XML, got \(String(describing: Self.feedError(broken)))")
            return
        }
        #expect(line == 4)
        #expect(reason.contains("mismatch"), "\(reason)")
        #expect(Self.feedError(broken)?.description.hasPrefix("the feed is not well-formed XML (line 4: ") == true)
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-xxe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = "KHABAR-SECRET-7f3a"
        let secretFile = folder.appendingPathComponent("secret.txt")
        try Data(secret.utf8).write(to: secretFile)
        let secretDTD = folder.appendingPathComponent("secret.dtd")
        try Data("<!ENTITY leak \"\(secret)\">".utf8).write(to: secretDTD)

        let general = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/passwd"><!ENTITY s SYSTEM "\(secretFile.absoluteString)">]>
            <rss version="2.0"><channel><title>T&e;</title>
              <item><title>عنوان&e;&s;</title><link>https://x.example/1</link>
                <description>نص الخبر الكامل الذي يكفي ليكون فقرة من مقال إخباري.&e;&s;</description>
                <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&s;<p>فقرة</p>&e;</content:encoded>
              </item></channel></rss>
            """
        let feed = try FeedParser.parse(data: Data(general.utf8), baseURL: nil)
        let item = try #require(feed.items.first)
        #expect(feed.title == "T")
        #expect(item.title == "عنوان")
        let everything = [item.title, item.summary?.value, item.content?.value, feed.title].compactMap { $0 }.joined()
        #expect(!everything.contains("root:"))
        #expect(!everything.contains(secret))
        let article = try item.rawArticle(id: "x", feed: feed)
        #expect(!article.text.contains("root:") && !article.text.contains(secret))

        // An external parameter entity (the DTD route) is not loaded either.
        let parameter = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY % remote SYSTEM "\(secretDTD.absoluteString)"> %remote;]>
            <rss version="2.0"><channel><title>T</title><item><title>a&leak;</title><description>b</description></item></channel></rss>
            """
        switch Result(catching: { try FeedParser.parse(data: Data(parameter.utf8), baseURL: nil) }) {
        case .success(let feed):
            #expect(feed.items.first?.title == "a")
        case .failure(let error):
            #expect(!"\(error)".contains(secret))
        }

        // Nested internal entities ("billion laughs") are not expanded into the text.
        var laughs = "<!ENTITY l0 \"lol\">"
        for level in 1...9 { laughs += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(laughs)]><rss version=\"2.0\"><channel><title>&l9;</title></channel></rss>"
        if let bombFeed = try? FeedParser.parse(data: Data(bomb.utf8), baseURL: nil) {
            #expect((bombFeed.title ?? "").count < 1000)
        }
    }

    // MARK: - Through InputReader

    @Test func inputReaderReadsFeedFilesOneArticlePerItem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.rss.utf8).write(to: folder.appendingPathComponent("alwasat.rss"))
        try Data(Self.atom.utf8).write(to: folder.appendingPathComponent("latest"))          // sniffed
        try Data("<rss version=\"2.0\"><channel><item>\n</rss>".utf8).write(to: folder.appendingPathComponent("broken.xml"))
        try Data("<html><body><p>hello</p></body></html>".utf8).write(to: folder.appendingPathComponent("page.xml"))
        try Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>".utf8)
            .write(to: folder.appendingPathComponent("empty.atom"))

        let outcomes = InputReader().readAll(paths: [folder.path])
        let articles = outcomes.compactMap { try? $0.get() }
        let failures = outcomes.compactMap { if case .failure(let e) = $0 { return e } else { return nil } }

        // One error for each bad file, naming it; the good feeds are still read.
        #expect(failures.count == 3, "\(failures.map(\.description))")
        let byFile = Dictionary(failures.map { (($0.input as NSString).lastPathComponent, $0.message) },
                                uniquingKeysWith: { a, _ in a })
        #expect(byFile["broken.xml"]?.contains("not well-formed XML") == true)
        #expect(byFile["page.xml"] == "not an RSS or Atom feed (root element <html>)")
        #expect(byFile["empty.atom"] == "the feed has no items")

        let rssArticles = articles.filter { $0.id.hasPrefix("alwasat-") }
        let atomArticles = articles.filter { $0.id.hasPrefix("latest-") }
        #expect(rssArticles.count == 2)
        #expect(atomArticles.count == 3)
        #expect(Set(articles.map(\.id)).count == articles.count)
        #expect(rssArticles.first?.text == Self.paragraph1 + "\n" + Self.paragraph2)
        #expect(rssArticles.first?.hints.outlet == "الوسط نيوز")
        #expect(atomArticles.first?.source == .url("https://news.example/ar/2024/03/قمة-الرياض"))

        // Ids come from the item's id, so they are the same on every read.
        let again = InputReader().readAll(paths: [folder.appendingPathComponent("alwasat.rss").path])
        #expect(again.compactMap { try? $0.get().id } == rssArticles.map(\.id))
        #expect(rssArticles.first?.id == FeedArticleReader.articleID(FeedItem(id: "alwasat-1001"), fileID: "alwasat", number: 9))
    }

    @Test func sniffsFeedsFromTheFirstBytes() {
        #expect(InputReader.sniff(Array("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">".utf8)) == .feed)
        #expect(InputReader.sniff(Array("<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY a \"<b>\">]><feed xmlns=\"x\">".utf8)) == .feed)
        #expect(InputReader.sniff(Array("<rdf:RDF xmlns:rdf=\"x\">".utf8)) == .feed)
        #expect(InputReader.sniff(Array("<!DOCTYPE html><html><body>".utf8)) == .html)
        #expect(InputReader.sniff(Array("<p>rss</p>".utf8)) == .html)
        #expect(InputReader.format(ofName: "news.RSS") == .feed)
        #expect(InputReader.format(ofName: "news.atom") == .feed)
        #expect(InputReader.format(ofName: "news.xml") == .feed)
    }
}
