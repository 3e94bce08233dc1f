import Foundation
import Hummingbird
import Khabar

/// `POST /api/articles` (one JSON article, a JSON array, JSON Lines, or an HTML page with its URL)
/// and `GET /api/articles/{id}`.
struct ArticlesAPI {
    let desk: StoryDesk
    let refresher: DigestRefresher
    let metrics: DeskMetrics
    let maxBodyBytes: Int

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/articles") { request, _ in try await post(request) }
        router.get("/api/articles/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard let article = try desk.store.article(id: id) else {
                throw HTTPError(.notFound, message: "no article with id '\(id.prefix(200))'")
            }
            return Reply.json(article.json())
        }
    }

    func post(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: maxBodyBytes)
        guard body.readableBytes > 0 else { throw HTTPError(.badRequest, message: "the request body is empty: send a JSON article, a JSON array, JSON Lines or an HTML page") }
        let data = Data(buffer: body)
        let params = QueryParameters(request: request)
        let pageURL = params.string("url") ?? request.headers[.contentLocation]
        let name = try Self.inputName(contentType: request.headers[.contentType], data: data)
        if name.hasSuffix(".html"), let pageURL, !(pageURL.hasPrefix("http://") || pageURL.hasPrefix("https://")) {
            throw HTTPError(.badRequest, message: "the page URL must start with http:// or https://")
        }
        var inputs: [ReadOutcome] = []
        // A page or text without an id of its own is named by its URL, else by its content, so
        // sending it again is recognised (JSON records carry their ids).
        let id = pageURL.map { "url-" + TermHash.hex($0) } ?? "text-" + TermHash.hex(String(decoding: data, as: UTF8.self))
        desk.reader.read(data: data, name: name, id: id) { outcome in
            inputs.append(outcome.map { raw in
                var raw = raw
                if name.hasSuffix(".html"), let pageURL {
                    raw.source = .url(pageURL)
                    raw.hints.url = pageURL
                }
                return raw
            })
        }
        // A body with any unreadable part is refused whole: nothing half-ingested. A record that
        // reads but holds no article (an empty text) is answered on its own, the rest stored.
        let errors = inputs.compactMap { outcome -> String? in
            if case .failure(let error) = outcome, error.kind == .malformed { return error.description } else { return nil }
        }
        if !errors.isEmpty {
            let shown = errors.prefix(5).joined(separator: "; ")
            throw HTTPError(.badRequest, message: "nothing was stored: \(errors.count) record(s) cannot be read: \(shown)")
        }
        guard !inputs.isEmpty else { throw HTTPError(.badRequest, message: "the body holds no article") }
        let outcomes = await desk.ingestInBackground(inputs)
        metrics.count(outcomes)
        refresher.storiesChanged()
        // 503 only when the store refused the batch (try again); a record without an article is
        // a "failed" entry of a 200 answer.
        let storeFailed = outcomes.contains { if case .notStored = $0 { return true } else { return false } }
        return Reply.json(Self.json(outcomes), status: storeFailed ? .serviceUnavailable : .ok)
    }

    /// The reader picks the format from the name: the content type decides, else the first byte.
    static func inputName(contentType: String?, data: Data) throws -> String {
        let type = (contentType ?? "").lowercased()
        if type.contains("html") { return "posted.html" }
        if type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq") { return "posted.jsonl" }
        if type.contains("json") { return data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "[") ? "posted.json" : "posted.jsonl" }
        if type.contains("rss") || type.contains("atom") || type.contains("xml") { return "posted.xml" }
        if type.isEmpty || type.contains("text/plain") || type.contains("octet-stream") {
            switch data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) {
            case UInt8(ascii: "["): return "posted.json"
            case UInt8(ascii: "{"): return "posted.jsonl"
            case UInt8(ascii: "<"): return "posted.html"
            default: return "posted.txt"
            }
        }
        throw HTTPError(.unsupportedMediaType, message: "unsupported content type '\(type.prefix(80))': send application/json, application/x-ndjson, text/html or text/plain")
    }


    static func json(_ outcomes: [IngestOutcome]) -> String {
        var json = JSONWriter()
        json.beginObject()
        var counts = (stored: 0, already: 0, failed: 0)
        json.key("articles")
        json.beginArray()
        for outcome in outcomes {
            json.beginObject()
            switch outcome {
            case .stored(let id, let story, let duplicateOf):
                counts.stored += 1
                json.field("id", id); json.field("status", "stored")
                json.key("story"); json.value(story)
                json.field("duplicate_of", duplicateOf)
            case .alreadyStored(let id, let story):
                counts.already += 1
                json.field("id", id); json.field("status", "already_stored")
                json.key("story"); json.value(story)
            case .sameText(let id, let sameAs, let story):
                counts.already += 1
                json.field("id", id); json.field("status", "same_text")
                json.key("story"); json.value(story)
                json.field("same_as", sameAs)
            case .failed(let id, let message), .notStored(let id, let message):
                counts.failed += 1
                json.field("id", id); json.field("status", "failed")
                json.field("error", message)
            }
            json.endObject()
        }
        json.endArray()
        json.key("stored"); json.value(counts.stored)
        json.key("already_stored"); json.value(counts.already)
        json.key("failed"); json.value(counts.failed)
        json.endObject()
        return json.string
    }
}
