import Foundation
import KhabarText
import Testing
@testable import Khabar

/// The issue's quote acceptance on the seed articles: each listed quote is found in its seed's clean
/// body and comes with the right speaker.
@Suite("Quotes on the seed articles")
struct SeedQuoteTests {
    /// A phrase said in a seed, and a name the speaker text must hold (any of the spellings).
    struct Expected: CustomTestStringConvertible, Sendable {
        let seed: String
        let phrase: String
        let speakerSpellings: [String]
        var testDescription: String { "\(seed) \(phrase)" }
    }

    static let putin = ["بوتين", "بوتن"]
    static let expected: [Expected] = [
        Expected(seed: "000_", phrase: "هذا سبب قدومنا إلى هنا", speakerSpellings: putin),
        Expected(seed: "000_", phrase: "سعيد بلقائك", speakerSpellings: putin),
        Expected(seed: "001_", phrase: "أنا سعيد للغاية بلقائك", speakerSpellings: putin),
        Expected(seed: "004_", phrase: "سنناقش كل المواضيع دون تسرّع", speakerSpellings: putin),
        Expected(seed: "004_", phrase: "دائما ما عبرنا عن الدعم الكامل", speakerSpellings: ["كيم"]),
        Expected(seed: "002_", phrase: "أعطى كيم بندقية", speakerSpellings: ["بيسكوف"]),
        Expected(seed: "004_", phrase: "لن تكون الصين سعيدة جدا", speakerSpellings: ["تيخونوف"]),
    ]

    @Test(arguments: expected)
    func quoteHasItsSpeaker(_ expected: Expected) throws {
        guard let article = try SeedDateTests.cleanSeed(expected.seed) else { return }
        let quotes = QuoteExtractor().extract(paragraphs: article.paragraphs)
        let phrase = ArabicNormalizer.normalize(expected.phrase)
        let matching = quotes.filter { ArabicNormalizer.normalize($0.text).contains(phrase) }
        let listing = quotes.map { "[\($0.speakerText ?? "nil")] \($0.text)" }.joined(separator: "\n")
        try #require(!matching.isEmpty, "no quote holds \(expected.phrase); found:\n\(listing)")
        let speakers = matching.map { ArabicNormalizer.normalize($0.speakerText ?? "") }
        #expect(speakers.contains { speaker in
            expected.speakerSpellings.contains { speaker.contains(ArabicNormalizer.normalize($0)) }
        }, "speakers \(matching.map { $0.speakerText ?? "nil" }) for \(expected.phrase)")
    }

    @Test func offsetsPointIntoTheBody() throws {
        guard let article = try SeedDateTests.cleanSeed("004_") else { return }
        let body = Array(article.paragraphs.joined(separator: "\n\n").utf8)
        for quote in QuoteExtractor().extract(paragraphs: article.paragraphs) {
            #expect(String(decoding: body[quote.start..<quote.end], as: UTF8.self) == quote.text)
            if let start = quote.speakerStart, let end = quote.speakerEnd, let speaker = quote.speakerText {
                #expect(String(decoding: body[start..<end], as: UTF8.self) == speaker)
            }
        }
    }

    /// Prints every quote of every seed, for reading by eye (`swift test --filter SeedQuoteTests`).
    @Test func listSeedQuotes() throws {
        guard let seeds = SharedData.seedsFolder() else { return }
        for file in try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted() {
            guard let article = try SeedDateTests.cleanSeed(String(file.prefix(4))) else { continue }
            for quote in QuoteExtractor().extract(paragraphs: article.paragraphs) {
                print("\(file.prefix(3)) \(quote.kind) [\(quote.speakerText ?? "nil")] \(quote.text)")
            }
        }
    }
}
