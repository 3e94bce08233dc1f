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

    /// A desk that looks for stories to close after every placement (the live-window tests).
    func openClosingEveryPlacement() throws -> StoryDesk {
        var options = StoryDesk.Options()
        options.closeCheckEvery = 1
        return StoryDesk(store: try SQLiteStore(path: path), options: options)
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
