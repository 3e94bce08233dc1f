import Foundation
import Testing
@testable import Khabar
import KhabarSQLite

/// A desk exported and imported into a fresh store (what moving it to PostgreSQL does) is the
/// same desk: the same articles in the same stories, the same headlines, the same search answers.
@Suite("Desk export and import")
struct DeskTransferTests {
    /// The search fixtures, a re-post of a1's text under another id, and an article a month later,
    /// ingested in three batches with digests made between them (as a live desk does).
    static func sourceDesk(_ temporary: TemporaryDesk) throws -> StoryDesk {
        let desk = try temporary.open()
        guard case .success(var repost) = SearchTests.articles[0] else { throw StoreError("fixture") }
        repost.id = "a1-repost"
        let batches: [[ReadOutcome]] = [Array(SearchTests.articles.prefix(2)), Array(SearchTests.articles.dropFirst(2)) + [.success(repost)],
                                        [TemporaryDesk.monthLater]]
        for batch in batches {
            #expect(desk.ingest(batch).allSatisfy { !$0.isFailure })
            desk.refreshDigests()
        }
        return desk
    }

    static func export(_ desk: StoryDesk, to path: String) throws -> Int {
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        return try StoreExport.write(desk.store, to: handle)
    }

    struct Placement: Equatable {
        var seq: Int64, id: String, story: Int, duplicateOf: String?, sameAs: String?, received: Double
    }

    static func placements(_ store: any StoryStore) throws -> [Placement] {
        var all: [Placement] = []
        try store.forEachArticle {
            all.append(Placement(seq: $0.seq, id: $0.article.id, story: $0.story, duplicateOf: $0.duplicateOf, sameAs: $0.sameAs, received: $0.received))
        }
        return all
    }

    /// From SQLite into SQLite, and into PostgreSQL (moving a desk to a server).
    @Test(arguments: StoreKind.available)
    func anImportedDeskIsTheSameDesk(_ targetKind: StoreKind) throws {
        let source = try TemporaryDesk(), target = try TemporaryDesk(targetKind)
        defer { source.remove(); target.remove() }
        let old = try Self.sourceDesk(source)
        let file = source.folder.appendingPathComponent("export.jsonl").path
        #expect(try Self.export(old, to: file) == 6)

        // The documented line shape.
        let firstLine = try #require(String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first)
        #expect(firstLine.hasPrefix("{\"seq\":1,\"received\":"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["seq", "received", "story", "article"])
        #expect((object["article"] as? [String: Any])?["id"] as? String == "a1")

        let new = try target.open()
        var errors: [String] = []
        var progressed = 0
        // Small batches: the import's batching must not change where articles land.
        let importer = StoreImporter(desk: new, batchSize: 2, onError: { errors.append($0) }, progress: { progressed = $0 })
        try importer.read(path: file)
        let summary = importer.finish()
        #expect(errors.isEmpty, "\(errors)")
        #expect(summary == StoreImporter.Summary(stored: 6, sameText: 1, alreadyStored: 0, failed: 0))
        #expect(progressed == 6)

        let before = try Self.placements(old.store), after = try Self.placements(new.store)
        #expect(before.count == 6)
        #expect(after == before, "same arrival order, stories, duplicates, re-posts and arrival times")
        let members = Dictionary(grouping: after, by: \.story).mapValues { Set($0.map(\.id)) }
        #expect(members.count >= 3, "the fixtures make several stories: \(members)")
        #expect(members[after[0].story] == ["a1", "a2", "a1-repost"])

        #expect(new.staleStories.isEmpty, "every digest made")
        for story in members.keys.sorted() {
            let was = try #require(try old.store.story(id: story)), now = try #require(try new.store.story(id: story))
            #expect(now.digestJSON != nil)
            #expect(now.headline == was.headline && !now.headline.isEmpty, "story \(story)")
            #expect(now.articleCount == was.articleCount && now.outlets == was.outlets)
        }
        for words in ["بوتين", "بوتن", "شويغو", "أسعار النفط", "الذهب", "والرئيس"] {
            let was = try old.store.search(SearchQuery(text: words)), now = try new.store.search(SearchQuery(text: words))
            #expect(!was.hits.isEmpty, "\(words) finds something")
            #expect(now.total == was.total, "\(words)")
            #expect(now.hits.map(\.story.id) == was.hits.map(\.story.id), "\(words)")
            #expect(now.hits.map(\.articles) == was.hits.map(\.articles), "\(words)")
            #expect(now.hits.map(\.score) == was.hits.map(\.score) && now.hits.map(\.snippets) == was.hits.map(\.snippets), "\(words)")
        }
    }

    /// Bad lines are named by file and line and skipped; importing the same export again into a
    /// store that has it stores nothing.
    @Test func badLinesAreReportedAndTheRestImported() throws {
        let source = try TemporaryDesk(), target = try TemporaryDesk()
        defer { source.remove(); target.remove() }
        let file = source.folder.appendingPathComponent("export.jsonl").path
        _ = try Self.export(try Self.sourceDesk(source), to: file)
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.insert("{\"seq\": 99, \"story\": 0, \"article\": {\"id\": \"x\"", at: 2)                    // line 3: cut short
        lines.insert("{\"seq\": 98, \"story\": 0, \"article\": " + #"{"id": "y"}"# + "}", at: 4) // line 5: no "received"
        lines.insert("", at: 6)                                                                                // blank: skipped
        let edited = source.folder.appendingPathComponent("edited.jsonl").path
        try (lines.joined(separator: "\r\n")).write(toFile: edited, atomically: true, encoding: .utf8)

        let desk = try target.open()
        var errors: [String] = []
        let importer = StoreImporter(desk: desk, onError: { errors.append($0) })
        try importer.read(path: edited)
        let summary = importer.finish()
        #expect(summary == StoreImporter.Summary(stored: 6, sameText: 1, alreadyStored: 0, failed: 2))
        #expect(errors.count == 2)
        #expect(errors.first?.hasPrefix("\(edited):3: not an exported article: not valid JSON") == true, "\(errors)")
        #expect(errors.last?.hasPrefix("\(edited):5: not an exported article: missing field \"received\"") == true, "\(errors)")

        let again = StoreImporter(desk: desk)
        try again.read(path: file)
        #expect(again.finish() == StoreImporter.Summary(stored: 0, sameText: 0, alreadyStored: 6, failed: 0))
        #expect(try desk.store.stats().articles == 6)

        #expect(throws: InputError.self) { try StoreImporter(desk: desk).read(path: source.folder.appendingPathComponent("missing.jsonl").path) }
    }
}
