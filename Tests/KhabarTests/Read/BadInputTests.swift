import Foundation
import Testing
@testable import Khabar

@Suite("Reading bad inputs")
struct BadInputTests {
    static func failures(_ outcomes: [ReadOutcome]) -> [InputError] {
        outcomes.compactMap { if case .failure(let e) = $0 { return e } else { return nil } }
    }

    static func articles(_ outcomes: [ReadOutcome]) -> [RawArticle] {
        outcomes.compactMap { try? $0.get() }
    }

    /// The input names the file (the error's `input` ends with "/NAME", or "/NAME:LINE").
    static func names(_ error: InputError, _ name: String) -> Bool {
        error.input.hasSuffix("/" + name) || error.input == name
    }

    @Test func eachBadInputGivesOneClearError() throws {
        let folder = try BadInputFolder.make()
        defer { folder.remove() }
        let outcomes = InputReader().readAll(paths: [folder.url.path])
        let failures = Self.failures(outcomes)

        for (name, keywords) in BadInputFolder.badFiles {
            let mine = failures.filter { Self.names($0, name) }
            #expect(mine.count == 1, "\(name): expected one failure, got \(mine.map(\.description))")
            if let error = mine.first {
                for keyword in keywords {
                    #expect(error.message.localizedCaseInsensitiveContains(keyword),
                            "\(name): message \"\(error.message)\" lacks \"\(keyword)\"")
                }
            }
        }
        let jsonl = failures.filter { Self.names($0, "\(BadInputFolder.jsonLinesFile):\(BadInputFolder.brokenJSONLine)") }
        #expect(jsonl.count == 1, "\(failures.map(\.description))")
        #expect(jsonl.first?.message.contains("JSON") == true, "\(jsonl.first?.message ?? "")")

        // Nothing else fails, and no failure is about a good file.
        #expect(failures.count == BadInputFolder.badInputCount, "\(failures.map(\.description))")
        for good in BadInputFolder.goodFiles {
            #expect(!failures.contains { Self.names($0, good) }, "\(good) failed")
        }
    }

    @Test func goodInputsAmongBadOnesAreRead() throws {
        let folder = try BadInputFolder.make()
        defer { folder.remove() }
        let outcomes = InputReader().readAll(paths: [folder.url.path])
        let articles = Self.articles(outcomes)
        #expect(articles.count == BadInputFolder.goodArticleCount, "\(articles.map(\.id))")
        #expect(outcomes.count == BadInputFolder.goodArticleCount + BadInputFolder.badInputCount)

        let byID = Dictionary(articles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["good-1"]?.text == BadInputFolder.goodText1)
        #expect(byID["good-2"]?.text == BadInputFolder.goodText2)
        #expect(byID["good-1"]?.kind == .text)
    }

    @Test func windows1256FileDecodesToArabic() throws {
        let folder = try BadInputFolder.make()
        defer { folder.remove() }
        let outcomes = InputReader().readAll(paths: [folder.path("cp1256.txt")])
        let article = try #require(try outcomes.first?.get())
        #expect(outcomes.count == 1)
        #expect(article.text.trimmingCharacters(in: .whitespacesAndNewlines) == BadInputFolder.cp1256Text)
        #expect(article.id == "cp1256")
    }

    @Test func windows1256DecoderDirectly() throws {
        let (text, encoding) = try TextDecoding.decode(Data(BadInputFolder.cp1256Bytes))
        #expect(text == BadInputFolder.cp1256Text)
        #expect(encoding == .windows1256)
    }

    @Test func malformedHTMLIsStillRead() throws {
        let folder = try BadInputFolder.make()
        defer { folder.remove() }
        let outcomes = InputReader().readAll(paths: [folder.path("malformed.html")])
        #expect(outcomes.count == 1)
        let article = try #require(try outcomes.first?.get())
        #expect(article.kind == .html)
        #expect(article.text.contains(BadInputFolder.htmlParagraph))
        #expect(article.text.contains(BadInputFolder.htmlParagraph2))
    }

    @Test func jsonLinesGoOnAfterABrokenLine() throws {
        let folder = try BadInputFolder.make()
        defer { folder.remove() }
        let outcomes = InputReader().readAll(paths: [folder.path(BadInputFolder.jsonLinesFile)])
        #expect(outcomes.count == 3)
        let articles = Self.articles(outcomes)
        #expect(articles.map(\.id) == ["rec-1", "rec-3"])
        #expect(articles.allSatisfy { $0.kind == .jsonLines })
        let failures = Self.failures(outcomes)
        #expect(failures.count == 1)
        #expect(failures.first?.input == folder.path(BadInputFolder.jsonLinesFile) + ":2")
        // The failure comes in input order, between the two good records.
        if outcomes.count == 3 {
            #expect((try? outcomes[1].get()) == nil)
        }
    }

    @Test func oversizedArticleErrorNamesTheLimit() throws {
        let folder = try BadInputFolder.make()
        defer { folder.remove() }
        let failures = Self.failures(InputReader().readAll(paths: [folder.path("huge.txt")]))
        let error = try #require(failures.first)
        #expect(failures.count == 1)
        #expect(error.message.contains("50 MB"), "\(error.message)")
        #expect(error.message.contains("10 MB"), "\(error.message)")
        #expect(error.message.contains("limit"))
    }

    @Test func missingPathIsAnError() {
        let path = "/nonexistent/khabar-\(UUID().uuidString).txt"
        let outcomes = InputReader().readAll(paths: [path])
        let failures = Self.failures(outcomes)
        #expect(outcomes.count == 1)
        #expect(failures.first?.input == path)
        #expect(failures.first?.message.contains("no such file") == true)
    }
}

