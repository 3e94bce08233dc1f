import Foundation
import Testing
@testable import Khabar
import KhabarSQLite

/// The desk against the batch on the stories-dev window: articles one at a time into a real
/// SQLite store, with the desk closed and reopened three times along the way (a restart replays
/// the store), give the same stories as `khabar cluster` and the same digests as `khabar digest`.
/// (`scripts/desk-replay.sh` does the same over HTTP with `kill -9`.)
@Suite("Desk replay end to end")
struct DeskReplayTests {
    @Test func oneAtATimeWithRestartsGivesTheBatchStoriesAndDigests() throws {
        guard let articles = SharedData.locate("data/stories-dev/d1-articles.jsonl") else { return }
        var tracker = StoryTracker()
        let batch = Pipeline(jobs: 2).digest(paths: [articles.path], tracker: &tracker, onError: { error in
            Issue.record("\(error.input): \(error.message)")
        })
        let inputs = InputReader().readAll(paths: [articles.path])
        #expect(inputs.count == 375)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("khabar.db").path
        var desk = StoryDesk(store: try SQLiteStore(path: path))
        for (i, input) in inputs.enumerated() {
            if [90, 200, 333].contains(i) {
                desk.refreshDigests()
                desk = StoryDesk(store: try SQLiteStore(path: path))
            }
            let outcome = desk.ingest([input])
            #expect(!outcome[0].isFailure, "\(outcome)")
            if i % 50 == 49 { desk.refreshDigests() }
        }
        desk.refreshDigests()

        let expected = tracker.assignments()
        var same = 0
        for assignment in expected {
            let stored = try #require(try desk.store.article(id: assignment.article))
            if stored.story == assignment.story && stored.duplicateOf == assignment.duplicateOf { same += 1 }
        }
        #expect(same == expected.count, "every article in the batch's story, with the batch's duplicate_of")

        let views = DeskViews(store: desk.store)
        var sameDigests = 0
        for story in batch.stories {
            var json = JSONWriter()
            var withoutImportance = story
            withoutImportance.importance = 0
            withoutImportance.write(to: &json)
            var stored = try #require(try views.storyPage(id: story.id)?.digest)
            stored.importance = 0
            var storedJSON = JSONWriter()
            stored.write(to: &storedJSON)
            if storedJSON.string == json.string { sameDigests += 1 } else { Issue.record("story \(story.id): the digest differs from the batch's") }
        }
        #expect(sameDigests == batch.stories.count)
    }
}
