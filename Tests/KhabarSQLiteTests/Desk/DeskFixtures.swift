import Foundation
import Testing
@testable import Khabar
import KhabarPostgres
import KhabarSQLite

/// The stores the store, search and desk tests run on: SQLite always; PostgreSQL when a server
/// answers at `KHABAR_TEST_POSTGRES` (default: the one `scripts/postgres.sh` starts). Without one
/// the PostgreSQL cases are left out with a printed notice, unless `KHABAR_REQUIRE_SHARED=1`
/// (CI), where they run and fail.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    var description: String { rawValue }

    static let postgresURL = ProcessInfo.processInfo.environment["KHABAR_TEST_POSTGRES"]
        ?? "postgresql://khabar:khabar@127.0.0.1:5432/khabar"

    static let available: [StoreKind] = {
        if ProcessInfo.processInfo.environment["KHABAR_REQUIRE_SHARED"] == "1" { return allCases }
        do {
            let probe = try PostgresStore(url: postgresURL + "?schema=khabar_probe_\(ProcessInfo.processInfo.processIdentifier)")
            try probe.dropSchema()
            return allCases
        } catch {
            print("skipping: the PostgreSQL cases of the store tests (no server at \(postgresURL): \(error); scripts/postgres.sh starts one)")
            return [.sqlite]
        }
    }()
}

/// A desk over a fresh store: a SQLite file in a temporary folder, or a schema of its own in the
/// test database (dropped by `remove`). Small articles to feed it.
struct TemporaryDesk {
    let kind: StoreKind
    let folder: URL
    let schema: String
    var path: String { folder.appendingPathComponent("khabar.db").path }
    var postgresURL: String { StoreKind.postgresURL + "?schema=\(schema)" }

    init(_ kind: StoreKind = .sqlite) throws {
        self.kind = kind
        let name = UUID().uuidString
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-desk-\(name)")
        schema = "khabar_test_" + name.lowercased().replacingOccurrences(of: "-", with: "_")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A store over the same file or schema each time (a restart opens it again).
    func store() throws -> any StoryStore {
        switch kind {
        case .sqlite: try SQLiteStore(path: path)
        case .postgres: try PostgresStore(url: postgresURL)
        }
    }

    func open() throws -> StoryDesk {
        let desk = StoryDesk(store: try store())
        desk.waitUntilReady()
        return desk
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
        if kind == .postgres { try? PostgresStore(url: postgresURL).dropSchema() }
    }

    /// A desk that looks for stories to close after every placement (the live-window tests).
    func openClosingEveryPlacement() throws -> StoryDesk {
        var options = StoryDesk.Options()
        options.closeCheckEvery = 1
        return StoryDesk(store: try store(), options: options)
    }

    /// An article five weeks after the search fixtures: it leaves their stories behind the live window.
    static let monthLater = article("late", title: "أسعار الذهب تتراجع", published: "2023-10-20T10:00:00Z",
                                    body: "تراجعت أسعار الذهب في الأسواق العالمية بعد بيانات اقتصادية أمريكية قوية، وقال متعاملون إن الدولار ارتفع.")

    static func article(_ id: String, title: String, outlet: String = "وكالة الاختبار",
                        published: String = "2023-09-13T08:00:00Z", body: String) -> ReadOutcome {
        .success(RawArticle(id: id, source: .url("https://example.com/\(id)"), kind: .jsonLines, text: body,
                            hints: MetadataHints(title: title, outlet: outlet, published: PublishedDate(parsing: published))))
    }
}
