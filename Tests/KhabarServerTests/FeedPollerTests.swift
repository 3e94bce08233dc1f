import Foundation
import Hummingbird
import HummingbirdTesting
import Khabar
import KhabarSQLite
import HTTPTypes
import NIOCore
import Testing
@testable import KhabarServer

/// The feed poller against a real fixture HTTP server on 127.0.0.1 (Hummingbird's live test
/// server): RSS and Atom feeds with ETags, pages, a failing feed, a slow one; a real SQLite desk.
/// Serialized: the host-gap and timeout checks measure wall-clock time.
@Suite("Feed poller", .serialized, .timeLimit(.minutes(1)))
struct FeedPollerTests {

    // MARK: - The fixture server

    /// What the fixture serves, and what it saw. All state behind one lock (handlers run on NIO threads).
    final class Fixture: @unchecked Sendable {
        struct Hit: Sendable {
            var path: String
            var time: Date
            var ifNoneMatch: String?
            var ifModifiedSince: String?
            var status: Int
        }

        struct RSSItem: Sendable {
            var guid: String?
            /// Written as given: relative ("/news/x.html") or absolute with "{base}" for the server's address.
            var link: String?
            var title: String
            var description: String
        }

        private let lock = NSLock()
        private var _hits: [Hit] = []
        private var _rssItems: [RSSItem] = []
        private var _rssVersion = 1
        private var _flakyFailures = 0
        private var _stopped = false
        let lastModified = "Wed, 13 Sep 2023 08:00:00 GMT"

        var hits: [Hit] { lock.withLock { _hits } }
        func hits(_ path: String) -> [Hit] { hits.filter { $0.path == path } }
        func count(_ path: String, status: Int? = nil) -> Int {
            hits(path).filter { status == nil || $0.status == status }.count
        }

        func setRSS(_ items: [RSSItem]) { lock.withLock { _rssItems = items; _rssVersion += 1 } }
        func setFlakyFailures(_ n: Int) { lock.withLock { _flakyFailures = n } }
        /// Ends the slow responses early, so the server's graceful shutdown does not wait on them.
        func stop() { lock.withLock { _stopped = true } }
        var stopped: Bool { lock.withLock { _stopped } }

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            router.get("**") { request, _ in try await self.respond(request) }
            return router
        }

        private func record(_ request: Request, status: Int, at time: Date) {
            let hit = Hit(path: request.uri.path, time: time, ifNoneMatch: request.headers[.ifNoneMatch],
                          ifModifiedSince: request.headers[.ifModifiedSince], status: status)
            lock.withLock { _hits.append(hit) }
        }

