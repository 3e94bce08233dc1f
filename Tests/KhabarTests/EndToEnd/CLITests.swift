import Foundation
import Testing

/// Runs the built `khabar` executable, as a user would.
enum KhabarBinary {
    /// The `khabar` built alongside this test bundle: next to the test executable or bundle, walking
    /// up a few folders (…/.build/<config>/khabar). Nil when it is not there.
    static let path: String? = {
        let fm = FileManager.default
        var starts: [URL] = [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()]
            .compactMap { $0 }
        if let argv0 = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: argv0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<5 {
                let candidate = dir.appendingPathComponent("khabar")
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate.path) {
                    return candidate.path
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }()
}

@Suite("khabar CLI, end to end")
struct CLITests {
    static let articleKeys: Set<String> = [
        "id", "source", "title", "outlet", "published", "place", "authors", "agencies", "keywords",
        "language", "paragraphs", "removed",
    ]

    @Test func cleanReportsBadInputsAndWritesGoodArticles() throws {
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        let folder = try BadInputFolder.make()
        defer { folder.remove() }
        let result = try runTool(khabar, ["clean", "--format", "jsonl", "--quiet", folder.url.path])

        #expect(result.status == 1)

        let stderr = String(decoding: result.stderr, as: UTF8.self)
        let errorLines = stderr.split(separator: "\n").map(String.init)
        var badInputs = BadInputFolder.badFiles.map(\.name)
        badInputs.append("\(BadInputFolder.jsonLinesFile):\(BadInputFolder.brokenJSONLine)")
        for name in badInputs {
            let naming = errorLines.filter { $0.contains("/" + name + ":") }
            #expect(naming.count == 1, "stderr lines naming \(name): \(naming)\n\(stderr)")
        }
        for good in BadInputFolder.goodFiles {
            #expect(!errorLines.contains { $0.contains("/" + good) }, "a good input is reported: \(good)")
        }

        let stdout = String(decoding: result.stdout, as: UTF8.self)
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == BadInputFolder.goodArticleCount, "\(stdout)")
        var ids: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                                      "not a JSON object: \(line)")
            #expect(Set(object.keys) == Self.articleKeys)
            if let id = object["id"] as? String { ids.append(id) }
            #expect(object["paragraphs"] is [String])
            #expect(object["removed"] is [Any])
        }
        #expect(Set(ids) == ["cp1256", "good-1", "good-2", "malformed", "rec-1", "rec-3"])
    }

    @Test func aWrongCommandLineExitsTwoAndSaysWhy() throws {
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        for arguments in [["clean", "--no-such-option", "x.jsonl"], ["cluster", "--format", "yaml", "x.jsonl"],
                          ["digest", "--top", "-1", "x.jsonl"], ["no-such-command"]] {
            let result = try runTool(khabar, arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(!result.stderr.isEmpty, "\(arguments): nothing said")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        let help = try runTool(khabar, ["--help"])
        #expect(help.status == 0)
        #expect(String(decoding: help.stdout, as: UTF8.self).contains("Exit status"))
    }

    @Test func extractAsJSONLinesNamesEachMentionsEntity() throws {
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        guard let seeds = SharedData.seedsFolder() else { return }
        let result = try runTool(khabar, ["extract", "--format", "jsonl", "--quiet", seeds.path])
        #expect(result.status == 0)
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 5)
        var named = 0
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["id", "mentions", "quotes", "dates"])
            for mention in object["mentions"] as? [[String: Any]] ?? [] where mention["entity"] is Int {
                #expect(mention["name"] is String && mention["kind"] is String, "\(mention)")
                named += 1
            }
        }
        #expect(named > 0, "some mention is in the catalog")
        // The same entities as the JSON document names, by id.
        let document = try runTool(khabar, ["extract", "--quiet", seeds.path])
        let object = try #require(try JSONSerialization.jsonObject(with: document.stdout) as? [String: Any])
        let entities = try #require(object["entities"] as? [[String: Any]])
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        for mention in first["mentions"] as? [[String: Any]] ?? [] {
            guard let id = mention["entity"] as? Int else { continue }
            #expect(entities[id]["name"] as? String == mention["name"] as? String)
        }
    }

    @Test func versionRuns() throws {
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        let result = try runTool(khabar, ["--version"])
        #expect(result.status == 0)
        #expect(!String(decoding: result.stdout, as: UTF8.self).isEmpty)
    }
}
