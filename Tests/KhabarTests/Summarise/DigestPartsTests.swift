import Testing
@testable import Khabar

@Suite("Digest parts")
struct DigestPartsTests {
    static func member(_ id: String, outlet: String, published: PublishedDate?, _ paragraphs: [String]) -> StoryMember {
        let article = CleanArticle(id: id, source: .url("https://example.com/\(id)"), outlet: outlet, published: published,
                                   paragraphs: paragraphs)
        let facts = FactExtractor(tagger: nil).extract(article)
        return StoryMember(article: article, facts: facts)
    }

    @Test func undatedArticleIsAnchoredOnTheWeekdayItNames() {
        let text = "ذكرت وكالة الأنباء اليوم الأحد أن الوفد غادر البلاد، بعد أن زار المصنع يوم السبت."
        let day = DateExtractor().likelyPublication(of: text, storyDays: [PublishedDate(year: 2023, month: 9, day: 13),
                                                                         PublishedDate(year: 2023, month: 9, day: 14)],
                                                    eventDays: ["2023-09-13"])
        #expect(day == PublishedDate(year: 2023, month: 9, day: 17))
    }

    @Test func undatedArticleWithoutAWeekdayTakesTheEarliestDayThatFitsTheStory() {
        // "الثلاثاء" and "الأربعاء" land on days the story talks about from the 13th to the 19th;
        // the earliest wins (reports follow events closely).
        let text = "وصل الوفد الثلاثاء، وبدأت المحادثات الأربعاء."
        let day = DateExtractor().likelyPublication(of: text, storyDays: [PublishedDate(year: 2023, month: 9, day: 13)],
                                                    eventDays: ["2023-09-12", "2023-09-13"])
        #expect(day == PublishedDate(year: 2023, month: 9, day: 13))
        #expect(DateExtractor().likelyPublication(of: text, storyDays: [], eventDays: []) == nil)
    }

    @Test func quoteWordingsOfOneStatementMergeAndOthersDoNot() {
        let members = [
            Self.member("a", outlet: "أ", published: nil, ["وقال الرئيس أثناء المصافحة: \"سعيد بلقائك. هذه قاعدة الفضاء الجديدة\"."]),
            Self.member("b", outlet: "ب", published: nil, ["وقال الرئيس لضيفه: \"أنا سعيد للغاية بلقائك\"، مشيرا إلى أهمية الزيارة."]),
            Self.member("c", outlet: "ج", published: nil, ["وقال الرئيس: «سنناقش كل المواضيع دون تسرع. لدينا الوقت لذلك»."]),
        ]
        let merged = QuoteMerger(vectorizer: SentenceVectorizer()).merge(members) { _ in nil }
        let happy = merged.filter { quote in ([quote.text] + quote.variants).contains { $0.contains("سعيد") } }
        #expect(happy.count == 1)
        #expect(Set(happy.first?.sources ?? []) == ["a", "b"])
        #expect(merged.contains { $0.text.contains("سنناقش") && $0.sources == ["c"] && $0.variants.isEmpty })
    }

    @Test func summaryCitesParaphrasesAndNeverRepeatsAFact() {
        let members = [
            Self.member("a", outlet: "أ", published: PublishedDate(year: 2015, month: 8, day: 5), [
                "افتتحت وزارة الصحة مستشفى جديدا في مدينة جدة بسعة ثلاثمئة سرير لخدمة سكان المنطقة الجنوبية.",
                "ويضم المستشفى أقساما للطوارئ والجراحة وأمراض القلب والعناية المركزة للأطفال.",
                "وكان العمل في المشروع قد بدأ قبل أربعة أعوام بتكلفة بلغت مئات الملايين.",
            ]),
            Self.member("b", outlet: "ب", published: PublishedDate(year: 2015, month: 8, day: 5), [
                "دشنت وزارة الصحة مستشفى جديدا في جدة بسعة ثلاثمئة سرير لسكان المنطقة الجنوبية من المدينة.",
                "وأكد مدير المستشفى أن التشغيل الكامل سيكون خلال الشهر المقبل بعد تعيين الكوادر الطبية.",
            ]),
            Self.member("c", outlet: "ج", published: PublishedDate(year: 2015, month: 8, day: 6), [
                "المستشفى الجديد في مدينة جدة بسعة ثلاثمئة سرير يخدم سكان المنطقة الجنوبية بحسب وزارة الصحة.",
                "ويضم المستشفى أقساما للطوارئ والجراحة وأمراض القلب والعناية المركزة.",
            ]),
        ]
        let story = StorySummary(id: 0, headline: "", outlets: ["أ", "ب", "ج"], articleCount: 3, duplicateCount: 0,
                                 first: nil, last: nil, importance: 1, articles: ["a", "b", "c"])
        let digest = StoryDigester().digest(story, members: members, entities: [])
        let first = try? #require(digest.summary.first)
        // The opening fact all three outlets report comes first and cites all three.
        #expect(first?.text.contains("ثلاثمئة سرير") == true)
        #expect(Set(first?.citedBy ?? []) == ["a", "b", "c"])
        // No second sentence about the same opening fact.
        #expect(digest.summary.filter { $0.text.contains("ثلاثمئة سرير") }.count == 1)
        // Four distinct facts: the opening, the departments (a, c), the start of works (a), the director (b).
        #expect(digest.summary.count == 4)
        #expect(digest.summary.contains { $0.text.contains("أقساما") && Set($0.citedBy) == ["a", "c"] })
        #expect(digest.coverage.first.map { Set($0.outlets) } == ["أ", "ب", "ج"])
        #expect(digest.contradictions.isEmpty)
    }

