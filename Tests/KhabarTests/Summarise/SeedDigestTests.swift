import Foundation
import Testing
@testable import Khabar

/// Issue 5's acceptance points on the five seed articles, through the whole pipeline.
@Suite("Digest of the seeds")
struct SeedDigestTests {
    static func seedDigest() -> Digest? {
        guard let seeds = SharedData.seedsFolder() else { return nil }
        var tracker = StoryTracker()
        return Pipeline(jobs: 2).digest(paths: [seeds.path], tracker: &tracker, onError: { error in
            Issue.record("seed input failed: \(error.input): \(error.message)")
        })
    }

    @Test func oneStoryAboutTheMeetingAtVostochny() throws {
        guard let digest = Self.seedDigest() else { return }
        #expect(digest.stories.count == 1)
        let story = try #require(digest.stories.first)
        #expect(story.articles.count == 5)
        let headline = story.headline
        #expect(["بوتين", "بوتن"].contains { headline.contains($0) }, "headline names Putin: \(headline)")
        #expect(headline.contains("كيم"), "headline names Kim: \(headline)")
        #expect(["فوستوتشني", "فوستوشني"].contains { headline.contains($0) }, "headline names Vostochny: \(headline)")
    }

    @Test func everySummarySentenceIsCitedAndTheCentralFactByThree() throws {
        guard let digest = Self.seedDigest(), let story = digest.stories.first else { return }
        #expect((3...7).contains(story.summary.count))
        for sentence in story.summary {
            #expect(!sentence.citedBy.isEmpty)
            #expect(sentence.citedBy.first == sentence.article)
            #expect(Set(sentence.citedBy).isSubset(of: story.articles))
        }
        // The central fact: the meeting at Vostochny, or Putin's pledge to help build satellites.
        let central = story.summary.filter { s in
            ["فوستوتشني", "فوستوشني", "أقمار"].contains { s.text.contains($0) }
        }
        #expect(central.contains { Set($0.citedBy).count >= 3 }, "central fact cited by ≥ 3: \(central.map(\.citedBy))")
    }

    @Test func noJunkOrAppendedArticleAnywhere() throws {
        guard let digest = Self.seedDigest() else { return }
        let outputs = [digest.json(), digest.markdown(), digest.html()]
        for marker in ["القطب الشمالي", "2.4 مليون", "يون سوك يول", "باميان", "WTV", "اقرأ أيضا", "اقرأ أيضاً"] {
            for (format, output) in zip(["json", "markdown", "html"], outputs) {
                let found = output.contains(marker)
                #expect(!found, "\(marker) appears in the \(format) digest")
            }
        }
    }

    @Test func timelineHasTheFourDays() throws {
        guard let digest = Self.seedDigest(), let story = digest.stories.first else { return }
        func entries(_ day: String) -> [TimelineEntry] { story.timeline.filter { $0.date == day } }
        // Kim enters Russia; the summit at Vostochny; the Kremlin announces the gifts; Kim inspects
        // bombers and warships with Shoigu (told by an undated article: "يوم السبت").
        #expect(entries("2023-09-12").contains { ["دخوله", "العبور"].contains(where: $0.text.contains) })
        #expect(entries("2023-09-13").contains { ["فوستوتشني", "فوستوشني", "بوتين", "بوتن"].contains(where: $0.text.contains) })
        #expect(entries("2023-09-14").contains { $0.text.contains("بندقية") && $0.text.contains("الكرملين") })
        let inspection = entries("2023-09-16")
        #expect(inspection.contains { $0.text.contains("القاذفات") && $0.text.contains("شويجو") && $0.inferred })
        #expect(story.timeline.map(\.date) == story.timeline.map(\.date).sorted())
    }

    @Test func happyToMeetYouIsOneStatementFromSeveralSources() throws {
        guard let digest = Self.seedDigest(), let story = digest.stories.first else { return }
        let putin = story.entities.first { $0.variants.contains("بوتين") && $0.variants.contains("بوتن") }
        let happy = try #require(story.quotes.first { quote in
            ([quote.text] + quote.variants).contains { $0.contains("سعيد") && $0.contains("لقائك") }
        })
        #expect(happy.speakerEntity != nil && happy.speakerEntity == putin?.id)
        #expect(happy.sources.count >= 2)
        #expect(([happy.text] + happy.variants).filter { $0.contains("سعيد") }.count >= 2)
    }

    @Test func undatedArticlesGetAnInferredDayFromTheStory() throws {
        guard let digest = Self.seedDigest() else { return }
        let sadaAlBalad = try #require(digest.articles.first { $0.article.id.hasPrefix("003") })
        #expect(sadaAlBalad.article.published == nil)
        // "اليوم الأحد", after the summit of Wednesday 13 September: Sunday 17 September.
        #expect(sadaAlBalad.inferredPublication == PublishedDate(year: 2023, month: 9, day: 17))
        let dated = try #require(digest.articles.first { $0.article.id.hasPrefix("004") })
        #expect(dated.inferredPublication == nil)
    }
}
