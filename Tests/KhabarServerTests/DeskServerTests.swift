import Foundation
import Hummingbird
import HummingbirdTesting
import Khabar
import KhabarText
import KhabarSQLite
import Testing
@testable import KhabarServer

/// The desk over real HTTP (Hummingbird's live test server on 127.0.0.1, a real SQLite file).
@Suite("Desk server")
struct DeskServerTests {
    static let token = "test-token-123"

    static func withServer(readToken: String? = nil, maxBody: Int = 1 << 20,
                           _ body: @escaping @Sendable (any TestClientProtocol, StoryDesk) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let desk = StoryDesk(store: try SQLiteStore(path: folder.appendingPathComponent("khabar.db").path))
        var options = DeskServer.Options()
        options.token = token
        options.readToken = readToken
        options.maxBodyBytes = maxBody
        options.digestDelay = 0.05
        let server = DeskServer(desk: desk, options: options)
        let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(client, desk) }
    }

    static var auth: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    /// The body as a JSON object; empty when it is not one (the checks on it then fail).
    static func json(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
    }

    static let hostile = """
    [{"id": "h1", "title": "عنوان <script>alert(1)</script> خطير", "outlet": "موقع <b>عريض</b>",
      "url": "javascript:alert(2)", "published": "2023-09-13T08:00:00Z",
      "text": "قال المتحدث باسم الكرملين ديمتري بيسكوف <script>alert(3)</script> إن الاجتماع سيعقد غدا في العاصمة لبحث التعاون الاقتصادي بين البلدين.\\n<img src=x onerror=alert(4)> وأضاف أن الوفد سيصل صباحا إلى المطار الدولي."}]
    """

    @Test func writesNeedTheToken() async throws {
        try await Self.withServer { client, _ in
            let body = ByteBuffer(string: Self.hostile)
            try await client.execute(uri: "/api/articles", method: .post, headers: [.contentType: "application/json"], body: body) { response in
                #expect(response.status == .unauthorized)
                #expect(Self.json(response)["error"] != nil)
            }
            try await client.execute(uri: "/api/articles", method: .post,
                                     headers: [.authorization: "Bearer wrong", .contentType: "application/json"], body: body) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/articles", method: .post, headers: Self.auth, body: body) { response in
                #expect(response.status == .ok)
                let result = Self.json(response)
                #expect(result["stored"] as? Int == 1)
            }
        }
    }

    @Test func readsNeedTheReadTokenWhenSet() async throws {
        try await Self.withServer(readToken: "reader") { client, _ in
            try await client.execute(uri: "/api/stories", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/stories", method: .get, headers: [.authorization: "Bearer reader"]) { #expect($0.status == .ok) }
        }
    }

    @Test func malformedAndOversizedBodiesAreRefusedCleanly() async throws {
        try await Self.withServer(maxBody: 4096) { client, desk in
            let bad = ByteBuffer(string: "{\"id\": \"ok1\", \"text\": \"نص سليم عن الاقتصاد والأسواق\"}\n{\"id\": \"broken\", \"text\": ")
            try await client.execute(uri: "/api/articles", method: .post,
                                     headers: [.authorization: "Bearer \(Self.token)", .contentType: "application/x-ndjson"], body: bad) { response in
                #expect(response.status == .badRequest)
                let message = try #require((Self.json(response)["error"] as? [String: Any])?["message"] as? String)
                #expect(message.contains("nothing was stored"))
            }
            #expect(try desk.store.stats().articles == 0, "nothing half-ingested")
            // A record that reads but holds no article is answered alone; the rest is stored.
            let partly = ByteBuffer(string: "{\"id\": \"ok2\", \"text\": \"نص سليم آخر عن الأمطار في المدينة\"}\n{\"id\": \"empty\", \"text\": \"  \"}")
            try await client.execute(uri: "/api/articles", method: .post,
                                     headers: [.authorization: "Bearer \(Self.token)", .contentType: "application/x-ndjson"], body: partly) { response in
                #expect(response.status == .ok)
                let result = Self.json(response)
                #expect(result["stored"] as? Int == 1 && result["failed"] as? Int == 1, "\(result)")
            }
            let big = ByteBuffer(string: "[" + String(repeating: "{\"id\":\"x\",\"text\":\"نص\"},", count: 400) + "{}]")
            try await client.execute(uri: "/api/articles", method: .post, headers: Self.auth, body: big) { response in
                #expect(response.status == .contentTooLarge)
                #expect(Self.json(response)["error"] != nil)
            }
            try await client.execute(uri: "/api/articles", method: .post, headers: Self.auth, body: ByteBuffer()) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/articles", method: .post,
                                     headers: [.authorization: "Bearer \(Self.token)", .contentType: "image/png"], body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }

    @Test func badReadRequestsAre4xxWithJSON() async throws {
        try await Self.withServer { client, _ in
            for uri in ["/api/stories/abc", "/api/stories/99", "/api/entities/-1", "/api/articles/nope", "/api/search",
                        "/api/stories?limit=0", "/api/stories?since=yesterday", "/api/search?q=x&from=2023-13-45", "/no/such/page"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect((400..<500).contains(Int(response.status.code)), "\(uri) → \(response.status)")
                    #expect(Self.json(response)["error"] != nil, "\(uri) answers a JSON error")
                }
            }
        }
    }

    @Test func hostileArticleTextIsInertOnEveryPage() async throws {
        try await Self.withServer { client, desk in
            try await client.execute(uri: "/api/articles", method: .post, headers: Self.auth, body: ByteBuffer(string: Self.hostile)) { response in
                #expect(response.status == .ok)
            }
            desk.refreshDigests()
            let story = try #require(try desk.store.article(id: "h1")).story
            let entity = try #require(try DeskViews(store: desk.store).storyPage(id: story)?.digest?.entities.first)
            var pages = ["/", "/stories/\(story)", "/search?q=" + "الاجتماع".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!]
            pages.append("/entities/\(entity.id)")
            for uri in pages {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let html = String(buffer: response.body)
                    #expect(!html.contains("<script"), "\(uri) has no script element")
                    #expect(!html.contains("<img"), "\(uri) has no injected element")
                    #expect(!html.contains("href=\"javascript:"), "\(uri) links no javascript: URL")
                    #expect(html.contains("dir=\"rtl\"") && html.contains("lang=\"ar\""))
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                }
            }
        }
    }

    @Test func openAPIDescribesEveryRouteTheServerAnswers() async throws {
        try await Self.withServer { client, desk in
            _ = desk.ingest([.success(RawArticle(id: "o1", source: .url("https://example.com/o1"), kind: .jsonLines,
                                                 text: "قال الرئيس فلاديمير بوتين إن المحادثات مع كيم جونغ أون كانت مثمرة وبناءة للغاية.",
                                                 hints: MetadataHints(title: "بوتين يلتقي كيم", outlet: "وكالة")))])
            desk.refreshDigests()
            let document = try await client.execute(uri: "/api/openapi.json", method: .get) { Self.json($0) }
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let entity = try #require(try DeskViews(store: desk.store).storyPage(id: 0)?.digest?.entities.first)
            for (path, operations) in paths {
                let uri = path.replacingOccurrences(of: "{id}", with: path.contains("articles") ? "o1" : path.contains("entities") ? "\(entity.id)" : "0")
                    + (path.contains("search") ? "?q=بوتين".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)! : "")
                for method in operations.keys {
                    let httpMethod: HTTPRequest.Method = method == "post" ? .post : .get
                    let body = method == "post" ? ByteBuffer(string: "{\"id\": \"o2\", \"text\": \"نص جديد عن الطقس والأمطار في المدينة\"}") : nil
                    try await client.execute(uri: uri, method: httpMethod, headers: Self.auth, body: body) { response in
                        #expect(response.status == .ok, "\(method.uppercased()) \(uri) → \(response.status)")
                    }
                }
            }
        }
    }

    /// Reads are kept between changes and never outlive one: a page asked again after an ingest
    /// and a digest shows them.
    @Test func cachedReadsFollowTheDesk() async throws {
        try await Self.withServer { client, desk in
            func post(_ id: String, _ text: String) async throws {
                let body = ByteBuffer(string: "{\"id\": \"\(id)\", \"title\": \"عنوان \(id)\", \"text\": \"\(text)\"}")
                try await client.execute(uri: "/api/articles", method: .post, headers: Self.auth, body: body) { #expect($0.status == .ok) }
            }
            func total() async throws -> Int? {
                try await client.execute(uri: "/api/stories", method: .get) { Self.json($0)["total"] as? Int }
            }
            try await post("c1", "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك خفض الإنتاج مجددا.")
            #expect(try await total() == 1)
            #expect(try await total() == 1, "the same answer from the cache")
            try await post("c2", "فاز المنتخب الوطني لكرة القدم على ضيفه بثلاثة أهداف في المباراة الودية أمس.")
            #expect(try await total() == 2, "an ingest empties the cache")
        }
    }

    /// Plain text and HTML without an id of their own are named by their content (or URL): two
    /// different texts are two articles, the same text twice is one.
    @Test func textWithoutAnIdIsNamedByItsContent() async throws {
        try await Self.withServer { client, desk in
            let headers: HTTPFields = [.authorization: "Bearer \(Self.token)", .contentType: "text/plain; charset=utf-8"]
            for text in ["ارتفعت أسعار الذهب في الأسواق العالمية اليوم مع تراجع الدولار الأمريكي.",
                         "أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة يضم مئتي سرير.",
                         "ارتفعت أسعار الذهب في الأسواق العالمية اليوم مع تراجع الدولار الأمريكي."] {
                try await client.execute(uri: "/api/articles", method: .post, headers: headers, body: ByteBuffer(string: text)) {
                    #expect($0.status == .ok)
                }
            }
            #expect(try desk.store.stats().articles == 2)
        }
    }
}
