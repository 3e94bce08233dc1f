import Foundation
import Testing
@testable import Khabar

/// `khabar digest --format json` digests each story as soon as it can change no more and keeps
/// it in a temporary file: the document must be the one made with every article held to the end.
@Suite("Spilled digest")
struct SpilledDigestTests {
    /// The first 150 stories-dev articles (two days) three times, each replay ten days after the
    /// one before (ids suffixed), so that the first replays' stories leave the 7-day window while
    /// their importance, which decays over days, is still above zero.
    static func replays() throws -> URL? {
        guard let d1 = SharedData.locate("data/stories-dev/d1-articles.jsonl") else { return nil }
        let lines = try String(contentsOf: d1, encoding: .utf8).split(separator: "\n").prefix(150)
        let rfc822 = DateFormatter()
        rfc822.locale = Locale(identifier: "en_US_POSIX")
        rfc822.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        let iso = ISO8601DateFormatter()
        var out = ""
        for replay in 0..<3 {
            for line in lines {
                let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
                var object = try #require(parsed as? [String: Any])
                object["id"] = "\(object["id"]!)~r\(replay)"
                let written = try #require(object["published"] as? String)
                let published = try #require(rfc822.date(from: written))
                object["published"] = iso.string(from: published.addingTimeInterval(Double(replay) * 10 * 86_400))
                out += String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-replays-\(UUID().uuidString).jsonl")
        try out.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func tracker() -> StoryTracker {
        var tracker = StoryTracker()
        tracker.clusterer.pruneInterval = 64
        tracker.duplicates.pruneInterval = 64
        return tracker
    }

    static func pipeline(finishingEvery check: Int) -> Pipeline {
        var pipeline = Pipeline(jobs: 2)
        pipeline.finishedStoriesCheck = check
        return pipeline
    }

    static func json(_ spilled: SpilledDigest, minArticles: Int = 1, top: Int = 0) throws -> String {
        var bytes: [UInt8] = []
        try spilled.writeJSON(minArticles: minArticles, top: top) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Where two documents first differ, with a little context (nil when they are the same): a
    /// failure then says where, not two whole documents.
    static func firstDifference(_ a: String, _ b: String) -> String? {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x != y else { return nil }
        let at = zip(x, y).prefix { $0 == $1 }.count
        func around(_ bytes: [UInt8]) -> String { String(decoding: bytes[max(0, at - 80)..<min(bytes.count, at + 80)], as: UTF8.self) }
        return "byte \(at): …\(around(x))… vs …\(around(y))…"
    }

    @Test func storiesFinishedEarlyGiveTheDocumentOfAWholeRun() throws {
        guard let input = try Self.replays() else { return }
        defer { try? FileManager.default.removeItem(at: input) }
        let fail: (InputError) -> Void = { Issue.record("\($0.input): \($0.message)") }
        var tracker = Self.tracker()
        // Finished stories looked for only at the end: every article held, as before spilling.
        let whole = Self.pipeline(finishingEvery: .max).digest(paths: [input.path], tracker: &tracker, onError: fail)
        #expect(whole.articles.count == 450)

        tracker = Self.tracker()
        let spilled = try Self.pipeline(finishingEvery: 64).spilledDigest(paths: [input.path], tracker: &tracker, onError: fail)
        #expect(spilled.finishedEarly > 0, "the first replays' stories were written before the end")
        #expect(spilled.mostArticlesHeld < 450, "their articles were let go")
        #expect(spilled.articleCount == 450 && spilled.storyCount == whole.stories.count)
        #expect(Self.firstDifference(try Self.json(spilled), whole.json()) == nil)
        #expect(Self.firstDifference(try Self.json(spilled, minArticles: 2, top: 5),
                                     whole.filtered(minArticles: 2, top: 5).json()) == nil)

        // The in-memory digest finishing early settles importance and entity kinds the same way.
        tracker = Self.tracker()
        let early = Self.pipeline(finishingEvery: 64).digest(paths: [input.path], tracker: &tracker, onError: fail)
        #expect(Self.firstDifference(early.json(), whole.json()) == nil)
    }

    /// The importance and the entities' kinds a story had when it was written are replaced by the
    /// run's final ones.
    @Test func importanceAndKindsAreSettledAtTheEnd() throws {
        let entity = StoryEntity(id: 1, name: "بوتين", kind: .person, variants: ["بوتين"], mentions: 2,
                                 outlets: ["a"], articles: ["x"])
        let story = StoryDigest(id: 7, headline: "عنوان", headlineArticle: "x", articles: ["x"], outlets: ["a"],
                                first: nil, last: nil, importance: 0.5, entities: [entity])
        var clean = CleanArticle(id: "x", source: .file(path: "x"), title: "عنوان", outlet: "a")
        clean.paragraphs = ["نص"]
        let spill = try SpilledDigest(directory: NSTemporaryDirectory())
        spill.append([SpilledDigest.render(story, [(0, DigestArticle(article: clean, story: 7, duplicateOf: nil))])])
        let ranked = StorySummary(id: 7, headline: "عنوان", outlets: ["a"], articleCount: 1, duplicateCount: 0,
                                  first: nil, last: nil, importance: 2.25, articles: ["x"])
        let catalog = [CatalogEntity(id: 0, name: "موسكو", kind: .location, variants: [], mentions: 1, articles: []),
                       CatalogEntity(id: 1, name: "بوتين", kind: .organisation, variants: [], mentions: 3, articles: [])]
        try spill.seal(ranked: [ranked], entities: catalog, finishedEarly: 1, mostArticlesHeld: 1)
        var settled = story
        settled.importance = 2.25
        settled.entities[0].kind = .organisation
        let expected = Digest(stories: [settled], articles: [DigestArticle(article: clean, story: 7, duplicateOf: nil)]).json()
        #expect(try Self.json(spill) == expected)
        #expect(expected.contains(#""importance":2.25"#) && expected.contains(#""kind":"ORG""#))
    }

    @Test func aTemporaryFolderThatIsNotThereIsNamed() throws {
        guard let seeds = SharedData.locate("seeds") else { return }
        var tracker = StoryTracker()
        #expect {
            try Pipeline(jobs: 1).spilledDigest(paths: [seeds.path], tracker: &tracker, directory: "/nonexistent/khabar",
                                                onError: { _ in })
        } throws: { error in
            "\(error)".contains("/nonexistent/khabar")
        }
    }
}
