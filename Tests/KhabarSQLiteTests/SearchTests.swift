import Foundation
import KhabarText
import Testing
@testable import Khabar
import KhabarSQLite

/// Search over a real SQLite store through Khabar's FTS5 tokenizer: the normalisation and clitic
/// cases, spelling variants through the entity catalog, and queries that must never break.
@Suite("Store search")
struct SearchTests {
    static let articles: [ReadOutcome] = [
        TemporaryDesk.article("a1", title: "الرئيس الروسي يستقبل الزعيم الكوري في قاعدة فوستوشني",
            body: "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في قاعدة فوستوشني الفضائية يوم الأربعاء. وقال بوتين إن المحادثات ستتناول التعاون العسكري والاقتصادي بين البلدين."),
        TemporaryDesk.article("a2", title: "بوتن وكيم يبحثان التعاون العسكري", outlet: "صحيفة ثانية",
            body: "بحث الرئيس فلاديمير بوتن مع كيم جونغ أون التعاون العسكري خلال قمة في الشرق الأقصى الروسي. وأكد بوتن أن بلاده ستساعد كوريا الشمالية في بناء الأقمار الصناعية."),
        TemporaryDesk.article("a3", title: "وزير الدفاع شويغو يزور المعرض", outlet: "موقع ثالث", published: "2023-09-14T10:00:00Z",
            body: "زار وزير الدفاع الروسي سيرغي شويغو معرضا للأسلحة في موسكو، وقال شويغو إن الجيش سيتسلم أسلحة جديدة هذا العام. وأضاف وزير الدفاع أن المصانع تعمل بطاقتها الكاملة."),
        TemporaryDesk.article("a4", title: "أسعار النفط ترتفع في الأسواق", outlet: "موقع ثالث", published: "2023-09-14T11:00:00Z",
            body: "ارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار منظمة أوبك خفض الإنتاج، وقال محللون إن والرئيسُ التنفيذي لشركة كبرى توقع استمرار الارتفاع."),
    ]

    static func withDesk(_ kind: StoreKind, _ body: (StoryDesk) throws -> Void) throws {
        let temporary = try TemporaryDesk(kind)
        defer { temporary.remove() }
        let desk = try temporary.open()
        let outcomes = desk.ingest(articles)
        #expect(outcomes.allSatisfy { !$0.isFailure }, "\(outcomes)")
        desk.refreshDigests()
        try body(desk)
    }

    static func storyIDs(_ results: SearchResults) -> Set<Int> { Set(results.hits.map(\.story.id)) }

    @Test(arguments: StoreKind.available)
    func cliticAndArticleFormsMeet(_ kind: StoreKind) throws {
        try Self.withDesk(kind) { desk in
            let forms = ["والرئيس", "الرئيس", "رئيس"]
            let found = try forms.map { try Self.storyIDs(desk.store.search(SearchQuery(text: $0))) }
            #expect(!found[0].isEmpty)
            #expect(found[0] == found[1] && found[1] == found[2], "\(found)")
        }
    }

    @Test(arguments: StoreKind.available)
    func letterFormsMeet(_ kind: StoreKind) throws {
        try Self.withDesk(kind) { desk in
            let plain = try Self.storyIDs(desk.store.search(SearchQuery(text: "اسعار النفط")))
            let hamza = try Self.storyIDs(desk.store.search(SearchQuery(text: "أسعار النّفط")))
            #expect(!plain.isEmpty)
            #expect(plain == hamza)
        }
    }

    @Test(arguments: StoreKind.available)
    func spellingVariantsMeetThroughTheCatalog(_ kind: StoreKind) throws {
        try Self.withDesk(kind) { desk in
            // بوتن appears only in a2, بوتين only in a1: the catalog merged them into one entity.
            let byVariant = try desk.store.search(SearchQuery(text: "بوتن"))
            let byMain = try desk.store.search(SearchQuery(text: "بوتين"))
            let ids = Set(byVariant.hits.flatMap(\.articles))
            #expect(ids.contains("a1") && ids.contains("a2"), "بوتن finds the article that spells it بوتين: \(ids)")
            #expect(Set(byMain.hits.flatMap(\.articles)) == ids)
            #expect(!byVariant.expandedFrom.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func snippetsMarkTheMatch(_ kind: StoreKind) throws {
        try Self.withDesk(kind) { desk in
            let results = try desk.store.search(SearchQuery(text: "شويغو"))
            let snippet = try #require(results.hits.first?.snippets.first)
            #expect(snippet.contains(SearchSnippet.open + "شويغو" + SearchSnippet.close))
            #expect(SearchSnippet.html("<b>" + SearchSnippet.open + "x" + SearchSnippet.close) == "&lt;b&gt;<mark>x</mark>")
        }
    }

    @Test func snippetsAreCutAroundTheDensestMatches() throws {
        let words = (1...60).map { "كلمة\($0)" }
        var text = words.joined(separator: " ")
        text += " قال الرئيسُ إن والرئيس سيزور " + words.joined(separator: " ")
        let marked = try #require(SearchSnippet.make(text, terms: Set(SearchTerms.terms("الرئيس")), words: 10))
        #expect(marked.hasPrefix("…") && marked.hasSuffix("…"), "cut on both sides: \(marked)")
        #expect(marked.contains(SearchSnippet.open + "الرئيسُ" + SearchSnippet.close), "the word as written, harakat kept")
        #expect(marked.contains(SearchSnippet.open + "والرئيس" + SearchSnippet.close))
        #expect(SearchSnippet.make("لا شيء هنا", terms: ["رييس"]) == nil)
    }

    @Test(arguments: StoreKind.available)
    func filtersNarrowResults(_ kind: StoreKind) throws {
        try Self.withDesk(kind) { desk in
            let all = try desk.store.search(SearchQuery(text: "قال"))
            let one = try desk.store.search(SearchQuery(text: "قال", outlet: "موقع ثالث"))
            #expect(one.total < all.total && one.total >= 1)
            let late = try desk.store.search(SearchQuery(text: "قال", from: PublishedDate(parsing: "2023-09-14")!.secondsSince1970))
            #expect(Set(late.hits.flatMap(\.articles)).isSubset(of: ["a3", "a4"]))
        }
    }

    @Test(arguments: StoreKind.available, ["\"", "*", "NEAR(", "-", ":", "(((", ")", "بوتين\" OR", "AND", "title:كيم", "^كيم", "{}",
                                           "'; DROP TABLE article; --", "", "'", "\\", "!", "<->", "a:*", "&|"])
    func hostileQueriesNeverFail(_ kind: StoreKind, _ text: String) throws {
        try Self.withDesk(kind) { desk in
            let results = try desk.store.search(SearchQuery(text: text))
            #expect(results.total >= 0)
            #expect(try desk.store.stats().articles == 4, "nothing was harmed")
        }
    }

    @Test(arguments: StoreKind.available)
    func aTenKilobyteQueryIsCutNotRefused(_ kind: StoreKind) throws {
        try Self.withDesk(kind) { desk in
            let long = String(repeating: "بوتين كيم (\"* ", count: 800)
            #expect(long.utf8.count > 10_000)
            let results = try desk.store.search(SearchQuery(text: long))
            #expect(!results.hits.isEmpty)
        }
    }
}
