import Foundation
import Hummingbird
import HummingbirdTesting
import Khabar
import Testing
@testable import KhabarServer

/// `/metrics` over real HTTP: what it counts after real requests, read back from the exposition.
@Suite("Metrics")
struct MetricsTests {
    /// Every sample of an exposition, keyed by name and labels as written
    /// (`khabar_articles_ingested_total{outcome="stored"}`).
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                Issue.record("not a sample line: \(line)")
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    static func scrape(_ client: any TestClientProtocol) async throws -> [String: Double] {
        try await client.execute(uri: "/metrics", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            return samples(String(buffer: response.body))
        }
    }

    static func article(_ id: String, _ text: String, title: String? = nil) -> String {
        "{\"id\": \"\(id)\", \"title\": \"\(title ?? "عنوان \(id)")\", \"outlet\": \"وكالة\", \"text\": \"\(text)\"}"
    }

    static let oil = "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك خفض الإنتاج مجددا."
    static let football = "فاز المنتخب الوطني لكرة القدم على ضيفه بثلاثة أهداف في المباراة الودية أمس."

    static func duration(_ method: String, _ route: String, _ status: String, _ part: String = "_count") -> String {
        "khabar_http_request_duration_seconds\(part){method=\"\(method)\",route=\"\(route)\",status=\"\(status)\"}"
    }

    @Test func ingestsAreCountedByOutcomeAndRequestsTimedByRoute() async throws {
        try await DeskServerTests.withServer { client, desk in
            let auth = DeskServerTests.auth
            func post(_ body: String, headers: HTTPFields = auth, expect status: HTTPResponse.Status = .ok) async throws {
                try await client.execute(uri: "/api/articles", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    #expect($0.status == status, "\(body.prefix(60))")
                }
            }
            let both = "[" + Self.article("m1", Self.oil) + "," + Self.article("m2", Self.football) + "]"
            try await post(both)                                           // stored ×2
            try await post(both)                                           // already_stored ×2
            // The same title and text under a new id; and a record with no text beside a new one.
            try await post("[" + Self.article("m1-copy", Self.oil, title: "عنوان m1") + "]") // same_text
            var ndjson = auth
            ndjson[.contentType] = "application/x-ndjson"
            try await post(Self.article("m3", "أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة يضم مئتي سرير.")
                           + "\n{\"id\": \"empty\", \"text\": \"  \"}", headers: ndjson) // stored, failed
            try await post(both, headers: [.contentType: "application/json"], expect: .unauthorized)
            for uri in ["/api/articles/m1", "/api/articles/m2", "/api/articles/nope"] {
                try await client.execute(uri: uri, method: .get) { _ in }
            }

            let first = try await Self.scrape(client)
            let ingested = { (outcome: String) in first["khabar_articles_ingested_total{outcome=\"\(outcome)\"}"] }
            #expect(ingested("stored") == 3)
            #expect(ingested("already_stored") == 2)
            #expect(ingested("same_text") == 1)
            #expect(ingested("failed") == 1)
            #expect(ingested("not_stored") == 0, "every outcome is reported, 0 until it happens")

            #expect(first[Self.duration("POST", "/api/articles", "2xx")] == 4)
            #expect(first[Self.duration("POST", "/api/articles", "4xx")] == 1, "a refused write is timed too")
            #expect(first[Self.duration("POST", "/api/articles", "2xx", "_bucket").replacingOccurrences(of: "}", with: ",le=\"+Inf\"}")] == 4)
            #expect((first[Self.duration("POST", "/api/articles", "2xx", "_sum")] ?? 0) > 0)
            // By route pattern: three different ids are one route.
            #expect(first[Self.duration("GET", "/api/articles/{id}", "2xx")] == 2)
            #expect(first[Self.duration("GET", "/api/articles/{id}", "4xx")] == 1)
            #expect(!first.keys.contains { $0.contains("m1") || $0.contains("nope") }, "no raw path is a label")

            let stats = try desk.store.stats()
            #expect(stats.articles == 4, "m1, m2, m1-copy and m3 are rows")
            #expect(first["khabar_store_articles"] == Double(stats.articles))
            #expect(first["khabar_store_stories"] == Double(stats.stories))
            #expect(first["khabar_queue_depth"] == 0, "a SQLite desk has no queue")
            #expect(first["khabar_queue_oldest_seconds"] == 0)
            #expect(first["khabar_placed_articles_total"] == 4, "every stored row was placed by this desk")
            #expect((first["khabar_placing_seconds_total"] ?? 0) > 0)
            let lag = try #require(first["khabar_digest_lag_seconds"])
            #expect(lag >= 0 && lag < 60)

            // Never cached, even while the desk does not change: the second scrape shows the first.
            let second = try await Self.scrape(client)
            #expect(second[Self.duration("GET", "/metrics", "2xx")] == 1)
            try await post("[" + Self.article("m4", "سجلت درجات الحرارة ارتفاعا كبيرا في معظم مناطق البلاد خلال اليومين الماضيين.") + "]")
            let third = try await Self.scrape(client)
            #expect(third[Self.duration("GET", "/metrics", "2xx")] == 2)
            #expect(third["khabar_articles_ingested_total{outcome=\"stored\"}"] == 4)
            #expect(third["khabar_store_articles"] == 5)
        }
    }

    @Test func metricsNeedTheReadTokenWhenSet() async throws {
        try await DeskServerTests.withServer(readToken: "reader") { client, _ in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer reader"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("# TYPE khabar_articles_ingested_total counter"))
            }
        }
    }
}
