import Foundation
import Testing
@testable import Khabar

/// The story stages on real data: the seeds, and the stories-dev window with its gold events.
@Suite("Stories end to end")
struct StoryEndToEndTests {
    static func track(_ paths: [String]) -> (StoryTracker, [StoryAssignment]) {
        var tracker = StoryTracker()
        var firstSeen: [StoryAssignment] = []
        Pipeline(jobs: 2).track(paths: paths, analyser: ArticleAnalyser(), into: &tracker) { outcome in
            if case .success(let (_, assignment)) = outcome { firstSeen.append(assignment) }
        }
        return (tracker, firstSeen)
    }

    @Test func seedsAreOneStoryWithoutDuplicates() throws {
        guard let seeds = SharedData.seedsFolder() else { return }
        let (tracker, _) = Self.track([seeds.path])
        let assignments = tracker.assignments()
        #expect(assignments.count == 5)
        #expect(Set(assignments.map(\.story)).count == 1, "the five seeds report one event")
        #expect(assignments.allSatisfy { $0.duplicateOf == nil }, "no seed is a copy of another")
    }

    /// B-cubed F1 on the stories-dev window. The target is 0.93; this test guards against
    /// regressions below what the current method measures (0.82), it does not claim the target.
    @Test func storiesDevWindowScore() throws {
        guard let articles = SharedData.locate("data/stories-dev/d1-articles.jsonl"),
              let goldURL = SharedData.locate("data/stories-dev/d1-gold.json") else { return }
        let (tracker, _) = Self.track([articles.path])
        let predicted = Dictionary(uniqueKeysWithValues: tracker.assignments().map { ($0.article, String($0.story)) })
        let gold = try GoldEvents(contentsOf: goldURL)
        let score = BCubed.score(gold: gold.eventOf, predicted: predicted)
        print("stories-dev B-cubed: P \(score.precision) R \(score.recall) F1 \(score.f1)")
        #expect(score.f1 >= 0.80)
    }

    @Test func tricklingGivesTheSameStoriesAsABatch() throws {
        guard let articles = SharedData.locate("data/stories-dev/d1-articles.jsonl") else { return }
        let (batch, firstSeen) = Self.track([articles.path])
        // One at a time, as a server receives them.
        var trickle = StoryTracker()
        let analyser = ArticleAnalyser()
        var oneByOne: [StoryAssignment] = []
        InputReader().read(paths: [articles.path]) { outcome in
            guard case .success(let raw) = outcome else { return }
            oneByOne.append(trickle.add(analyser.profile(Cleaner().clean(raw))))
        }
        #expect(oneByOne.map(\.story) == batch.assignments().map(\.story))
        #expect(firstSeen.map(\.story) == oneByOne.map(\.story))
    }
}

/// Gold events of a stories data set: `{"events": [{"event", "docnos": [...]}]}`.
struct GoldEvents {
    var eventOf: [String: String] = [:]

    init(contentsOf url: URL) throws {
        struct File: Decodable { struct Event: Decodable { let event: String; let docnos: [String] }; let events: [Event] }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        for event in file.events { for doc in event.docnos { eventOf[doc] = event.event } }
    }
}

/// B-cubed precision, recall and F1 (Bagga & Baldwin), as ../shared/tools/bcubed.py computes them:
/// gold articles missing from the prediction count as singletons.
enum BCubed {
    static func score(gold: [String: String], predicted: [String: String]) -> (precision: Double, recall: Double, f1: Double) {
        var goldSets: [String: Set<String>] = [:], predictedSets: [String: Set<String>] = [:]
        let label = { (item: String) in predicted[item] ?? "missing:" + item }
        for (item, event) in gold {
            goldSets[event, default: []].insert(item)
            predictedSets[label(item), default: []].insert(item)
        }
        var p = 0.0, r = 0.0
        for (item, event) in gold {
            let g = goldSets[event]!, q = predictedSets[label(item)]!
            let both = Double(g.intersection(q).count)
            p += both / Double(q.count)
            r += both / Double(g.count)
        }
        p /= Double(gold.count)
        r /= Double(gold.count)
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }
}
