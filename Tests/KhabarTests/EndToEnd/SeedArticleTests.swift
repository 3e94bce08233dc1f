import Foundation
import Testing
@testable import Khabar

/// The acceptance criteria of the cleaning issue, on the five seed articles in ../shared/seeds.
/// Line numbers are 1-based lines of the source files, read by hand: `body` are the lines that must
/// come out as paragraphs (in order, nothing else), `creditCut` those among them whose glued
/// "المصدر: …" tail must be cut (the paragraph is the part before it).
struct SeedSpec: Sendable, CustomTestStringConvertible {
    let file: String
    let body: [Int]
    let creditCut: Set<Int>

    var id: String { String(file.dropLast(4)) }
    var testDescription: String { file }

    static let s000 = SeedSpec(file: "000_eb4cdd8fa4514906.txt",
                               body: [1, 3, 5, 7, 9, 15, 17, 19, 21, 23], creditCut: [])
    static let s001 = SeedSpec(file: "001_644e505c8e24e2a4.txt",
                               body: Array(1...11), creditCut: [6])
    static let s002 = SeedSpec(file: "002_3709f080d7caa3b5.txt",
                               body: Array(3...9), creditCut: [9])
    static let s003 = SeedSpec(file: "003_82207d76b3937544.txt",
                               body: [1, 3, 5, 7, 9, 11, 13, 15, 17], creditCut: [])
    static let s004 = SeedSpec(file: "004_5f8b1ed6ee95fd96.txt",
                               body: [8, 10, 12, 13, 15, 17, 19, 21, 23, 24, 26, 28, 29, 31, 33, 35, 37], creditCut: [])
    static let all = [s000, s001, s002, s003, s004]

    /// Markers of junk that must never reach a paragraph of any seed.
    static let junkMarkers = [
        "اقرأ أيضاً", "إقرأ أيضاً", "كلمات دلالية", "المصدر", "إعلان", "تعليق (0)", "مقالات مشابهة",
        "عناوين ذات صلة", "القطب الشمالي", "2.4 مليون", "يون سوك يول", "باميان", "WTV", "Atwasat",
        "article-img-ratio", "تابع أحدث الأخبار",
    ]
}

/// A seed file's lines and its cleaned article.
struct CleanedSeed {
    let spec: SeedSpec
    let lines: [String]
    let article: CleanArticle

    /// Source line `n` (1-based).
    func line(_ n: Int) -> String { lines[n - 1] }

    /// What paragraph source line `n` must become (the credit cut where the spec says so), canonical.
    func expectedParagraph(_ n: Int) -> String {
        var text = line(n)
        if spec.creditCut.contains(n), let credit = text.range(of: "المصدر", options: .backwards) {
            text = String(text[..<credit.lowerBound])
        }
        return TextCompare.canon(text)
    }

    var expectedParagraphs: [String] { spec.body.map(expectedParagraph) }
    var paragraphs: [String] { article.paragraphs.map(TextCompare.canon) }

    /// Reads and cleans one seed through the pipeline; nil (test returns early) when ../shared is absent.
    static func load(_ spec: SeedSpec, sourceLocation: SourceLocation = #_sourceLocation) throws -> CleanedSeed? {
        guard let seeds = SharedData.seedsFolder(sourceLocation: sourceLocation) else { return nil }
        let url = seeds.appendingPathComponent(spec.file)
        let text = try String(contentsOf: url, encoding: .utf8)
        var results: [Result<CleanArticle, InputError>] = []
        Pipeline(jobs: 1).clean(paths: [url.path]) { results.append($0) }
        #expect(results.count == 1, sourceLocation: sourceLocation)
        let article = try #require(try results.first?.get(), sourceLocation: sourceLocation)
        return CleanedSeed(spec: spec, lines: text.components(separatedBy: "\n"), article: article)
    }
}

@Suite("Seed articles, end to end")
struct SeedArticleTests {
    // MARK: - Body and junk

    @Test("every body line is a paragraph", arguments: SeedSpec.all)
    func bodyLinesKept(_ spec: SeedSpec) throws {
        guard let seed = try CleanedSeed.load(spec) else { return }
        let paragraphs = Set(seed.paragraphs)
        for n in spec.body {
            let expected = seed.expectedParagraph(n)
            #expect(paragraphs.contains(expected), "line \(n) of \(spec.file) is body but is not a paragraph: \(expected)")
        }
    }

