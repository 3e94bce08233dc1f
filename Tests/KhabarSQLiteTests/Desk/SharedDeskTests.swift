import Foundation
import Testing
@testable import Khabar
import KhabarPostgres

/// Several desks on one PostgreSQL store (what several `khabar serve` processes are): one truth,
/// arrival order through the queue, and nothing lost when a desk dies with articles queued.
@Suite("Desks sharing a PostgreSQL store", .enabled(if: StoreKind.available.contains(.postgres)))
struct SharedDeskTests {
    /// A second desk sees the first one's articles: it places after them, in the same story.
    @Test func twoDesksPlaceIntoOneTruth() throws {
        let temporary = try TemporaryDesk(.postgres)
        defer { temporary.remove() }
        let one = try temporary.open(), two = try temporary.open()
        let first = one.ingest([SearchTests.articles[0]])
        guard case .stored(_, let story, _) = first[0] else { Issue.record("\(first)"); return }
        let second = two.ingest([SearchTests.articles[1]])
        #expect(second == [.stored(id: "a2", story: story, duplicateOf: nil)], "a2 joins a1's story, placed by the other desk")
        #expect(one.ingest([SearchTests.articles[1]]) == [.alreadyStored(id: "a2", story: story)])
        #expect(try one.store.article(id: "a2")?.seq == 2)
    }

    /// The same articles through two desks, alternating, place exactly like one desk.
    @Test func alternatingDesksPlaceLikeOne() throws {
        let single = try TemporaryDesk(.postgres), pair = try TemporaryDesk(.postgres)
        defer { single.remove(); pair.remove() }
        let articles = SearchTests.articles + [TemporaryDesk.monthLater]
        let expected = try single.open().ingest(articles)
        let desks = [try pair.open(), try pair.open()]
        var got: [IngestOutcome] = []
        for (i, article) in articles.enumerated() { got += desks[i % 2].ingest([article]) }
        #expect(got == expected)
    }

    /// A change by another desk moves this desk's generation (its readers' caches empty).
    @Test func anotherDesksChangeMovesTheGeneration() throws {
        let temporary = try TemporaryDesk(.postgres)
        defer { temporary.remove() }
        let one = try temporary.open(), two = try temporary.open()
        let before = two.generation
        _ = one.ingest([SearchTests.articles[0]])
        var waited = 0.0
        while two.generation == before, waited < 5 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        #expect(two.generation > before, "the other desk's commit reached this desk within \(waited) s")
    }

    /// Articles a desk queued and never placed (it died) are placed by the next desk to take the
    /// lease, before its own, in arrival order.
    @Test func articlesADeadDeskQueuedArePlacedFirst() throws {
        let temporary = try TemporaryDesk(.postgres)
        defer { temporary.remove() }
        let store = try #require(try temporary.store() as? PostgresStore)
        guard case .success(let raw) = SearchTests.articles[2] else { return }
        let orphan = Cleaner().clean(raw)
        let ticket = try store.enqueue([(orphan, nil, 1_700_000_000)])
        #expect(ticket.ids.count == 1 && ticket.storedBefore == 0)
        #expect(try store.queueStatus().depth == 1)
        let desk = try temporary.open()
        let outcomes = desk.ingest([SearchTests.articles[0]])
        #expect(outcomes.count == 1 && !outcomes[0].isFailure)
        #expect(try desk.store.article(id: "a3")?.seq == 1, "the orphan arrived first")
        #expect(try desk.store.article(id: "a1")?.seq == 2)
        #expect(try store.queueStatus().depth == 0)
    }

    /// A digest made from fewer articles (a desk behind the others) never replaces a newer one.
    @Test func anOlderDigestDoesNotReplaceANewerOne() throws {
        let temporary = try TemporaryDesk(.postgres)
        defer { temporary.remove() }
        let desk = try temporary.open()
        _ = desk.ingest(Array(SearchTests.articles.prefix(2)))
        let id = try #require(desk.refreshDigests().first)
        let newer = try #require(try desk.store.story(id: id))
        #expect(newer.digestArticleCount == 2)
        var older = newer
        older.digestArticleCount = 1
        older.headline = "عنوان أقدم"
        older.digestJSON = "{}"
        try desk.store.saveDigests([older], entities: [])
        let kept = try #require(try desk.store.story(id: id))
        #expect(kept.headline == newer.headline && kept.digestArticleCount == 2 && kept.digestJSON == newer.digestJSON)
    }

