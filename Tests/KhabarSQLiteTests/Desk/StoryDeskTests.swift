import Foundation
import Testing
@testable import Khabar
import KhabarSQLite

@Suite("Story desk")
struct StoryDeskTests {
    @Test(arguments: StoreKind.available)
    func theSameArticleTwiceIsStoredOnce(_ kind: StoreKind) throws {
        let temporary = try TemporaryDesk(kind)
        defer { temporary.remove() }
        let desk = try temporary.open()
        let first = desk.ingest([SearchTests.articles[0]])
        guard case .stored(let id, let story, nil) = first[0] else { Issue.record("\(first)"); return }
        #expect(id == "a1")
        // Same id again, and the same text (other harakat and spacing) under another id.
        guard case .success(var raw) = SearchTests.articles[0] else { return }
        raw.id = "a1-again"
        raw.text = raw.text.replacingOccurrences(of: " ", with: "  ")
        let again = desk.ingest([SearchTests.articles[0], .success(raw)])
        #expect(again == [.alreadyStored(id: "a1", story: story), .sameText(id: "a1-again", sameAs: "a1", story: story)])
        #expect(try desk.store.search(SearchQuery(text: "فوستوشني")).hits.flatMap(\.articles) == ["a1"], "the text is searchable once")
    }

    /// What readers may cache is good until the generation moves: a placed article or a digest
    /// written moves it; an ingest that stores nothing does not.
    @Test func theGenerationMovesWithEveryChange() throws {
        let temporary = try TemporaryDesk()
        defer { temporary.remove() }
        let desk = try temporary.open()
        let start = desk.generation
        _ = desk.ingest([SearchTests.articles[0]])
        #expect(desk.generation == start + 1)
        _ = desk.ingest([SearchTests.articles[0]])
        #expect(desk.generation == start + 1, "the same article again changes nothing")
        #expect(!desk.refreshDigests().isEmpty)
        #expect(desk.generation == start + 2)
        #expect(desk.refreshDigests().isEmpty)
        #expect(desk.generation == start + 2)
    }

    @Test(arguments: StoreKind.available)
    func unreadableInputsAreReportedAndTheRestStored(_ kind: StoreKind) throws {
        let temporary = try TemporaryDesk(kind)
        defer { temporary.remove() }
        let desk = try temporary.open()
        let outcomes = desk.ingest(data: Data("{\"id\": \"x1\", \"title\": \"عنوان\", \"text\": \"نص المقالة الأولى عن الاقتصاد\"}\n{not json\n".utf8), name: "batch.jsonl")
        #expect(outcomes.count == 2)
        #expect(outcomes.filter(\.isFailure).count == 1)
        #expect(try desk.store.article(id: "x1") != nil)
    }

    @Test(arguments: StoreKind.available)
    func digestsAreMadeForTouchedStoriesOnly(_ kind: StoreKind) throws {
        let temporary = try TemporaryDesk(kind)
        defer { temporary.remove() }
        let desk = try temporary.open()
        _ = desk.ingest(Array(SearchTests.articles.prefix(2)))
        #expect(desk.refreshDigests().count == 1, "a1 and a2 are one story")
        _ = desk.ingest([SearchTests.articles[3]])
        let refreshed = desk.refreshDigests()
        #expect(refreshed.count == 1)
        let story = try #require(try desk.store.story(id: refreshed[0]))
        #expect(story.digestJSON != nil && story.digestArticleCount == 1)
        #expect(desk.refreshDigests().isEmpty, "nothing changed since")
    }

    /// The store's digest page has the shape of `khabar digest --format json` for one story.
    @Test(arguments: StoreKind.available)
    func storyPageJSONHasTheDigestShape(_ kind: StoreKind) throws {
        try SearchTests.withDesk(kind) { desk in
            let views = DeskViews(store: desk.store)
            let page = try #require(try views.storyPage(id: 0))
            let root = try #require(try JSONSerialization.jsonObject(with: Data(page.json().utf8)) as? [String: Any])
            let stories = try #require(root["stories"] as? [[String: Any]])
            #expect(stories.count == 1)
            for key in ["id", "headline", "summary", "entities", "quotes", "timeline", "coverage", "contradictions"] {
                #expect(stories[0][key] != nil, "story has \(key)")
            }
            let articles = try #require(root["articles"] as? [[String: Any]])
            #expect(articles.map { $0["id"] as? String } == ["a1", "a2"])
            let decoded = try #require(page.digest)
            #expect(decoded.articles == ["a1", "a2"])
            #expect(!decoded.summary.isEmpty)
        }
    }

    /// Closing the desk and opening it again (what a restart does) resumes exactly: the next
    /// articles land where one uninterrupted desk puts them.
    @Test(arguments: StoreKind.available)
    func aRestartedDeskPlacesLikeAnUninterruptedOne(_ kind: StoreKind) throws {
        let articles = SearchTests.articles
        let straight = try TemporaryDesk(kind), restarted = try TemporaryDesk(kind)
        defer { straight.remove(); restarted.remove() }
        let expected = try straight.open().ingest(articles)
        var got: [IngestOutcome] = []
        for article in articles { got += try restarted.open().ingest([article]) }
        #expect(got == expected)
    }

    /// A story whose last article falls more than the live window behind the newest is closed:
    /// its articles leave memory, it stays in the store and in search, and is not digested again.
    @Test(arguments: StoreKind.available)
    func storiesOutsideTheLiveWindowAreClosed(_ kind: StoreKind) throws {
        let temporary = try TemporaryDesk(kind)
        defer { temporary.remove() }
        let desk = try temporary.openClosingEveryPlacement()
        _ = desk.ingest([SearchTests.articles[2]])
        desk.refreshDigests()
        #expect(desk.closedStories.isEmpty)
        let placed = desk.ingest([TemporaryDesk.monthLater])
        guard case .stored(_, let lateStory, _) = placed[0] else { Issue.record("\(placed)"); return }
        let first = try #require(try desk.store.article(id: "a3")).story
        #expect(desk.closedStories == [first])
        #expect(desk.refreshDigests() == [lateStory])
        #expect(try desk.store.search(SearchQuery(text: "شويغو")).hits.map(\.story.id) == [first], "a closed story is still found")
    }

    /// A backfill: an old story is left behind by newer articles before its first digest. It
    /// stays open until the digest is made, then closes with one.
    @Test(arguments: StoreKind.available)
    func aStoryClosesOnlyOnceItHasADigest(_ kind: StoreKind) throws {
        let temporary = try TemporaryDesk(kind)
        defer { temporary.remove() }
        let desk = try temporary.openClosingEveryPlacement()
        _ = desk.ingest([SearchTests.articles[2]])
        _ = desk.ingest([TemporaryDesk.monthLater])
        let old = try #require(try desk.store.article(id: "a3")).story
        #expect(desk.closedStories.isEmpty, "not closed before its digest")
        #expect(desk.refreshDigests().contains(old))
        #expect(try desk.store.story(id: old)?.digestJSON != nil)
        _ = desk.ingest([TemporaryDesk.article("later", title: "الطقس", published: "2023-10-21T10:00:00Z",
                                               body: "توقعت هيئة الأرصاد هطول أمطار غزيرة على المناطق الجنوبية خلال الأيام المقبلة.")])
        #expect(desk.closedStories == [old], "closed once digested")
    }
}
