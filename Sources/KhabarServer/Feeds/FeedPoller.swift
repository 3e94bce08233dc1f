import AsyncHTTPClient
import Foundation
import Khabar
import Logging
import NIOCore

import ServiceLifecycle

/// Polls RSS/Atom feeds and ingests each new item: conditional GET (ETag, Last-Modified), at most
/// one request a second per host, failed feeds retried with growing back-off. A new item's page is
/// fetched and read as an HTML page; when the page cannot be had, the item's own text is used.
public final class FeedPoller: Service, @unchecked Sendable {
    public let feeds: [String]
    let desk: StoryDesk
    let refresher: DigestRefresher
    /// Where its ingests are counted (the server's `/metrics`), if anywhere.
    let metrics: DeskMetrics?
    let interval: Double
    /// Seconds a host waits between two requests.
    let hostGap: Double
    let timeout: TimeAmount
    let maxBytes = 16 << 20
    let client: HTTPClient
    static let logger = Logger(label: "khabar.feeds")

    private let lock = NSLock()
    private var states: [String: FeedState] = [:]
    private var lastRequest: [String: Date] = [:]

    /// What happened to a feed so far (also what `report()` returns).
    public struct FeedState: Sendable {
        public var etag: String?
        public var lastModified: String?
        public var seen = Set<String>()
        public var polls = 0
        public var notModified = 0
        public var failures = 0
        public var consecutiveFailures = 0
        public var lastError: String?
        public var ingested = 0
        public var nextPoll = Date.distantPast
    }

    public init(feeds: [String], desk: StoryDesk, refresher: DigestRefresher, metrics: DeskMetrics? = nil,
                interval: Double = 300, hostGap: Double = 1.0, timeout: TimeAmount = .seconds(15)) {
        self.feeds = feeds
        self.desk = desk
        self.refresher = refresher
        self.metrics = metrics
        self.interval = interval
        self.hostGap = hostGap
        self.timeout = timeout
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.timeout = .init(connect: .seconds(10), read: timeout)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        for feed in feeds { states[feed] = FeedState() }
    }

    deinit { try? client.syncShutdown() }

    public func report() -> [String: FeedState] {
        lock.withLock { states }
    }

