import Foundation
@testable import Khabar
import KhabarSQLite

/// A desk over a fresh SQLite file in a temporary folder, and small articles to feed it.
struct TemporaryDesk {
    let folder: URL
    var path: String { folder.appendingPathComponent("khabar.db").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func open() throws -> StoryDesk {
        let desk = StoryDesk(store: try SQLiteStore(path: path))
        desk.waitUntilReady()
        return desk
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    static func article(_ id: String, title: String, outlet: String = "وكالة الاختبار",
                        published: String = "2023-09-13T08:00:00Z", body: String) -> ReadOutcome {
        .success(RawArticle(id: id, source: .url("https://example.com/\(id)"), kind: .jsonLines, text: body,
                            hints: MetadataHints(title: title, outlet: outlet, published: PublishedDate(parsing: published))))
    }
}
