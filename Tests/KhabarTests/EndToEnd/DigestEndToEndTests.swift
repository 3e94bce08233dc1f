import Foundation
import Testing
@testable import Khabar

/// `khabar digest`'s pipeline on the stories-dev window: every story gets a digest whose every
/// reference points into the story.
@Suite("Digest end to end")
struct DigestEndToEndTests {
    @Test func everyStoryOfTheDevWindowHasAConsistentDigest() throws {
        guard let articles = SharedData.locate("data/stories-dev/d1-articles.jsonl") else { return }
        var tracker = StoryTracker()
        let digest = Pipeline(jobs: 2).digest(paths: [articles.path], tracker: &tracker, onError: { error in
            Issue.record("\(error.input): \(error.message)")
        })
        #expect(digest.articles.count == 375)
        let stories = tracker.stories()
        #expect(digest.stories.count == stories.count, "one digest per story")
        #expect(digest.stories.map(\.id) == stories.map(\.id), "in the ranking's order")
        #expect(Set(digest.stories.flatMap(\.articles)).count == 375, "every article in exactly one story")
        let storyOf = Dictionary(uniqueKeysWithValues: digest.articles.map { ($0.article.id, $0.story) })
        for story in digest.stories {
            let members = Set(story.articles)
            #expect(members.allSatisfy { storyOf[$0] == story.id })
            #expect(!story.headline.isEmpty && members.contains(story.headlineArticle))
            #expect(!story.summary.isEmpty, "story \(story.id) has a summary")
            #expect(story.summary.count <= 7)
            for sentence in story.summary {
                #expect(members.isSuperset(of: sentence.citedBy) && sentence.citedBy.first == sentence.article)
            }
            // No summary sentence repeats another one.
            #expect(Set(story.summary.map(\.text)).count == story.summary.count)
            #expect(story.quotes.allSatisfy { members.isSuperset(of: $0.sources) && !$0.sources.isEmpty })
            #expect(story.timeline.allSatisfy { members.isSuperset(of: $0.sources) })
            #expect(story.timeline.map(\.date) == story.timeline.map(\.date).sorted())
            #expect(story.coverage.allSatisfy { members.isSuperset(of: $0.sources) && !$0.outlets.isEmpty })
            #expect(story.contradictions.allSatisfy { c in
                c.values.count == 2 && Set(c.values.flatMap(\.sources)).isSubset(of: members)
            })
            if Set(story.outlets).count == 1 { #expect(story.coverage.isEmpty) }
        }
        // Multi-outlet stories cite more than one outlet somewhere in their summary.
        let multi = digest.stories.filter { $0.outlets.count > 1 }
        let outletOf = Dictionary(uniqueKeysWithValues: digest.articles.map { ($0.article.id, $0.article.outlet ?? $0.article.id) })
        let citingSeveral = multi.filter { story in Set(story.summary.flatMap(\.citedBy).compactMap { outletOf[$0] }).count > 1 }
        #expect(citingSeveral.count == multi.count, "\(multi.count - citingSeveral.count) multi-outlet stories cite one outlet")
    }
}
