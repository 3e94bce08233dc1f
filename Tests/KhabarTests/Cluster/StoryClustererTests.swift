import Foundation
import Testing
@testable import Khabar

@Suite("Story clustering")
struct StoryClustererTests {
    typealias F = StoryFixtures

    @Test func reportsOfOneEventShareAStory() {
        var tracker = StoryTracker()
        tracker.keepTermNames = true
        let a = tracker.add(F.article("a", title: F.earthquakeA.title, body: F.earthquakeA.body, outlet: "one"))
        let b = tracker.add(F.article("b", title: F.earthquakeB.title, body: F.earthquakeB.body, outlet: "two",
                                      at: F.start + 3600))
        #expect(a.story == b.story)
        #expect(b.duplicateOf == nil)
        #expect((b.similarity ?? 0) >= tracker.clusterer.threshold)
        // The names carry the match: سومطرة/إندونيسيا stems are among the shared terms.
        #expect(b.sharedTerms.contains { $0.hasPrefix("سومطر") })
    }

    @Test func differentEventsStayApart() {
        var tracker = StoryTracker()
        let a = tracker.add(F.article("a", title: F.earthquakeA.title, body: F.earthquakeA.body))
        let c = tracker.add(F.article("c", title: F.football.title, body: F.football.body, at: F.start + 600))
        #expect(a.story != c.story)
        #expect(c.similarity == nil)
    }

    @Test func storiesFadeWithTime() {
        var tracker = StoryTracker()
        let a = tracker.add(F.article("a", title: F.earthquakeA.title, body: F.earthquakeA.body))
        let later = tracker.add(F.article("b", title: F.earthquakeB.title, body: F.earthquakeB.body,
                                          at: F.start + 30 * F.day))
        #expect(a.story != later.story, "a report a month later is another event")
    }

    @Test func rankingPrefersStoriesCoveredByMoreOutlets() {
        var tracker = StoryTracker()
        tracker.add(F.article("a", title: F.earthquakeA.title, body: F.earthquakeA.body, outlet: "one"))
        tracker.add(F.article("b", title: F.earthquakeB.title, body: F.earthquakeB.body, outlet: "two", at: F.start + 60))
        tracker.add(F.article("c", title: F.football.title, body: F.football.body, outlet: "one", at: F.start + 120))
        let stories = tracker.stories()
        #expect(stories.count == 2)
        #expect(stories.first?.articles == ["a", "b"])
        #expect(stories.first?.outlets.sorted() == ["one", "two"])
        #expect(stories.first.map { $0.importance > stories[1].importance } == true)
        #expect(stories.first?.headline == F.earthquakeA.title || stories.first?.headline == F.earthquakeB.title)
    }

    @Test func articlesWithoutDatesStillCluster() {
        var tracker = StoryTracker()
        let a = tracker.add(F.article("a", title: F.earthquakeA.title, body: F.earthquakeA.body, at: nil))
        let b = tracker.add(F.article("b", title: F.earthquakeB.title, body: F.earthquakeB.body, at: nil))
        #expect(a.story == b.story)
    }

    @Test func backgroundTableRoundTrips() throws {
        let table = BackgroundFrequencies(documents: 42, frequencies: [1: 3, 0xFFFF_FFFF_FFFF: 7])
        let decoded = try #require(BackgroundFrequencies(encoded: table.encoded))
        #expect(decoded.documents == 42)
        #expect(decoded.frequencies == table.frequencies)
        #expect(BackgroundFrequencies(encoded: Data("nonsense".utf8)) == nil)
        #expect(BackgroundFrequencies.shipped.documents > 1000, "the shipped IDF prior must load")
    }

    @Test func timestampsRoundTrip() {
        let date = PublishedDate(year: 2023, month: 9, day: 13, hour: 8, minute: 41, second: 5, utcOffsetMinutes: 120)
        #expect(date.secondsSince1970 == 1_694_587_265)
        #expect(PublishedDate(utcSecondsSince1970: 1_694_587_265).iso8601 == "2023-09-13T06:41:05Z")
        #expect(PublishedDate(utcSecondsSince1970: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(PublishedDate(year: 2024, month: 2, day: 29).secondsSince1970 == 1_709_208_000) // midday UTC
    }
}
