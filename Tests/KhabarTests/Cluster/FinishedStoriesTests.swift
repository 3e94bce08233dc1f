import Testing
@testable import Khabar

/// A digest run writes a story and lets its articles go once the story can change no more: it
/// left the clusterer's window and the copy index can no longer match any of its articles.
@Suite("Finished stories")
struct FinishedStoriesTests {
    typealias F = StoryFixtures

    static func tracker() -> StoryTracker {
        var tracker = StoryTracker()
        tracker.reportsFinishedStories = true
        tracker.clusterer.pruneInterval = 1
        tracker.duplicates.pruneInterval = 1
        return tracker
    }

    @Test func aStoryFinishesWhenItLeavesTheWindow() {
        var tracker = Self.tracker()
        let quake = tracker.add(F.article("a", title: F.earthquakeA.title, body: F.earthquakeA.body)).story
        tracker.add(F.article("b", title: F.earthquakeB.title, body: F.earthquakeB.body, at: F.start + F.day))
        #expect(tracker.takeFinishedStories().isEmpty, "still in the window")
        let football = tracker.add(F.article("c", title: F.football.title, body: F.football.body, at: F.start + 10 * F.day)).story
        let finished = tracker.takeFinishedStories()
        #expect(finished.map(\.story) == [quake])
        #expect(finished.first?.members == [0, 1])
        #expect(tracker.takeFinishedStories().isEmpty, "each story is given once")
        #expect(tracker.takeRemainingStories().map(\.story) == [football])
        #expect(tracker.takeRemainingStories().isEmpty)
    }

    /// An undated copy stays matchable by arrivals after its dated story left the time window;
    /// another copy of it would join the story again, so the story is not finished until the copy
    /// index forgets it.
    @Test func aStoryWithAMatchableCopyIsNotFinished() {
        var tracker = Self.tracker()
        let story = tracker.add(F.article("original", title: "الصحة: 17 إصابة جديدة", body: NearDuplicateTests.wire)).story
        let copy = tracker.add(F.article("copy", title: "تسجيل 17 إصابة جديدة", body: NearDuplicateTests.wire,
                                         outlet: "صحيفة", at: nil))
        #expect(copy.story == story && copy.duplicateOf == "original")
        tracker.add(F.article("c", title: F.football.title, body: F.football.body, at: F.start + 10 * F.day))
        #expect(!tracker.takeFinishedStories().contains { $0.story == story })
        let again = tracker.add(F.article("again", title: "17 إصابة جديدة", body: NearDuplicateTests.wire,
                                          outlet: "موقع", at: nil))
        #expect(again.story == story, "the copy index still matched the undated copy")
        #expect(!tracker.takeFinishedStories().contains { $0.story == story })
        tracker.duplicates.maxLive = 2
        for i in 0..<3 { tracker.add(LiveWindowTests.filler(i)) }
        let finished = tracker.takeFinishedStories().first { $0.story == story }
        #expect(finished?.members == [0, 1, 3])
    }
}