        func respond(_ request: Request) async throws -> Response {
            let arrived = Date()
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            let path = request.uri.path
            func send(_ status: HTTPResponse.Status, _ body: String = "", type: String = "text/plain; charset=utf-8",
                      headers extra: HTTPFields = [:]) -> Response {
                record(request, status: Int(status.code), at: arrived)
                var headers: HTTPFields = [.contentType: type]
                headers.append(contentsOf: extra)
                return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
            }
            switch path {
            case "/rss.xml":
                let (items, version) = lock.withLock { (_rssItems, _rssVersion) }
                let etag = "\"rss-v\(version)\""
                if request.headers[.ifNoneMatch] == etag { return send(.notModified) }
                return send(.ok, FeedPollerTests.rss(items, base: base), type: "application/rss+xml",
                            headers: [.eTag: etag, .lastModified: lastModified])
            case "/rss-copy.xml":
                // The same article as r2 (title and text) under another guid: the desk says "already stored".
                let copy = RSSItem(guid: "copy-of-r2", link: "/gone/copy.html", title: Texts.r2Title, description: Texts.r2Description)
                return send(.ok, FeedPollerTests.rss([copy], base: base), type: "application/rss+xml")
            case "/atom.xml":
                // The header name in lower case, as HTTP/2 servers and many proxies send it.
                let etag = "W/\"atom-1\""
                if request.headers[.ifNoneMatch] == etag { return send(.notModified) }
                return send(.ok, FeedPollerTests.atom(base: base), type: "application/atom+xml",
                            headers: [HTTPField.Name("etag")!: etag, HTTPField.Name("last-modified")!: lastModified])
            case "/broken.xml":
                // The first answer is cut off mid-document but carries the feed's ETag; the server
                // answers 304 to that ETag from then on.
                let etag = "\"broken-1\""
                if request.headers[.ifNoneMatch] == etag { return send(.notModified) }
                let item = RSSItem(guid: "broken-1", link: nil, title: Texts.flakyTitle, description: Texts.flakyDescription)
                var xml = FeedPollerTests.rss([item], base: base)
                if count("/broken.xml") == 0 { xml = String(xml.prefix(xml.count / 2)) }
                return send(.ok, xml, type: "application/rss+xml", headers: [.eTag: etag])
            case "/flaky.xml":
                let fail = lock.withLock { () -> Bool in
                    guard _flakyFailures > 0 else { return false }
                    _flakyFailures -= 1
                    return true
                }
                if fail { return send(.internalServerError, "upstream exploded") }
                let item = RSSItem(guid: "flaky-1", link: nil, title: Texts.flakyTitle, description: Texts.flakyDescription)
                return send(.ok, FeedPollerTests.rss([item], base: base), type: "application/rss+xml")
            case "/slow.xml":
                // Answers after 5 s (the poller gives up long before); stops early at shutdown.
                for _ in 0..<100 where !stopped { try await Task.sleep(for: .milliseconds(50)) }
                let item = RSSItem(guid: "slow-1", link: nil, title: "بطيء", description: Texts.flakyDescription)
                return send(.ok, FeedPollerTests.rss([item], base: base), type: "application/rss+xml")
            case "/slow-body.xml":
                // The head at once, then the body a few bytes every 200 ms for 5 s: every read is quick,
                // the whole is not.
                record(request, status: 200, at: arrived)
                let body = ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>بطيء</title>\n"))
                    for _ in 0..<25 where !self.stopped {
                        try await Task.sleep(for: .milliseconds(200))
                        try await writer.write(ByteBuffer(string: "<!-- … -->\n"))
                    }
                    try await writer.write(ByteBuffer(string: "</channel></rss>\n"))
                    try await writer.finish(nil)
                }
                return Response(status: .ok, headers: [.contentType: "application/rss+xml"], body: body)
            default:
                if let page = Texts.pages[path] { return send(.ok, page, type: "text/html; charset=utf-8") }
                return send(.notFound, "no such page")
            }
        }
    }

    // MARK: - Feeds and pages

    static func rss(_ items: [Fixture.RSSItem], base: String) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>وكالة الأنباء التجريبية</title>
        <link>\(base)/</link>
        <description>آخر الأخبار</description>

        """
        for item in items {
            xml += "<item>\n<title>\(item.title)</title>\n"
            if let link = item.link { xml += "<link>\(link.replacingOccurrences(of: "{base}", with: base))</link>\n" }
            if let guid = item.guid { xml += "<guid isPermaLink=\"false\">\(guid)</guid>\n" }
            xml += "<pubDate>Wed, 13 Sep 2023 07:30:00 GMT</pubDate>\n"
            xml += "<description><![CDATA[\(item.description)]]></description>\n</item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }

    static func atom(base: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="\(base)/atom-base/">
          <title>صحيفة الفجر</title>
          <id>urn:khabar:test:atom</id>
          <updated>2023-09-13T08:00:00Z</updated>
          <link rel="self" href="../atom.xml"/>
          <link rel="alternate" type="text/html" href="./"/>
          <author><name>هيئة التحرير</name></author>
          <entry>
            <title>\(Texts.a1Title)</title>
            <id>urn:khabar:test:a1</id>
            <link rel="alternate" type="text/html" href="a1.html"/>
            <updated>2023-09-13T07:00:00Z</updated>
            <summary>ملخص قصير للخبر الأول</summary>
          </entry>
          <entry xml:base="sub/">
            <title type="html">\(Texts.a2Title) &lt;b&gt;عاجل&lt;/b&gt;</title>
            <id>urn:khabar:test:a2</id>
            <link href="a2.html"/>
            <updated>2023-09-13T07:10:00Z</updated>
            <summary>ملخص قصير للخبر الثاني</summary>
          </entry>
        </feed>
        """
    }

    /// Arabic articles, each its own text (the desk stores the same text once).
    enum Texts {
        static func page(title: String, paragraphs: [String]) -> String {
            """
            <!DOCTYPE html>
            <html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>\(title) | الموقع</title></head>
            <body>
            <nav><a href="/">الرئيسية</a> | <a href="/sport">رياضة</a> | <a href="/economy">اقتصاد</a></nav>
            <article>
            <h1>\(title)</h1>
            \(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
            </article>
            <footer>جميع الحقوق محفوظة © ٢٠٢٣</footer>
            </body></html>
            """
        }

        static let r1Title = "البنك المركزي يرفع سعر الفائدة للمرة الثالثة"
        static let r1Lead = "قرر البنك المركزي المصري يوم الأربعاء رفع أسعار الفائدة الرئيسية بمقدار مئتي نقطة أساس في محاولة لكبح التضخم الذي بلغ أعلى مستوياته منذ خمس سنوات."
        static let r1Paragraphs = [
            r1Lead,
            "وقالت لجنة السياسة النقدية في بيان صدر عقب اجتماعها في القاهرة إن القرار يهدف إلى احتواء الضغوط التضخمية الناتجة عن ارتفاع أسعار السلع الغذائية والطاقة في الأسواق العالمية.",
            "وأضاف البيان أن اللجنة ستواصل متابعة التطورات الاقتصادية عن كثب، ولن تتردد في اتخاذ مزيد من الإجراءات إذا اقتضت الحاجة ذلك خلال الأشهر المقبلة.",
            "ويرى محللون اقتصاديون أن الخطوة كانت متوقعة على نطاق واسع، لكنها قد تثقل كاهل الشركات الصغيرة التي تعتمد على الاقتراض المصرفي لتمويل عملياتها اليومية.",
        ]
        static let r2Title = "أمطار غزيرة تغرق شوارع الإسكندرية"
        static let r2Lead = "شهدت مدينة الإسكندرية صباح الأربعاء هطول أمطار غزيرة أدت إلى غرق عدد من الشوارع الرئيسية وتعطل حركة المرور لساعات طويلة."
        static let r2Description = """
        <p>\(r2Lead)</p>
        <p>وأعلنت المحافظة رفع حالة الطوارئ في جميع الأحياء، ودفعت بسيارات شفط المياه إلى المناطق الأكثر تضررا قرب الكورنيش.</p>
        <p>وتوقعت هيئة الأرصاد الجوية استمرار سقوط الأمطار على السواحل الشمالية حتى نهاية الأسبوع مع انخفاض ملحوظ في درجات الحرارة.</p>
        """
        static let r3Title = "المنتخب الوطني يتأهل إلى نهائيات كأس الأمم الأفريقية"
        static let r3Lead = "تأهل المنتخب الوطني لكرة القدم إلى نهائيات كأس الأمم الأفريقية بعد فوزه على ضيفه بهدفين دون رد في المباراة التي أقيمت مساء الثلاثاء على استاد القاهرة الدولي."
        static let r3Paragraphs = [
            r3Lead,
            "وسجل هدفي المباراة مهاجم الفريق في الشوط الأول وقائده في الدقائق الأخيرة من الشوط الثاني وسط حضور جماهيري كبير ملأ المدرجات.",
            "وقال المدير الفني للمنتخب في المؤتمر الصحفي عقب اللقاء إن اللاعبين قدموا أداء رجوليا وإن الفريق يطمح إلى المنافسة على اللقب القاري.",
            "ومن المقرر أن تقام القرعة الخاصة بالبطولة الشهر المقبل في العاصمة الإيفوارية أبيدجان بحضور ممثلي المنتخبات المتأهلة.",
        ]
        static let a1Title = "افتتاح أكبر محطة للطاقة الشمسية في المنطقة"
        static let a1Lead = "افتتح رئيس الوزراء يوم الأحد محطة بنبان للطاقة الشمسية في محافظة أسوان، والتي تعد من أكبر محطات الطاقة الشمسية في العالم بقدرة تصل إلى ألف وستمئة ميغاواط."
        static let a1Paragraphs = [
            a1Lead,
            "وتضم المحطة أكثر من أربعين مشروعا تديرها شركات محلية ودولية، وقد بلغت تكلفتها الإجمالية نحو أربعة مليارات دولار بتمويل من مؤسسات دولية عدة.",
            "وقال وزير الكهرباء خلال حفل الافتتاح إن المحطة ستسهم في خفض انبعاثات الكربون بنحو مليوني طن سنويا وتوفير آلاف فرص العمل لأبناء الصعيد.",
            "وتسعى الحكومة إلى رفع نسبة الطاقة المتجددة في مزيج الكهرباء إلى أربعين في المئة بحلول عام ألفين وخمسة وثلاثين.",
        ]
        static let a2Title = "وزارة الصحة تطلق حملة تطعيم واسعة ضد شلل الأطفال"
        static let a2Lead = "أطلقت وزارة الصحة والسكان يوم السبت حملة قومية للتطعيم ضد مرض شلل الأطفال تستهدف أكثر من ستة عشر مليون طفل دون سن الخامسة في جميع المحافظات."
        static let a2Paragraphs = [
            a2Lead,
            "وأوضح المتحدث باسم الوزارة أن الحملة تستمر أربعة أيام، وأن فرق التطعيم ستتنقل بين المنازل والمدارس ومراكز الشباب لضمان وصول اللقاح إلى جميع الأطفال.",
            "وأشار إلى أن الوزارة خصصت أكثر من ستين ألف فريق طبي للمشاركة في الحملة، مع تجهيز غرف عمليات لمتابعة سير العمل على مدار الساعة.",
            "ودعت الوزارة أولياء الأمور إلى التعاون مع الفرق الصحية، مؤكدة أن اللقاح آمن تماما ويعطى مجانا حتى لو سبق تطعيم الطفل من قبل.",
        ]
        static let flakyTitle = "ارتفاع صادرات القطن إلى أعلى مستوى في عقد"
        static let flakyDescription = """
        <p>ارتفعت صادرات القطن خلال الموسم الماضي إلى أعلى مستوى لها منذ عشر سنوات، بحسب بيانات رسمية نشرتها وزارة الزراعة يوم الخميس.</p>
        <p>وأرجعت الوزارة الزيادة إلى تحسن جودة المحصول وارتفاع الطلب من الأسواق الآسيوية والأوروبية على القطن طويل التيلة.</p>
        """

        static let pages: [String: String] = [
            "/news/r1.html": page(title: r1Title, paragraphs: r1Paragraphs),
            "/news/r3.html": page(title: r3Title, paragraphs: r3Paragraphs),
            "/atom-base/a1.html": page(title: a1Title, paragraphs: a1Paragraphs),
            "/atom-base/sub/a2.html": page(title: a2Title, paragraphs: a2Paragraphs),
        ]
    }

    static let r1 = Fixture.RSSItem(guid: "r1", link: "{base}/news/r1.html", title: Texts.r1Title, description: "<p>موجز: رفع الفائدة.</p>")
    /// Its page is gone (404): the description is what gets ingested.
    static let r2 = Fixture.RSSItem(guid: "r2", link: "/gone/r2.html", title: Texts.r2Title, description: Texts.r2Description)
    static let r3 = Fixture.RSSItem(guid: "r3", link: "news/r3.html", title: Texts.r3Title, description: "<p>موجز: تأهل المنتخب.</p>")

    // MARK: - Harness

    struct Harness {
        let fixture: Fixture
        let desk: StoryDesk
        let refresher: DigestRefresher
        let base: String

        func url(_ path: String) -> String { base + path }

        func poller(_ paths: [String], interval: Double = 60, hostGap: Double = 0.01,
                    timeout: TimeAmount = .seconds(5)) -> FeedPoller {
            FeedPoller(feeds: paths.map(url), desk: desk, refresher: refresher, interval: interval,
                       hostGap: hostGap, timeout: timeout)
        }

        func articles() throws -> Int { try desk.store.stats().articles }

        /// The stored article of a feed item (the poller's id scheme).
        func article(key: String) throws -> CleanArticle? {
            try desk.store.article(id: FeedPoller.articleID(forItem: key))?.article
        }
    }

    static func withFixture(_ body: @escaping @Sendable (Harness) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let desk = StoryDesk(store: try SQLiteStore(path: folder.appendingPathComponent("khabar.db").path))
        desk.waitUntilReady()
        let refresher = DigestRefresher(desk: desk, delay: 0.05)
        let fixture = Fixture()
        fixture.setRSS([r1, r2])
        let app = Application(router: fixture.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            defer { fixture.stop() }
            try await body(Harness(fixture: fixture, desk: desk, refresher: refresher, base: "http://127.0.0.1:\(port)"))
        }
        refresher.flush()
    }

    // MARK: - Tests

    @Test func rssItemsAreIngestedOnceAndUnchangedFeedsAnswer304() async throws {
        try await Self.withFixture { h in
            let poller = h.poller(["/rss.xml"])
            let feed = h.url("/rss.xml")
            await poller.pollDue()
            var state = try #require(poller.report()[feed])
            #expect(state.lastError == nil)
            #expect(state.polls == 1 && state.failures == 0 && state.notModified == 0)
            #expect(state.ingested == 2)
            #expect(try h.articles() == 2)
            #expect(state.etag == "\"rss-v2\"")
            #expect(state.lastModified == h.fixture.lastModified)

            // r1: its page (absolute link) was read, not the one-line description.
            let r1 = try #require(try h.article(key: "r1"))
            #expect(r1.paragraphs.contains { $0.contains("لجنة السياسة النقدية") }, "\(r1.paragraphs)")
            #expect(!r1.paragraphs.contains { $0.contains("موجز") })
            // The feed's headline, not the page's "<title> | site"; the outlet from the feed.
            #expect(r1.title == Texts.r1Title)
            #expect(r1.outlet == "وكالة الأنباء التجريبية")
            #expect(r1.source == .url(h.url("/news/r1.html")))
            // r2: its (relative) page 404s, so the item's own CDATA text is ingested.
            #expect(h.fixture.count("/gone/r2.html", status: 404) == 1)
            let r2 = try #require(try h.article(key: "r2"))
            #expect(r2.paragraphs.contains { $0.contains("سيارات شفط المياه") }, "\(r2.paragraphs)")
            #expect(r2.title == Texts.r2Title)

            // Unchanged: 304 (counted by the server), nothing ingested.
            await poller.pollDue()  // not due yet: no request
            #expect(h.fixture.count("/rss.xml") == 1)
            await poller.pollDue(now: Date().addingTimeInterval(120))
            state = try #require(poller.report()[feed])
            #expect(h.fixture.count("/rss.xml", status: 304) == 1)
            #expect(h.fixture.hits("/rss.xml").last?.ifNoneMatch == "\"rss-v2\"")
            #expect(h.fixture.hits("/rss.xml").last?.ifModifiedSince == h.fixture.lastModified)
            #expect(state.polls == 2 && state.notModified == 1 && state.ingested == 2)
            #expect(try h.articles() == 2)

            // A new item (relative link without a slash): picked up, the others not fetched again.
            h.fixture.setRSS([Self.r3, Self.r1, Self.r2])
            await poller.pollDue(now: Date().addingTimeInterval(240))
            state = try #require(poller.report()[feed])
            #expect(state.polls == 3 && state.notModified == 1 && state.ingested == 3)
            #expect(state.etag == "\"rss-v3\"")
            #expect(try h.articles() == 3)
            let r3 = try #require(try h.article(key: "r3"))
            #expect(r3.paragraphs.contains { $0.contains("استاد القاهرة الدولي") }, "\(r3.paragraphs)")
            #expect(h.fixture.count("/news/r3.html") == 1)
            #expect(h.fixture.count("/news/r1.html") == 1, "r1's page fetched once over all polls")
            #expect(h.fixture.count("/gone/r2.html") == 1)

            await poller.pollDue(now: Date().addingTimeInterval(360))
            #expect(h.fixture.count("/rss.xml", status: 304) == 2)
            #expect(poller.report()[feed]?.ingested == 3)
            #expect(try h.articles() == 3)
        }
    }

    @Test func alreadyStoredItemsAreNotCountedAgain() async throws {
        try await Self.withFixture { h in
            let first = h.poller(["/rss.xml"])
            await first.pollDue()
            #expect(first.report()[h.url("/rss.xml")]?.ingested == 2)
            #expect(try h.articles() == 2)

            // A fresh poller (a restart) over the same desk: every item is known by id.
            let second = h.poller(["/rss.xml", "/rss-copy.xml"])
            await second.pollDue()
            #expect(second.report()[h.url("/rss.xml")]?.ingested == 0)
            #expect(h.fixture.count("/news/r1.html") == 1, "a stored item's page is not fetched again")
            // The same article under another guid in another feed: "already stored", not counted.
            let copy = try #require(second.report()[h.url("/rss-copy.xml")])
            #expect(copy.lastError == nil && copy.polls == 1)
            #expect(copy.ingested == 0)
            // The desk keeps a re-post as a row pointing at the stored text ("same text"), never
            // as a second article.
            let copyRow = try h.desk.store.article(id: FeedPoller.articleID(forItem: "copy-of-r2"))
            if let copyRow { #expect(copyRow.sameAs == FeedPoller.articleID(forItem: "r2")) }
            let rows = try h.articles()
            #expect(rows == 2 + (copyRow == nil ? 0 : 1))

            // Polled again (no ETag on that feed: a full 200): still nothing, and the copy's page
            // is not asked for again (the item is remembered as seen).
            await second.pollDue(now: Date().addingTimeInterval(120))
            #expect(h.fixture.count("/rss-copy.xml", status: 200) == 2)
            #expect(h.fixture.count("/gone/copy.html") == 1)
            #expect(second.report()[h.url("/rss-copy.xml")]?.ingested == 0)
            #expect(second.report()[h.url("/rss.xml")]?.ingested == 0)
            #expect(try h.articles() == rows)
        }
    }

    @Test func atomEntriesResolveXMLBaseAndReadTheirPages() async throws {
        try await Self.withFixture { h in
            let poller = h.poller(["/atom.xml"])
            let feed = h.url("/atom.xml")
            await poller.pollDue()
            var state = try #require(poller.report()[feed])
            #expect(state.lastError == nil)
            #expect(state.ingested == 2)
            #expect(try h.articles() == 2)
            // xml:base on the feed, then on the entry: a1.html → /atom-base/a1.html, a2.html → /atom-base/sub/a2.html.
            #expect(h.fixture.count("/atom-base/a1.html", status: 200) == 1)
            #expect(h.fixture.count("/atom-base/sub/a2.html", status: 200) == 1)
            let a1 = try #require(try h.article(key: "urn:khabar:test:a1"))
            #expect(a1.paragraphs.count >= 3, "\(a1.paragraphs)")
            #expect(a1.paragraphs.contains { $0.contains("محطة بنبان") })
            #expect(!a1.paragraphs.contains { $0.contains("ملخص قصير") }, "the page, not the summary")
            #expect(a1.source == .url(h.url("/atom-base/a1.html")))
            let a2 = try #require(try h.article(key: "urn:khabar:test:a2"))
            #expect(a2.paragraphs.contains { $0.contains("شلل الأطفال") })
            #expect(a2.source == .url(h.url("/atom-base/sub/a2.html")))

            // The server sent its validators as "etag" / "last-modified": still used.
            #expect(state.etag == "W/\"atom-1\"")
            #expect(state.lastModified == h.fixture.lastModified)
            await poller.pollDue(now: Date().addingTimeInterval(120))
            state = try #require(poller.report()[feed])
            #expect(h.fixture.count("/atom.xml", status: 304) == 1)
            #expect(state.notModified == 1 && state.ingested == 2)
            #expect(try h.articles() == 2)
        }
    }

    @Test func failingFeedIsRetriedAfterBackOffThenIngested() async throws {
        try await Self.withFixture { h in
            h.fixture.setFlakyFailures(2)
            let poller = h.poller(["/flaky.xml"], interval: 60)
            let feed = h.url("/flaky.xml")

            var start = Date()
            await poller.pollDue(now: start)
            var state = try #require(poller.report()[feed])
            #expect(state.failures == 1 && state.consecutiveFailures == 1 && state.ingested == 0)
            #expect(state.lastError?.contains("500") == true, "\(state.lastError ?? "nil")")
            var wait = state.nextPoll.timeIntervalSince(start)
            #expect(wait > 4 && wait < 6.5, "first back-off \(wait) s")

            // Not due during the back-off: no request.
            await poller.pollDue()
            #expect(h.fixture.count("/flaky.xml") == 1)
            #expect(poller.report()[feed]?.polls == 1)

            start = Date()
            await poller.pollDue(now: state.nextPoll)
            state = try #require(poller.report()[feed])
            #expect(state.failures == 2 && state.consecutiveFailures == 2)
            #expect(state.lastError?.contains("500") == true)
            wait = state.nextPoll.timeIntervalSince(start)
            #expect(wait > 9 && wait < 11.5, "second back-off \(wait) s")
            #expect(try h.articles() == 0)

            start = Date()
            await poller.pollDue(now: state.nextPoll)
            state = try #require(poller.report()[feed])
            #expect(h.fixture.count("/flaky.xml", status: 500) == 2)
            #expect(h.fixture.count("/flaky.xml", status: 200) == 1)
            #expect(state.polls == 3 && state.failures == 2 && state.consecutiveFailures == 0)
            #expect(state.lastError == nil)
            #expect(state.ingested == 1)
            #expect(try h.articles() == 1)
            let item = try #require(try h.article(key: "flaky-1"))
            #expect(item.paragraphs.contains { $0.contains("القطن طويل التيلة") })
            wait = state.nextPoll.timeIntervalSince(start)
            #expect(wait > 59 && wait < 61.5, "back to the interval: \(wait) s")
        }
    }

    @Test func aBrokenAnswersETagIsNotKept() async throws {
        try await Self.withFixture { h in
            let poller = h.poller(["/broken.xml"])
            let feed = h.url("/broken.xml")
            await poller.pollDue()
            var state = try #require(poller.report()[feed])
            #expect(state.failures == 1)
            #expect(state.lastError?.contains("XML") == true, "\(state.lastError ?? "nil")")
            #expect(state.etag == nil, "the ETag of a body that could not be read is not kept")

            await poller.pollDue(now: state.nextPoll)
            state = try #require(poller.report()[feed])
            #expect(h.fixture.hits("/broken.xml").last?.status == 200, "asked unconditionally, so answered in full")
            #expect(state.lastError == nil && state.consecutiveFailures == 0)
            #expect(state.ingested == 1)
            #expect(try h.articles() == 1)
            #expect(state.etag == "\"broken-1\"")
        }
    }

    @Test func slowFeedsTimeOutWithoutHoldingUpTheOthers() async throws {
        try await Self.withFixture { h in
            let poller = h.poller(["/slow.xml", "/slow-body.xml", "/rss.xml"], timeout: .milliseconds(500))
            let started = Date()
            await poller.pollDue()
            let elapsed = Date().timeIntervalSince(started)
            let report = poller.report()
            for path in ["/slow.xml", "/slow-body.xml"] {
                let state = try #require(report[h.url(path)])
                #expect(state.failures == 1 && state.consecutiveFailures == 1, "\(path)")
                #expect(state.lastError != nil, "\(path)")
                #expect(state.ingested == 0)
                #expect(state.nextPoll > started.addingTimeInterval(4), "\(path) backs off")
            }
            let rss = try #require(report[h.url("/rss.xml")])
            #expect(rss.lastError == nil)
            #expect(rss.ingested == 2)
            #expect(try h.articles() == 2)
            // Two timeouts of 0.5 s and one ordinary feed: well under the 5 s the slow feeds take.
            #expect(elapsed < 3.5, "a round with two slow feeds took \(elapsed) s")
        }
    }

    @Test func oneRequestPerHostGap() async throws {
        try await Self.withFixture { h in
            let gap = 0.2
            let poller = h.poller(["/rss.xml", "/atom.xml"], hostGap: gap)
            await poller.pollDue()
            let stored = try h.articles()
            #expect(stored == 4)
            // rss, r1 page, r2 page (404), atom, a1 page, a2 page: all on 127.0.0.1.
            let times = h.fixture.hits.map(\.time).sorted()
            #expect(times.count == 6)
            let gaps = zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) }
            #expect(gaps.allSatisfy { $0 >= gap - 0.05 }, "gaps between requests: \(gaps)")
            #expect(times.last!.timeIntervalSince(times.first!) >= 5 * gap - 0.05)

            // The gap holds across rounds too.
            let before = Date()
            await poller.pollDue(now: Date().addingTimeInterval(120))
            let all = h.fixture.hits.map(\.time).sorted()
            #expect(all.count == 8)
            #expect(all[6].timeIntervalSince(times.last!) >= gap - 0.05)
            #expect(all[7].timeIntervalSince(all[6]) >= gap - 0.05)
            #expect(Date().timeIntervalSince(before) < 2, "304s are quick")
        }
    }

    @Test func feedListReadsPlainListsAndOPML() throws {
        let plain = "# my feeds\r\n\r\nhttps://example.com/rss.xml\r\n   https://news.example.org/feed?cat=1&lang=ar   \n\n  # indented comment\nhttp://a.example/atom\n"
        #expect(FeedList.parse(plain) == ["https://example.com/rss.xml", "https://news.example.org/feed?cat=1&lang=ar",
                                          "http://a.example/atom"])
        #expect(FeedList.parse("\u{FEFF}https://example.com/rss.xml\n") == ["https://example.com/rss.xml"], "a BOM is not part of the URL")
        #expect(FeedList.parse("") == [])
        #expect(FeedList.parse("# nothing\n\n") == [])

        let opml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- exported by a feed reader -->
        <opml version="2.0">
          <head><title>اشتراكاتي</title></head>
          <body>
            <outline text="أخبار" title="أخبار">
              <outline type="rss" text="الجزيرة" xmlUrl="https://www.aljazeera.net/aljazeerarss/a7c186be/feed?x=1&amp;y=2" htmlUrl="https://www.aljazeera.net/"/>
              <outline type="rss" text='BBC' xmlUrl='https://feeds.bbci.co.uk/arabic/rss.xml' htmlUrl='https://www.bbc.com/arabic'/>
            </outline>
            <outline text="site only" htmlUrl="https://example.com/"/>
            <outline type="rss" text="spaced" xmlUrl = "https://example.net/feed&amp;amp;.xml" />
          </body>
        </opml>
        """
        #expect(FeedList.parse(opml) == [
            "https://www.aljazeera.net/aljazeerarss/a7c186be/feed?x=1&y=2",
            "https://feeds.bbci.co.uk/arabic/rss.xml",
            "https://example.net/feed&amp;.xml",
        ])

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feeds-\(UUID().uuidString).opml")
        try opml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try FeedList.read(path: file.path).count == 3)
    }
}
