import Foundation
import Hummingbird
import Khabar

/// `GET /api/stories` (live, ranked; `?since`, `?q`, `?entity`, `?outlet`, `?limit`, `?offset`)
/// and `GET /api/stories/{id}` (the digest in `khabar digest --format json`'s shape).
struct StoriesAPI {
    let views: DeskViews

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/stories") { request, _ in
            let params = QueryParameters(request: request)
            if params.string("q") != nil {
                return Reply.json(try SearchAPI.results(params, views: views).json())
            }
            let query = try Self.listQuery(params)
            return Reply.json(try views.frontPage(query).json(limit: query.limit, offset: query.offset))
        }
        router.get("/api/stories/{id}") { _, context in
            let id = try StoriesAPI.storyID(context)
            guard let page = try views.storyPage(id: id) else { throw HTTPError(.notFound, message: "no story \(id)") }
            return Reply.json(page.json())
        }
    }

    static func listQuery(_ params: QueryParameters) throws -> StoryListQuery {
        StoryListQuery(since: try params.date("since"), outlet: params.string("outlet"), entity: try params.optionalInt("entity"),
                       limit: try params.int("limit", default: 30, range: 1...200),
                       offset: try params.int("offset", default: 0, range: 0...1_000_000))
    }

    static func storyID(_ context: BasicRequestContext) throws -> Int { try pathNumber(context, naming: "a story id") }

    /// The `{id}` of a path as a whole number, or a 400 that says what it should be.
    static func pathNumber(_ context: BasicRequestContext, naming what: String) throws -> Int {
        let text = try context.parameters.require("id")
        guard let id = Int(text), id >= 0 else { throw HTTPError(.badRequest, message: "\(what) is a whole number, not '\(text.prefix(40))'") }
        return id
    }
}

/// `GET /api/search?q=` with `from`, `to`, `outlet`, `entity`, `limit`, `offset`.
struct SearchAPI {
    let views: DeskViews

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/search") { request, _ in
            Reply.json(try SearchAPI.results(QueryParameters(request: request), views: views).json())
        }
    }

    static func query(_ params: QueryParameters) throws -> SearchQuery {
        guard let text = params.string("q") else { throw HTTPError(.badRequest, message: "search needs q, the words to look for") }
        return SearchQuery(text: String(text.prefix(10_000)), from: try params.date("from"), to: try params.date("to"),
                           outlet: params.string("outlet"), entity: try params.optionalInt("entity"),
                           limit: try params.int("limit", default: 20, range: 1...100),
                           offset: try params.int("offset", default: 0, range: 0...10_000))
    }

    static func results(_ params: QueryParameters, views: DeskViews) throws -> SearchResults {
        try views.store.search(query(params))
    }
}

/// `GET /api/entities/{id}`: spellings, stories, quotes.
struct EntitiesAPI {
    let views: DeskViews

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/entities/{id}") { _, context in
            let id = try EntitiesAPI.entityID(context)
            guard let page = try views.entityPage(id: id) else { throw HTTPError(.notFound, message: "no entity \(id)") }
            return Reply.json(page.json())
        }
    }

    static func entityID(_ context: BasicRequestContext) throws -> Int { try StoriesAPI.pathNumber(context, naming: "an entity id") }
}

/// `GET /health`: whether the desk is ready to ingest, and what the store holds.
struct HealthAPI {
    let desk: StoryDesk

    func add(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in
            let stats = try desk.store.stats()
            var json = JSONWriter()
            json.beginObject()
            json.field("status", desk.isReady ? "ok" : "replaying")
            json.key("articles"); json.value(stats.articles)
            json.key("stories"); json.value(stats.stories)
            json.key("entities"); json.value(stats.entities)
            json.key("store_bytes"); json.value(Int(stats.bytes))
            json.key("stale_digests"); json.value(desk.isReady ? desk.staleStories.count : -1)
            json.key("stale_in_store"); json.value(try desk.store.staleStoryIDs().count)
            json.key("queued"); json.value(try desk.store.queueStatus().depth)
            json.endObject()
            return Reply.json(json.string)
        }
    }
}
