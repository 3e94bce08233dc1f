import Foundation
import Testing

@Suite("khabar digest, end to end")
struct DigestCommandTests {
    /// Two runs give byte-identical output. Each process hashes with its own random seed, so any
    /// result that hung on dictionary order would differ between them.
    @Test func outputIsTheSameOnEveryRun() throws {
        guard let seeds = SharedData.seedsFolder() else { return }
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        var inputs = [seeds.path]
        if let dev = SharedData.locate("data/stories-dev/d1-articles.jsonl") { inputs.append(dev.path) }
        let first = try runTool(khabar, ["digest", "-q", "--format", "json"] + inputs)
        let second = try runTool(khabar, ["digest", "-q", "--format", "json"] + inputs)
        #expect(first.status == 0 && second.status == 0)
        #expect(!first.stdout.isEmpty)
        let same = first.stdout == second.stdout
        #expect(same, "two runs of khabar digest differ")
    }

    @Test func unreadableInputIsReportedAndTheRestDigested() throws {
        guard let seeds = SharedData.seedsFolder() else { return }
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).txt")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try runTool(khabar, ["digest", "-q", "--format", "markdown", empty.path, seeds.path])
        #expect(result.status == 1, "an input failed")
        let errors = String(decoding: result.stderr, as: UTF8.self)
        #expect(errors.contains(empty.lastPathComponent) && errors.contains("empty"))
        let markdown = String(decoding: result.stdout, as: UTF8.self)
        #expect(markdown.contains("1 story, 5 articles."))
    }
}
