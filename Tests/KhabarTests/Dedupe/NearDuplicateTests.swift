import Testing
@testable import Khabar

@Suite("Near-duplicates")
struct NearDuplicateTests {
    typealias F = StoryFixtures

    static let wire = [
        "أعلنت وزارة الصحة تسجيل 17 إصابة جديدة بالفيروس خلال الساعات الأربع والعشرين الماضية في العاصمة، مشيرة إلى أن جميع المصابين يتلقون العلاج في المستشفيات الحكومية.",
        "وأضافت الوزارة في بيان أن فرق التقصي تواصل تتبع المخالطين، داعية المواطنين إلى الالتزام بالإجراءات الوقائية وتجنب التجمعات الكبيرة خلال الأيام المقبلة.",
        "وكانت الوزارة قد أطلقت حملة تطعيم واسعة الشهر الماضي شملت المدارس والجامعات ومراكز الرعاية الصحية الأولية في مختلف المحافظات.",
    ]

    @Test func wireCopyInAnotherOutletIsADuplicate() {
        var tracker = StoryTracker()
        let original = tracker.add(F.article("spa", title: "الصحة: 17 إصابة جديدة", body: Self.wire, outlet: "واس"))
        // Same item, another outlet: its own title, a dateline added, Arabic-Indic digits.
        var copyBody = Self.wire
        copyBody[0] = "الرياض - " + copyBody[0].replacingOccurrences(of: "17", with: "١٧")
        let copy = tracker.add(F.article("paper", title: "تسجيل ١٧ إصابة جديدة في العاصمة", body: copyBody,
                                         outlet: "صحيفة", at: F.start + 1800))
        #expect(original.duplicateOf == nil)
        #expect(copy.duplicateOf == "spa")
        #expect(copy.story == original.story)
        #expect(tracker.stories().first?.duplicateCount == 1)
    }

    @Test func differentArticlesAreNotDuplicates() {
        var tracker = StoryTracker()
        tracker.add(F.article("a", title: F.earthquakeA.title, body: F.earthquakeA.body))
        let b = tracker.add(F.article("b", title: F.earthquakeB.title, body: F.earthquakeB.body, at: F.start + 60))
        #expect(b.duplicateOf == nil)
    }

    @Test func contradictingNearCopyIsNotADuplicate() {
        // The guard is whatever judges contradiction; here one that flags any differing number.
        var tracker = StoryTracker(contradicts: { a, b in
            a.filter(\.isNumber) != b.filter(\.isNumber)
        })
        tracker.add(F.article("a", title: "الصحة: 17 إصابة جديدة", body: Self.wire))
        var changed = Self.wire
        changed[0] = changed[0].replacingOccurrences(of: "17", with: "71")
        let b = tracker.add(F.article("b", title: "الصحة: 71 إصابة جديدة", body: changed, at: F.start + 60))
        #expect(b.duplicateOf == nil)
    }

    @Test func theRelationJudgeKeepsAContradictingCopyVisible() {
        var tracker = StoryTracker() // the shipped relation judge
        let a = tracker.add(F.article("a", title: "الصحة: 17 إصابة جديدة", body: Self.wire))
        var changed = Self.wire
        changed[0] = changed[0].replacingOccurrences(of: "17", with: "71")
        let b = tracker.add(F.article("b", title: "الصحة: 71 إصابة جديدة", body: changed, at: F.start + 60))
        #expect(b.duplicateOf == nil, "another number is another claim, not a copy")
        #expect(b.story == a.story, "a contradicting report stays in the same story")
    }

    @Test func earliestCopyIsTheOriginalEvenWhenItArrivesLater() {
        var tracker = StoryTracker()
        tracker.add(F.article("late", title: "الصحة: 17 إصابة جديدة", body: Self.wire, at: F.start + 7200))
        tracker.add(F.article("early", title: "الصحة: 17 إصابة جديدة", body: Self.wire, at: F.start))
        let final = tracker.assignments()
        #expect(final.map(\.duplicateOf) == ["early", nil])
    }

    @Test func signatureEstimatesOverlap() {
        let hasher = MinHasher()
        let words: [UInt64] = Array(1...400)
        let same = hasher.signature(words)!
        #expect(MinHasher.similarity(same, hasher.signature(words)!) == 1)
        // Half the shingles shared: the estimate lands near 1/3 (Jaccard of two 396-shingle sets sharing ~200).
        let other = hasher.signature(Array(1...200) + Array(1001...1200))!
        let estimate = MinHasher.similarity(same, other)
        #expect(estimate > 0.2 && estimate < 0.45)
        #expect(hasher.signature([]) == nil)
    }
}