    @Test func differentNumbersForOneFactAreAContradiction() {
        let members = [
            Self.member("a", outlet: "أ", published: PublishedDate(year: 2015, month: 8, day: 5),
                        ["أعلنت وزارة الداخلية مقتل 17 شخصا في انفجار استهدف سوقا شعبيا وسط المدينة صباح اليوم."]),
            Self.member("b", outlet: "ب", published: PublishedDate(year: 2015, month: 8, day: 5),
                        ["أعلنت وزارة الداخلية مقتل 25 شخصا في انفجار استهدف سوقا شعبيا وسط المدينة صباح اليوم."]),
        ]
        let story = StorySummary(id: 0, headline: "", outlets: ["أ", "ب"], articleCount: 2, duplicateCount: 0,
                                 first: nil, last: nil, importance: 1, articles: ["a", "b"])
        let digest = StoryDigester().digest(story, members: members, entities: [])
        let contradiction = try? #require(digest.contradictions.first)
        #expect(contradiction?.kind == "number")
        #expect(Set(contradiction?.values.map(\.value) ?? []) == ["17", "25"])
        #expect(Set(contradiction?.values.flatMap(\.sources) ?? []) == ["a", "b"])
    }

    /// A flood of copies (thousands of one wire item) is read through its first members, originals
    /// first, but every member is still listed and counted.
    @Test func aFloodIsReadThroughItsFirstMembersAndListedWhole() {
        let text = "قال المتحدث باسم الوزارة إن الاجتماع سيعقد غدا في العاصمة لبحث الأوضاع الاقتصادية."
        var members: [StoryMember] = []
        for i in 0..<12 {
            var member = Self.member("m\(i)", outlet: "منفذ \(i % 4)", published: PublishedDate(year: 2015, month: 8, day: 1 + i % 3), [text])
            if i > 0 && i % 2 == 0 { member.duplicateOf = "m0" }
            members.append(member)
        }
        let read = StoryDigester.membersRead(members, limit: 5)
        #expect(read.map(\.article.id) == ["m0", "m1", "m3", "m5", "m7"], "originals first, in arrival order")
        #expect(StoryDigester.membersRead(members, limit: 12).count == 12)
        let withCopies = StoryDigester.membersRead(members, limit: 8)
        #expect(withCopies.map(\.article.id) == ["m0", "m1", "m2", "m3", "m5", "m7", "m9", "m11"], "all seven originals, then the first copy")

        let story = StorySummary(id: 0, headline: "", outlets: [], articleCount: 12, duplicateCount: 5,
                                 first: nil, last: nil, importance: 1, articles: members.map(\.article.id))
        var digester = StoryDigester()
        digester.maxMembersRead = 5
        let digest = digester.digest(story, members: members, entities: [])
        #expect(digest.articles == members.map(\.article.id))
        #expect(Set(digest.outlets) == ["منفذ 0", "منفذ 1", "منفذ 2", "منفذ 3"])
        #expect(digest.last == PublishedDate(year: 2015, month: 8, day: 3))
        let readIDs = Set(read.map(\.article.id))
        #expect(!digest.summary.isEmpty)
        #expect(digest.summary.allSatisfy { readIDs.contains($0.article) && $0.citedBy.allSatisfy(readIDs.contains) })
    }

    @Test func numbersWrittenDifferentlyAreOneValue() {
        #expect(ContradictionFinder.sameNumber("1,733,581", "1.733.581"))
        #expect(ContradictionFinder.sameNumber("6,6", "6.6"))
        #expect(ContradictionFinder.sameNumber("945", "945.25"), "a rounding")
        #expect(!ContradictionFinder.sameNumber("0.6", "0.7"))
        #expect(!ContradictionFinder.sameNumber("8821", "8791"))
        #expect(!ContradictionFinder.sameNumber("17", "25"))
    }
}
