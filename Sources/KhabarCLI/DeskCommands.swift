import ArgumentParser
import Foundation
import Khabar
import KhabarServer
import ServiceLifecycle

/// Options of the commands that open the desk's store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The desk's store: a SQLite file (created when missing), or a PostgreSQL URL.",
                                            discussion: "postgresql://USER:PASSWORD@HOST:PORT/DATABASE[?schema=NAME]; several khabar serve processes may share one."))
    var db: String = "khabar.db"

    func open() throws -> any StoryStore {
        do {
            return try openStore(db)
        } catch {
            throw CommandError("\(error)")
        }
    }

    /// For commands that only read: a file that is not there is an error, not a new empty store.
    func openExisting() throws -> any StoryStore {
        if !db.contains("://"), !FileManager.default.fileExists(atPath: db) { throw CommandError("\(db): no such store") }
        return try open()
    }
}

struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add articles to the desk's store: placed into stories, digests made.",
        discussion: """
        Reads the inputs as every command does and places each article as `khabar serve` would: the \
        same article (same id, or same normalised text) is stored once. Prints one line per article: \
        {"id", "status": "stored"|"already_stored"|"failed", "story", "duplicate_of"}; the touched \
        stories' digests are made before it exits. Exit status: 0 all stored, 1 some inputs failed.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Make the touched stories' digests after every N articles (and at the end).",
                               discussion: "Lower keeps story pages fresher during a long ingest; each refresh costs time.",
                               valueName: "N"))
    var digestEvery = 10_000

    func validate() throws {
        guard digestEvery > 0 else { throw ValidationError("--digest-every must be at least 1") }
    }

    func run() throws {
        _ = input.pipeline() // logging set-up
        let desk = StoryDesk(store: try store.open(), reader: InputReader(maxArticleBytes: input.maxArticleSize << 20))
        desk.waitUntilReady()
        var pending: [ReadOutcome] = []
        var failures = 0
        var progress = Progress(label: "ingesting", enabled: !input.quiet)
        func flush() {
            for outcome in desk.ingest(pending) {
                Console.out(Self.line(outcome) + "\n")
                switch outcome {
                case .failed(let id, let message), .notStored(let id, let message):
                    failures += 1
                    progress.clearLine()
                    // Reader errors already name their input ("file:line: …").
                    Console.error(id.map { "\($0): \(message)" } ?? message)
                default:
                    break
                }
                progress.tick()
            }
            pending.removeAll(keepingCapacity: true)
        }
        var sinceDigests = 0
        desk.reader.read(paths: input.paths) { outcome in
            pending.append(outcome)
            if pending.count >= 256 {
                flush()
                // Digests along the way, so that stories a long backfill leaves behind can close
                // and leave memory.
                sinceDigests += 256
                if sinceDigests >= digestEvery { desk.refreshDigests(); sinceDigests = 0 }
            }
        }
        flush()
        progress.finish()
        desk.refreshDigests()
        Console.flush()
        if failures > 0 { throw ExitCode(1) }
    }

    static func line(_ outcome: IngestOutcome) -> String {
        var json = JSONWriter()
        json.beginObject()
        switch outcome {
        case .stored(let id, let story, let duplicateOf):
            json.field("id", id); json.field("status", "stored")
            json.key("story"); json.value(story)
            json.field("duplicate_of", duplicateOf)
        case .alreadyStored(let id, let story):
            json.field("id", id); json.field("status", "already_stored")
            json.key("story"); json.value(story)
        case .sameText(let id, let sameAs, let story):
            json.field("id", id); json.field("status", "same_text")
            json.key("story"); json.value(story)
            json.field("same_as", sameAs)
        case .failed(let id, let message), .notStored(let id, let message):
            json.field("id", id); json.field("status", "failed")
            json.field("error", message)
        }
        json.endObject()
        return json.string
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the story desk: JSON API, web pages, Atom feeds, feed polling.",
        discussion: """
        Serves the store at http://HOST:PORT/ (pages) and /api/… (JSON; the OpenAPI document is at \
        /api/openapi.json). Writes (POST /api/articles) need --token or KHABAR_TOKEN; reads are open \
        unless --read-token is set. Reads are served at once after a restart; ingest waits until the \
        stored articles have been replayed.
        """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "Bearer token for writes (default: $KHABAR_TOKEN).")
    var token: String?

    @Option(help: "Bearer token for reads (default: reads are open).")
    var readToken: String?

    @Option(help: "Feeds to poll: one RSS/Atom URL per line, or an OPML file.")
    var feeds: String?

    @Option(help: "Seconds between polls of each feed.")
    var pollInterval: Double = 300

    @Option(help: "Largest request body, in MB.")
    var maxBodySize = 16

    @Option(help: "Seconds between a story changing and its digest being remade (the least wait; it grows under load).")
    var digestDelay = 1.0

    @OptionGroup(title: "Logging (-v: every request and ingest; -q: errors only)") var verbosity: VerbosityOptions

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1–65535") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive") }
        guard pollInterval >= 1 else { throw ValidationError("--poll-interval must be at least 1 second") }
        guard digestDelay >= 0 else { throw ValidationError("--digest-delay must not be negative") }
    }

    func run() async throws {
        verbosity.bootstrap(level: .info)
        let desk = StoryDesk(store: try store.open())
        var options = DeskServer.Options()
        options.host = host
        options.port = port
        options.token = token ?? ProcessInfo.processInfo.environment["KHABAR_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        options.readToken = readToken
        options.maxBodyBytes = maxBodySize << 20
        options.digestDelay = digestDelay
        let server = DeskServer(desk: desk, options: options)
        var services: [any Service] = []
        if let feeds {
            let list: [String]
            do { list = try FeedList.read(path: feeds) } catch { throw CommandError("\(feeds): \(error)") }
            services.append(FeedPoller(feeds: list, desk: desk, refresher: server.refresher, metrics: server.metrics, interval: pollInterval))
        }
        if !verbosity.quiet { Console.error("serving \(storeName(store.db)) at http://\(host):\(port)/" + (options.token == nil ? " (read-only: no --token)" : "")) }
        try await server.run(services: services)
    }
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the desk's store: stories matching words in any spelling.",
        discussion: """
        The same search as /api/search and the search page: Khabar's normalisation and clitic \
        folding (والرئيس = الرئيس = رئيس), names across the spellings the entity catalog merged \
        (بوتن finds بوتين). Any text is a valid query. Prints {"stories": [{"id", "headline", \
        "score", "articles", "snippets"}], "total", "terms", "expanded"}.
        """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The words to look for.")
    var words: [String]

    @Option(help: "Stories to print (1–100).")
    var limit = 20

    @Option(help: "Stories to skip (the next page).")
    var offset = 0

    @Option(help: "Only this outlet's articles.")
    var outlet: String?

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be 1–100") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
    }

    func run() throws {
        verbosity.bootstrap()
        let results = try store.openExisting().search(SearchQuery(text: words.joined(separator: " "), outlet: outlet, limit: limit, offset: offset))
        Console.out(results.json() + "\n")
        Console.flush()
    }
}
