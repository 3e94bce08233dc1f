import Foundation
import Hummingbird
import Khabar
import Prometheus

/// What `/metrics` reports, in the Prometheus text format. Counters and the request histogram
/// are kept as things happen; the gauges are read from the desk and its store at scrape time
/// (`stats()` and `queueStatus()` are cheap: counts the store keeps, not scans).
public final class DeskMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let ingested: [String: Counter]
    private let digestLag: Gauge
    private let queueDepth: Gauge
    private let queueOldest: Gauge
    private let storeArticles: Gauge
    private let storeStories: Gauge
    private let placedArticles: Gauge
    private let placingSeconds: Gauge

    /// Every outcome an ingest can have: each is reported from the start, 0 until it happens.
    static let outcomes = ["stored", "already_stored", "same_text", "failed", "not_stored"]
    /// Seconds: from a cached page (well under a millisecond) to a large batch ingest.
    static let durationBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    // Computed: the library's descriptor is not Sendable, so it cannot be a shared constant.
    static var ingestedName: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "khabar", metricName: "articles_ingested", unitName: "total",
                             helpText: "Articles sent to the desk (API and feeds), by what became of them")
    }
    static var durationName: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "khabar", metricName: "http_request_duration", unitName: "seconds",
                             helpText: "Time to answer a request, by method, route pattern and status class")
    }

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func gauge(_ name: String, unit: String = "", _ help: String) -> Gauge {
            registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "khabar", metricName: name, unitName: unit, helpText: help))
        }
        var ingested: [String: Counter] = [:]
        for outcome in Self.outcomes {
            ingested[outcome] = registry.makeCounter(descriptor: Self.ingestedName, labels: [("outcome", outcome)])
        }
        self.ingested = ingested
        digestLag = gauge("digest_lag", unit: "seconds", "Seconds since the oldest story change not yet in a digest (0: all digests current)")
        queueDepth = gauge("queue_depth", "Articles accepted but not yet placed into stories")
        queueOldest = gauge("queue_oldest", unit: "seconds", "How long the oldest queued article has waited (0: queue empty)")
        storeArticles = gauge("store_articles", "Articles in the store")
        storeStories = gauge("store_stories", "Stories in the store")
        // Gauges that only grow (the desk keeps the totals): rate() of them works as of counters.
        placedArticles = gauge("placed_articles", unit: "total", "Articles this worker placed into stories (in memory and store)")
        placingSeconds = gauge("placing", unit: "seconds_total",
                               "Seconds this worker spent placing (the serial part of ingest; near 1 per second: the placer is the limit)")
    }

    /// Counts what came back from one ingest.
    public func count(_ outcomes: [IngestOutcome]) {
        for outcome in outcomes { ingested[Self.label(outcome)]?.increment() }
    }

    static func label(_ outcome: IngestOutcome) -> String {
        switch outcome {
        case .stored: "stored"
        case .alreadyStored: "already_stored"
        case .sameText: "same_text"
        case .failed: "failed"
        case .notStored: "not_stored"
        }
    }

    /// Records one answered request. `route` is the pattern the router matched
    /// (`/api/stories/{id}`), never the path asked for: one series per route, however many ids.
    func observe(method: String, route: String, status: Int, seconds: Double) {
        let statusClass = (100...599).contains(status) ? "\(status / 100)xx" : "other"
        registry.makeValueHistogram(descriptor: Self.durationName,
                                    labels: [("method", method), ("route", route), ("status", statusClass)],
                                    buckets: Self.durationBuckets)
            .record(seconds)
    }

    /// The exposition text, with the gauges read now.
    public func render(desk: StoryDesk, refresher: DigestRefresher) throws -> String {
        let stats = try desk.store.stats()
        let queue = try desk.store.queueStatus()
        storeArticles.set(Double(stats.articles))
        storeStories.set(Double(stats.stories))
        queueDepth.set(Double(queue.depth))
        queueOldest.set(queue.oldestSeconds ?? 0)
        digestLag.set(refresher.lagSeconds)
        let placing = desk.placingTotals
        placedArticles.set(Double(placing.articles))
        placingSeconds.set(placing.seconds)
        return registry.emitToString()
    }
}

/// Times every request of the routes it wraps into `khabar_http_request_duration_seconds`.
/// Added first, so it sees the answer the client gets (errors already turned into responses).
/// The time is taken when the handler has answered: every route answers with one buffer.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: DeskMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        // Only routes the router matched get here, so the pattern is one of a fixed few.
        let route = context.endpointPath ?? "unmatched"
        func observe(_ status: HTTPResponse.Status) {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            metrics.observe(method: request.method.rawValue, route: route, status: status.code, seconds: seconds)
        }
        do {
            let response = try await next(request, context)
            observe(response.status)
            return response
        } catch {
            observe((error as? any HTTPResponseError)?.status ?? .internalServerError)
            throw error
        }
    }
}

/// `GET /metrics`: read like any page (the read token applies), never cached.
struct MetricsAPI {
    let metrics: DeskMetrics
    let desk: StoryDesk
    let refresher: DigestRefresher

    func add(to router: Router<BasicRequestContext>) {
        router.get("/metrics") { _, _ in
            let text = try metrics.render(desk: desk, refresher: refresher)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