    @Test("as many paragraphs as body lines, in source order", arguments: SeedSpec.all)
    func paragraphCountAndOrder(_ spec: SeedSpec) throws {
        guard let seed = try CleanedSeed.load(spec) else { return }
        #expect(seed.article.paragraphs.count == spec.body.count)
        #expect(seed.paragraphs == seed.expectedParagraphs)
    }

    @Test("no junk line is a paragraph", arguments: SeedSpec.all)
    func junkLinesDropped(_ spec: SeedSpec) throws {
        guard let seed = try CleanedSeed.load(spec) else { return }
        let body = Set(spec.body)
        let paragraphs = Set(seed.paragraphs)
        for (i, raw) in seed.lines.enumerated() where !body.contains(i + 1) {
            let line = TextCompare.canon(raw)
            guard !line.isEmpty else { continue }
            #expect(!paragraphs.contains(line), "line \(i + 1) of \(spec.file) is junk but was kept: \(line)")
        }
    }

    @Test("no junk marker appears in any paragraph", arguments: SeedSpec.all)
    func noJunkMarkers(_ spec: SeedSpec) throws {
        guard let seed = try CleanedSeed.load(spec) else { return }
        for paragraph in seed.article.paragraphs {
            for marker in SeedSpec.junkMarkers {
                #expect(!paragraph.contains(marker), "\(spec.file): paragraph contains junk marker \"\(marker)\": \(paragraph)")
            }
        }
    }