@Suite("Reading compressed, UTF-16 and folder inputs")
struct InputFormatTests {
    static let article = """
        أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة بسعة مئتي سرير.
        وقال الوزير إن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل.
        """

    static func tempFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("khabar-read-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: [("gzip", "/usr/bin/gzip", "gz"), ("xz", "/usr/bin/xz", "xz")])
    func compressedInputsAreRead(_ tool: String, _ executable: String, _ ext: String) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            print("skipping: \(executable) not found")
            return
        }
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("story.txt")
        try Data(Self.article.utf8).write(to: file)
        let result = try runTool(executable, ["-k", file.path])
        #expect(result.status == 0)
        let compressed = folder.appendingPathComponent("story.txt.\(ext)")
        try #require(FileManager.default.fileExists(atPath: compressed.path))
        let outcomes = InputReader().readAll(paths: [compressed.path])
        #expect(outcomes.count == 1)
        let raw = try #require(try outcomes.first?.get())
        #expect(raw.text == Self.article)
        #expect(raw.id == "story")
        #expect(raw.kind == .text)
    }

    @Test func corruptGzipIsAnError() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.txt.gz")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03]).write(to: file)
        let outcomes = InputReader().readAll(paths: [file.path])
        #expect(outcomes.count == 1)
        guard case .failure(let error)? = outcomes.first else {
            Issue.record("a corrupt .gz file must fail")
            return
        }
        #expect(error.input == file.path)
        #expect(error.message.contains("gzip"))
    }

    @Test(arguments: [true, false])
    func utf16WithBOMIsRead(_ littleEndian: Bool) throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in Self.article.utf16 {
            let lo = UInt8(unit & 0xFF), hi = UInt8(unit >> 8)
            bytes += littleEndian ? [lo, hi] : [hi, lo]
        }
        let file = folder.appendingPathComponent("utf16.txt")
        try Data(bytes).write(to: file)
        let outcomes = InputReader().readAll(paths: [file.path])
        let raw = try #require(try outcomes.first?.get())
        #expect(raw.text == Self.article)
    }

    @Test func directoriesAreWalkedRecursivelyInNameOrder() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        for sub in ["b", "a", "a/deeper"] {
            try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        // Written out of order on purpose.
        let files = ["z.txt", "b/0.txt", "a/2.txt", "a/deeper/x.txt", "a/1.txt", ".hidden.txt"]
        for (i, name) in files.enumerated() {
            try Data("خبر رقم \(i) عن افتتاح مستشفى جديد في العاصمة.".utf8).write(to: folder.appendingPathComponent(name))
        }
        let outcomes = InputReader().readAll(paths: [folder.path])
        let ids = outcomes.compactMap { try? $0.get().id }
        #expect(ids == ["1", "2", "x", "0", "z"], "expected a/1, a/2, a/deeper/x, b/0, z; hidden files skipped")
        #expect(outcomes.count == 5)
    }
}