    /// Polls until the service is shut down.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await pollDue()
            try? await Task.sleep(for: .milliseconds(500))
        }
        try await client.shutdown()
    }

    /// Polls every feed whose time has come (all of them the first time); returns when done.
    public func pollDue(now: Date = Date()) async {
        for feed in feeds where (report()[feed]?.nextPoll ?? .distantPast) <= now {
            await poll(feed)
        }
    }

    /// One poll of one feed: fetch (conditionally), parse, ingest new items.
    public func poll(_ feedURL: String) async {
        var state = report()[feedURL] ?? FeedState()
        state.polls += 1
        do {
            var headers: [(String, String)] = []
            if let etag = state.etag { headers.append(("If-None-Match", etag)) }
            if let modified = state.lastModified { headers.append(("If-Modified-Since", modified)) }
            let response = try await fetch(feedURL, headers: headers)
            switch response.status {
            case 304:
                state.notModified += 1
            case 200..<300:
                let feed = try FeedParser.parse(data: response.body, baseURL: feedURL)
                // The validators only once the body has been read: a broken answer's ETag would
                // turn every later poll into a 304 and the feed's items would never be read.
                state.etag = response.headers["etag"] ?? state.etag
                state.lastModified = response.headers["last-modified"] ?? state.lastModified
                state.ingested += await ingestNew(feed, feedURL: feedURL, seen: &state.seen)
            default:
                throw FeedFetchError("\(feedURL) answered HTTP \(response.status)")
            }
            state.consecutiveFailures = 0
            state.lastError = nil
            state.nextPoll = Date().addingTimeInterval(interval)
        } catch {
            state.failures += 1
            state.consecutiveFailures += 1
            state.lastError = "\(error)"
            // Back-off: 5 s, 10 s, 20 s … up to the poll interval.
            let wait = min(interval, 5 * pow(2, Double(state.consecutiveFailures - 1)))
            state.nextPoll = Date().addingTimeInterval(wait)
            Self.logger.warning("feed \(feedURL): \(error); retrying in \(Int(wait)) s")
        }
        lock.withLock { states[feedURL] = state }
    }

    /// Fetches each item not seen before (its page, else its own text) and ingests them together.
    private func ingestNew(_ feed: Feed, feedURL: String, seen: inout Set<String>) async -> Int {
        var inputs: [ReadOutcome] = []
        var keys: [String] = []
        for item in feed.items {
            guard let key = item.id ?? item.link, !seen.contains(key) else { continue }
            let id = Self.articleID(forItem: key)
            if (try? desk.store.article(id: id)) != nil { seen.insert(key); continue }
            if let link = item.link, link.hasPrefix("http"), let page = try? await fetch(link, headers: []),
               (200..<300).contains(page.status) {
                var read: [ReadOutcome] = []
                desk.reader.read(data: page.body, name: "page.html", id: id) { read.append($0) }
                if case .success(var raw)? = read.first, read.count == 1 {
                    raw.source = .url(link)
                    raw.hints.url = link
                    // The feed's headline is the editor's own; a page's <title> often carries the site name.
                    raw.hints.title = item.title ?? raw.hints.title
                    raw.hints.published = raw.hints.published ?? item.published
                    raw.hints.outlet = raw.hints.outlet ?? feed.title
                    inputs.append(.success(raw))
                    keys.append(key)
                    continue
                }
            }
            do {
                inputs.append(.success(try item.rawArticle(id: id, feed: feed)))
                keys.append(key)
            } catch {
                Self.logger.warning("feed \(feedURL): item \(key) has no usable text: \(error)")
                seen.insert(key)
            }
        }
        guard !inputs.isEmpty else { return 0 }
        let outcomes = await desk.ingestInBackground(inputs)
        metrics?.count(outcomes)
        var stored = 0
        for (key, outcome) in zip(keys, outcomes) {
            switch outcome {
            case .stored: stored += 1; seen.insert(key)
            case .alreadyStored, .sameText: seen.insert(key)
            case .failed(_, let message), .notStored(_, let message): Self.logger.warning("feed \(feedURL): item \(key) not stored: \(message)")
            }
        }
        refresher.storiesChanged()
        return stored
    }

    /// A feed item's article id, from its guid (or link): the same item from any poll, or any
    /// feed that carries it, is the same article.
    static func articleID(forItem key: String) -> String { "feed-" + TermHash.hex(key) }

    struct Fetched: Sendable {
        var status: UInt
        /// Header names in lower case (HTTP names are case-insensitive; HTTP/2 sends them lower-case).
        var headers: [String: String]
        var body: Data
    }

    /// One GET, waiting first so that a host gets at most one request per `hostGap`. The whole
    /// answer, body included, must come within `timeout`: a server trickling bytes slowly would
    /// otherwise hold the poller (the client's own deadline and read timeout do not cover that).
    private func fetch(_ url: String, headers: [(String, String)]) async throws -> Fetched {
        let host = URL(string: url)?.host ?? url
        let wait: Double = lock.withLock {
            let now = Date()
            let next = max(now, (lastRequest[host] ?? .distantPast).addingTimeInterval(hostGap))
            lastRequest[host] = next
            return next.timeIntervalSince(now)
        }
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "Khabar/0.2 (story desk; feed poller)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let (client, timeout, maxBytes, finished) = (self.client, self.timeout, self.maxBytes, request)
        return try await withThrowingTaskGroup(of: Fetched?.self) { group in
            group.addTask {
                let response = try await client.execute(finished, timeout: timeout)
                let body = try await response.body.collect(upTo: maxBytes)
                var fields: [String: String] = [:]
                for header in response.headers { fields[header.name.lowercased()] = header.value }
                return Fetched(status: response.status.code, headers: fields, body: Data(buffer: body))
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, timeout.nanoseconds)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let fetched = first else {
                throw FeedFetchError("\(url) did not answer in full within \(Double(timeout.nanoseconds) / 1e9) s")
            }
            return fetched
        }
    }

}

struct FeedFetchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

