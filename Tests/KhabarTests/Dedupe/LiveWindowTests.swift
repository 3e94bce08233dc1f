import Testing
@testable import Khabar

/// Undated articles have no time window: the copy index and the clusterer keep only the latest
/// arrivals live (`maxLive`, `arrivalWindow`), so a flood of them cannot grow either without bound.
@Suite("Live window by arrivals")
struct LiveWindowTests {
    typealias F = StoryFixtures

    /// An undated article about nothing the fixtures talk about: made-up words, different per `i`.
    static func filler(_ i: Int) -> ArticleProfile {
        let letters = Array("بتثجحخدذرزسشصضطظعغفقكلمنهوي")
        let words = (0..<40).map { k -> String in
            let n = i * 40 + k, m = letters.count
            return String([letters[n % m], letters[(n / m) % m], letters[(n / (m * m)) % m], letters[(k * 7 + i) % m]])
        }
        return F.article("filler-\(i)", title: words.prefix(6).joined(separator: " "),
                         body: [words.joined(separator: " ") + "."], at: nil)
    }

    static func copyAfterFillers(maxLive: Int? = nil) -> StoryAssignment {
        var tracker = StoryTracker()
        if let maxLive { tracker.duplicates.maxLive = maxLive }
        tracker.duplicates.pruneInterval = 1
        tracker.add(F.article("original", title: "الصحة: 17 إصابة جديدة", body: NearDuplicateTests.wire, at: nil))
        for i in 0..<5 { tracker.add(filler(i)) }
        return tracker.add(F.article("copy", title: "تسجيل 17 إصابة جديدة", body: NearDuplicateTests.wire,
                                     outlet: "صحيفة", at: nil))
    }

    @Test func anUndatedCopyIsFoundWithinTheLatestArrivals() {
        #expect(Self.copyAfterFillers().duplicateOf == "original")
    }

    @Test func anUndatedCopyOlderThanTheLatestArrivalsIsNotCompared() {
        #expect(Self.copyAfterFillers(maxLive: 3).duplicateOf == nil)
    }

    static func sameTopicAfterFillers(arrivalWindow: Int? = nil) -> (first: StoryAssignment, later: StoryAssignment) {
        var tracker = StoryTracker()
        if let arrivalWindow { tracker.clusterer.arrivalWindow = arrivalWindow }
        tracker.clusterer.pruneInterval = 1
        let first = tracker.add(F.article("a", title: F.earthquakeA.title, body: F.earthquakeA.body, at: nil))
        for i in 0..<5 { tracker.add(filler(i)) }
        let later = tracker.add(F.article("b", title: F.earthquakeB.title, body: F.earthquakeB.body, at: nil))
        return (first, later)
    }

    @Test func anUndatedStoryTakesArticlesWithinTheLatestArrivals() {
        let (first, later) = Self.sameTopicAfterFillers()
        #expect(later.story == first.story)
    }

    @Test func anUndatedStoryIdleForMoreArrivalsThanTheWindowIsClosed() {
        let (first, later) = Self.sameTopicAfterFillers(arrivalWindow: 3)
        #expect(later.story != first.story)
    }
}
