import Foundation
import Testing
@testable import Khabar

@Suite("Word classes")
struct WordClustersTests {
    static let names = ["زيد", "عمرو", "هشام", "ماجد", "نادر"]
    static let cities = ["طنطا", "حمص", "إربد", "صفاقس", "مكناس"]

    /// Names seen only after قال and cities only after في: each group is one class, apart.
    static func clusters() -> WordClusters {
        var builder = WordClusterBuilder()
        builder.minimumCount = 1
        builder.fineClusters = 13 // all but one of the 14 words seed a class
        builder.coarseClusters = 13
        builder.seedPool = 14
        for _ in 0..<3 {
            for name in names { builder.add(text: "قال \(name) اليوم") }
            for city in cities { builder.add(text: "في \(city) أمس") }
        }
        return builder.build()
    }

    @Test func wordsInTheSameContextsShareAClass() throws {
        let clusters = Self.clusters()
        #expect(clusters.count == 14)
        let nameClasses = Set(Self.names.compactMap { clusters.classes(of: $0)?.fine })
        let cityClasses = Set(Self.cities.compactMap { clusters.classes(of: $0)?.fine })
        #expect(nameClasses.count == 1 && cityClasses.count == 1)
        #expect(nameClasses != cityClasses)
        // Clitics are stripped as the tagger's features strip them.
        #expect(clusters.classes(of: "وطنطا")?.fine == clusters.classes(of: "طنطا")?.fine)
        #expect(clusters.classes(of: "غريب") == nil)
    }

    @Test func encodingRoundTrips() throws {
        let clusters = Self.clusters()
        let decoded = try #require(WordClusters(encoded: clusters.encoded))
        #expect(decoded.count == clusters.count)
        for word in Self.names + Self.cities {
            #expect(decoded.classes(of: word)?.fine == clusters.classes(of: word)?.fine)
            #expect(decoded.classes(of: word)?.coarse == clusters.classes(of: word)?.coarse)
        }
        #expect(WordClusters(encoded: Data("KWCL".utf8)) == nil)
    }

    /// The shipped classes are the ones the shipped model was trained with (built from SaudiNewsNet).
    @Test func shippedClassesAreLoaded() {
        #expect(WordClusters.shipped.count > 10_000)
    }
}