    @Test func appendedArticlesAreCut() throws {
        // 000 from line 35 on, 002 from line 11 on, 003 from line 25 on are other articles.
        for (spec, from) in [(SeedSpec.s000, 35), (SeedSpec.s002, 11), (SeedSpec.s003, 25)] {
            guard let seed = try CleanedSeed.load(spec) else { return }
            let paragraphs = Set(seed.paragraphs)
            for n in from...seed.lines.count {
                let line = TextCompare.canon(seed.line(n))
                guard !line.isEmpty else { continue }
                #expect(!paragraphs.contains(line), "\(spec.file) line \(n) belongs to an appended article")
                // A line of the appended article must not survive inside a paragraph either.
                if line.count > 40 {
                    #expect(!seed.article.paragraphs.contains { TextCompare.canon($0).contains(line) },
                            "\(spec.file) line \(n) survives inside a paragraph")
                }
            }
        }
    }

    @Test func gluedSourceCutFrom002() throws {
        guard let seed = try CleanedSeed.load(.s002) else { return }
        let last = try #require(seed.article.paragraphs.last)
        #expect(last.hasSuffix("بأعيننا."))
        #expect(!seed.article.paragraphs.contains { $0.contains("سكاي نيوز") })
        #expect(seed.article.removed.contains { $0.reason == .credit && $0.text.contains("سكاي نيوز عربية") })
    }

    @Test func quoteIntroAndQuoteKeptIn002() throws {
        guard let seed = try CleanedSeed.load(.s002) else { return }
        #expect(seed.paragraphs.contains("وأضاف كيم:"))
        #expect(seed.paragraphs.contains(seed.expectedParagraph(9)))
    }

    @Test func photoCaptionKeptWithoutCreditIn001() throws {
        guard let seed = try CleanedSeed.load(.s001) else { return }
        let caption = seed.expectedParagraph(6)
        #expect(caption.hasSuffix("13 سبتمبر/أيلول 2023."))
        #expect(seed.paragraphs.contains(caption))
        #expect(!seed.article.paragraphs.contains { $0.contains("المصدر: سبوتنيك") })
    }

    @Test func subheadingsKeptIn004() throws {
        guard let seed = try CleanedSeed.load(.s004) else { return }
        for subheading in ["روسيا «مهتمة بشراء ذخائر كورية شمالية»",
                           "بوتين: روسيا ستساعد كوريا الشمالية على بناء أقمار صناعية",
                           "«مكاسب تكتيكية» من لقاء بوتين وكيم"] {
            #expect(seed.paragraphs.contains(subheading), "subheading dropped: \(subheading)")
        }
    }

    // MARK: - Metadata

    @Test func metadataOf000() throws {
        guard let seed = try CleanedSeed.load(.s000) else { return }
        let a = seed.article
        #expect(a.title == nil, "000's first line is body, not a title")
        #expect(a.outlet == "الخليج الجديد")
        #expect(a.agencies.contains("رويترز"))
        // Agencies named only in the appended article or related headlines are not this article's.
        #expect(!a.agencies.contains("د ب أ"))
        #expect(!a.agencies.contains("يونهاب"))
        #expect(a.language == "ar")
    }

    @Test func metadataOf001() throws {
        guard let seed = try CleanedSeed.load(.s001) else { return }
        let a = seed.article
        #expect(a.title == nil, "001's first line is body, not a title")
        #expect(a.agencies.contains("RT"))
        #expect(a.agencies.contains("سبوتنيك"))
    }

    @Test func metadataOf002() throws {
        guard let seed = try CleanedSeed.load(.s002) else { return }
        let a = seed.article
        #expect(a.title.map(TextCompare.canon) == TextCompare.canon(seed.line(1)))
        #expect(a.published?.iso8601 == "2023-09-14")
        #expect(!seed.paragraphs.contains(TextCompare.canon(seed.line(1))))
        #expect(!seed.article.paragraphs.contains { $0.contains("تاريخ النشر") })
    }

    @Test func metadataOf003() throws {
        guard let seed = try CleanedSeed.load(.s003) else { return }
        #expect(seed.article.outlet == "صدى البلد")
        #expect(seed.article.title.map(TextCompare.canon) != TextCompare.canon(seed.line(1)))
    }

    @Test func metadataOf004() throws {
        guard let seed = try CleanedSeed.load(.s004) else { return }
        let a = seed.article
        #expect(a.title.map(TextCompare.canon) == TextCompare.canon(seed.line(3)))
        #expect(a.published?.iso8601 == "2023-09-13T08:41")
        #expect(a.place == "القاهرة")
        #expect(a.outlet == "بوابة الوسط")
        #expect(a.agencies.contains("فرانس برس"))
        #expect(!seed.paragraphs.contains(TextCompare.canon(seed.line(5))), "the dateline is metadata, not body")
    }

    @Test("each agency is listed once", arguments: SeedSpec.all)
    func agenciesUnique(_ spec: SeedSpec) throws {
        guard let seed = try CleanedSeed.load(spec) else { return }
        #expect(Set(seed.article.agencies).count == seed.article.agencies.count, "\(seed.article.agencies)")
    }

    @Test("id is the file name without extension", arguments: SeedSpec.all)
    func idFromFileName(_ spec: SeedSpec) throws {
        guard let seed = try CleanedSeed.load(spec) else { return }
        #expect(seed.article.id == spec.id)
    }

    // MARK: - Removal reasons

    @Test func removalReasonsOf000() throws {
        guard let seed = try CleanedSeed.load(.s000) else { return }
        let reasons = Set(seed.article.removed.map(\.reason))
        for reason in [RemovalReason.keywords, .credit, .readAlso, .relatedHeadlines, .appendedArticle] {
            #expect(reasons.contains(reason), "000 has no \(reason.rawValue) removal")
        }
        #expect(seed.article.removed.contains { $0.reason == .credit && $0.text.contains("الخليج الجديد") })
        #expect(seed.article.removed.contains { $0.reason == .keywords && $0.text.hasPrefix("كلمات دلالية") })
    }

    @Test func removalReasonsOf001() throws {
        guard let seed = try CleanedSeed.load(.s001) else { return }
        let reasons = Set(seed.article.removed.map(\.reason))
        #expect(reasons.contains(.advertisement))
        #expect(reasons.contains(.commentCounter))
        #expect(seed.article.removed.contains { $0.reason == .credit && $0.text.contains("سبوتنيك") })
    }

    @Test func removalReasonsOf004() throws {
        guard let seed = try CleanedSeed.load(.s004) else { return }
        let reasons = Set(seed.article.removed.map(\.reason))
        #expect(reasons.contains(.siteChrome))
        #expect(reasons.contains(.dateline))
        #expect(reasons.contains(.title))
        #expect(seed.article.removed.contains { $0.reason == .siteChrome && $0.text == "Atwasat" })
    }

    @Test("every removed block has its text", arguments: SeedSpec.all)
    func removedBlocksNonEmpty(_ spec: SeedSpec) throws {
        guard let seed = try CleanedSeed.load(spec) else { return }
        #expect(!seed.article.removed.isEmpty)
        #expect(seed.article.removed.allSatisfy { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty })
    }
}