    /// Both stores answer every search of the search tests' vocabulary alike: the same stories,
    /// scores, articles and snippets.
    @Test func searchesAgreeAcrossStores() throws {
        let lite = try TemporaryDesk(.sqlite), postgres = try TemporaryDesk(.postgres)
        defer { lite.remove(); postgres.remove() }
        let desks = [try lite.open(), try postgres.open()]
        for desk in desks {
            _ = desk.ingest(SearchTests.articles)
            desk.refreshDigests()
        }
        let queries = ["بوتين", "بوتن", "فلاديمير بوتين", "الرئيس", "قال", "أسعار النّفط", "وزير الدفاع", "كيم جونغ أون", "شويغو",
                       "الأقمار الصناعية", "لا شيء"]
        for text in queries {
            for query in [SearchQuery(text: text), SearchQuery(text: text, outlet: "موقع ثالث"), SearchQuery(text: text, limit: 1, offset: 1)] {
                let (a, b) = (try desks[0].store.search(query), try desks[1].store.search(query))
                #expect(a.total == b.total, "\(text)")
                #expect(a.hits.map(\.story.id) == b.hits.map(\.story.id), "\(text)")
                #expect(a.hits.map(\.score) == b.hits.map(\.score), "\(text)")
                #expect(a.hits.map(\.articles) == b.hits.map(\.articles), "\(text)")
                #expect(a.hits.map(\.snippets) == b.hits.map(\.snippets), "\(text)")
                #expect(a.terms == b.terms && a.expandedFrom == b.expandedFrom, "\(text)")
            }
        }
        let lists = try desks.map { try $0.store.stories(StoryListQuery()).stories.map(\.id) }
        #expect(lists[0] == lists[1] && !lists[0].isEmpty)
    }

    /// What a desk keeps of each article's facts is what extraction gives (entities not yet
    /// numbered), so a desk catching up from them places exactly as if it had extracted them.
    @Test func storedFactsAreTheExtractedFacts() throws {
        let temporary = try TemporaryDesk(.postgres)
        defer { temporary.remove() }
        let desk = try temporary.open()
        _ = desk.ingest(SearchTests.articles)
        let extractor = FactExtractor()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var checked = 0
        try desk.store.forEachArticle { stored in
            let facts = try #require(stored.facts, "\(stored.article.id) has its facts")
            #expect(facts.mentions.allSatisfy { $0.entity == nil }, "kept before the catalog numbered them")
            #expect(try encoder.encode(facts) == encoder.encode(extractor.extract(stored.article)), "\(stored.article.id)")
            #expect(!facts.mentions.isEmpty || stored.article.id == "a4")
            checked += 1
        }
        #expect(checked == SearchTests.articles.count)
    }

    /// The same id twice in one call: the first is stored with its own text, the second is
    /// already stored (nothing of the second's text leaks into the first's row).
    @Test func theSameIDTwiceInOneCallKeepsTheFirstText() throws {
        let temporary = try TemporaryDesk(.postgres)
        defer { temporary.remove() }
        let desk = try temporary.open()
        let other = TemporaryDesk.article("a1", title: "عنوان آخر تماما", body: "نص مختلف عن الطقس والأمطار الغزيرة في المناطق الجنوبية هذا الأسبوع.")
        let outcomes = desk.ingest([SearchTests.articles[0], other])
        guard case .stored(_, let story, _) = outcomes[0] else { Issue.record("\(outcomes)"); return }
        #expect(outcomes[1] == .alreadyStored(id: "a1", story: story))
        let stored = try #require(try desk.store.article(id: "a1"))
        #expect(stored.article.title == "الرئيس الروسي يستقبل الزعيم الكوري في قاعدة فوستوشني")
        #expect(try desk.store.search(SearchQuery(text: "فوستوشني")).total == 1)
        #expect(try desk.store.search(SearchQuery(text: "الأمطار")).total == 0, "the second text is not indexed under a1")
    }

    /// A text whose distinct words pass PostgreSQL's 1 MB tsvector limit is stored (its first
    /// words indexed) instead of blocking every placement behind it.
    @Test func aHugeTextIsStoredNotStuck() throws {
        let temporary = try TemporaryDesk(.postgres)
        defer { temporary.remove() }
        let desk = try temporary.open()
        // 90,000 distinct Latin words of 12 letters or more: over 1 MB of distinct terms.
        let words = (0..<90_000).map { "term" + String($0, radix: 26).map { Character(UnicodeScalar(UInt8(97 + (Int(String($0), radix: 26) ?? 0)))) }.map(String.init).joined() + "xyzw" }
        let body = stride(from: 0, to: words.count, by: 100).map { words[$0..<min($0 + 100, words.count)].joined(separator: " ") + "." }.joined(separator: "\n")
        #expect(words.reduce(0) { $0 + $1.utf8.count } > 1_000_000)
        let outcomes = desk.ingest([TemporaryDesk.article("huge", title: "نص طويل جدا", body: body), SearchTests.articles[0]])
        #expect(outcomes.allSatisfy { !$0.isFailure }, "\(outcomes)")
        #expect(try desk.store.search(SearchQuery(text: words[0])).total == 1, "the first words are indexed")
        #expect(try desk.store.article(id: "a1") != nil, "the next article was placed")
    }
}
