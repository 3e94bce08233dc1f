import Foundation
import Hummingbird
import Khabar
import Logging
import ServiceLifecycle

/// The story desk over HTTP: the JSON API, the pages and the Atom feeds, wired to one `StoryDesk`.
/// Routes hold no logic and no SQL: they parse the request, ask the library, and render.
public struct DeskServer: Sendable {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Bearer token for writes; without one the server accepts no writes.
        public var token: String?
        /// Bearer token for reads; without one reads are open.
        public var readToken: String?
        /// Largest request body accepted (413 above it).
        public var maxBodyBytes = 16 << 20
        /// Seconds between a story changing and its digest being remade.
        public var digestDelay = 1.0
        public init() {}
    }

    public let desk: StoryDesk
    public let refresher: DigestRefresher
    public let options: Options
    /// What `/metrics` reports; the feed poller counts its ingests here too.
    public let metrics: DeskMetrics

    public init(desk: StoryDesk, options: Options = Options()) {
        self.desk = desk
        self.options = options
        self.refresher = DigestRefresher(desk: desk, delay: options.digestDelay)
        self.metrics = DeskMetrics()
    }

    /// Every route of the desk.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: TokenMiddleware(writeToken: options.token, readToken: options.readToken))
        router.add(middleware: ReadCacheMiddleware(cache: ReadCache(), desk: desk))
        router.add(middleware: BlockingReadsMiddleware(executor: Self.readExecutor))
        let views = DeskViews(store: desk.store)
        let base = "http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(options.port)"
        ArticlesAPI(desk: desk, refresher: refresher, metrics: metrics, maxBodyBytes: options.maxBodyBytes).add(to: router)
        StoriesAPI(views: views).add(to: router)
        SearchAPI(views: views).add(to: router)
        EntitiesAPI(views: views).add(to: router)
        HealthAPI(desk: desk).add(to: router)
        MetricsAPI(metrics: metrics, desk: desk, refresher: refresher).add(to: router)
        AtomFeeds(views: views, baseURL: base).add(to: router)
        Pages(views: views).add(to: router)
        router.get("/api/openapi.json") { _, _ in Reply.json(Self.openAPI) }
        return router
    }

    /// The HTTP application; `services` (the feed poller) run beside the server and stop with it.
    public func application(services: [any Service] = [], logger: Logger = Logger(label: "khabar.server")) -> some ApplicationProtocol {
        Application(responder: router().buildResponder(),
                    configuration: .init(address: .hostname(options.host, port: options.port), serverName: "khabar"),
                    services: services, logger: logger)
    }

    /// Serves until the process is stopped (SIGINT/SIGTERM); the digests due are written before it exits.
    public func run(services: [any Service] = []) async throws {
        try await application(services: services).runService()
        refresher.flush()
    }

    /// One for the process: its threads live as long as it does.
    static let readExecutor = BlockingReadExecutor(threads: 16)

    static let openAPI: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "{}" }
        return text
    }()
}
