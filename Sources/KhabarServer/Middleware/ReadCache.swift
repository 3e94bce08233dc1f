import Foundation
import Hummingbird
import Khabar
import NIOCore

/// Keeps the bodies of successful reads (pages, API answers, feeds) until the desk changes: a
/// story page hit a thousand times between two ingests is made once. Keyed by the whole URI;
/// emptied whenever `StoryDesk.generation` moves, and bounded in entries.
final class ReadCache: @unchecked Sendable {
    let maxEntries: Int
    private let lock = NSLock()
    private var generation = -1
    private var entries: [String: (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer)] = [:]

    init(maxEntries: Int = 512) { self.maxEntries = maxEntries }

    func lookup(_ key: String, generation now: Int) -> Response? {
        lock.withLock {
            if generation != now {
                entries.removeAll(keepingCapacity: true)
                generation = now
                return nil
            }
            return entries[key].map { Response(status: $0.status, headers: $0.headers, body: .init(byteBuffer: $0.body)) }
        }
    }

    func store(_ key: String, generation now: Int, status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        lock.withLock {
            guard generation == now else { return }
            if entries.count >= maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[key] = (status, headers, body)
        }
    }
}

struct ReadCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: ReadCache
    let desk: StoryDesk
    /// Bodies larger than this are not kept (the entry bound then bounds memory).
    let maxBodyBytes = 2 << 20

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // /health and /metrics report the desk's live state: never cached.
        guard request.method == .get, !["/health", "/metrics"].contains(request.uri.path) else { return try await next(request, context) }
        let key = request.uri.description
        let generation = desk.generation
        if let cached = cache.lookup(key, generation: generation) { return cached }
        var response = try await next(request, context)
        guard response.status == .ok, let length = response.body.contentLength, length <= maxBodyBytes else { return response }
        // Every route answers with one buffer (`Reply`): the body is kept as it goes out, when
        // that one buffer is the whole of it.
        let (status, headers, cache) = (response.status, response.headers, self.cache)
        response.body = response.body.map { buffer in
            if buffer.readableBytes == length { cache.store(key, generation: generation, status: status, headers: headers, body: buffer) }
            return buffer
        }
        return response
    }
}
