import Foundation
import Testing
@testable import Khabar

/// The issue's date acceptance on the seed articles: clean each seed, extract dates from its body
/// (paragraphs joined by a blank line) against its publication date.
@Suite("Dates on the seed articles")
struct SeedDateTests {
    static func cleanSeed(_ prefix: String) throws -> CleanArticle? {
        guard let seeds = SharedData.seedsFolder() else { return nil }
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasPrefix(prefix) }
        let file = try #require(files.first)
        var results: [Result<CleanArticle, InputError>] = []
        Pipeline(jobs: 1).clean(paths: [seeds.appendingPathComponent(file).path]) { results.append($0) }
        return try #require(try results.first?.get())
    }

    static func dates(_ article: CleanArticle) -> [DateMention] {
        DateExtractor().extract(text: article.paragraphs.joined(separator: "\n\n"), published: article.published)
    }

    @Test func seed001DaysTakeTheTextsYear() throws {
        guard let article = try Self.cleanSeed("001_") else { return }
        let found = Self.dates(article)
        // "في 13 سبتمبر/أيلول" and "من يوم 13 سبتمبر": no publication date, the year from "13 سبتمبر/أيلول 2023".
        let thirteenth = found.filter { $0.text.contains("13 سبتمبر") }
        #expect(thirteenth.count >= 2, "\(found.map { "\($0.text)=\($0.value ?? "nil")" })")
        #expect(thirteenth.allSatisfy { $0.value == "2023-09-13" }, "\(thirteenth.map { "\($0.text)=\($0.value ?? "nil")" })")
        #expect(found.contains { $0.text == "صباح يوم 12 سبتمبر" && $0.value == "2023-09-12" })
    }

    @Test func seed002WednesdayBeforeThursdayPublication() throws {
        guard let article = try Self.cleanSeed("002_") else { return }
        #expect(article.published?.dayOnly == PublishedDate(year: 2023, month: 9, day: 14))
        let wednesdays = Self.dates(article).filter { $0.text == "الأربعاء" }
        #expect(!wednesdays.isEmpty)
        #expect(wednesdays.allSatisfy { $0.value == "2023-09-13" })
    }

    @Test func seed004WednesdayOnPublicationDay() throws {
        guard let article = try Self.cleanSeed("004_") else { return }
        let wednesdays = Self.dates(article).filter { $0.text == "الأربعاء" }
        #expect(!wednesdays.isEmpty)
        #expect(wednesdays.allSatisfy { $0.value == "2023-09-13" })
    }
}
