import Foundation
import KhabarFuzzTargets
import Testing

/// Every fuzz target's seeds, and every input a fuzz run once found failing (Fuzz/regressions,
/// kept after the fix), through the same code the fuzzer runs: each must pass its target's checks.
@Suite("Fuzz seeds and regressions")
struct FuzzReplayTests {
    static let fuzzFolder = SharedData.packageRoot.appendingPathComponent("Fuzz")

    static func files(_ kind: String, _ target: String) -> [URL] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("every target has seeds, and they pass", arguments: FuzzTargets.all.map(\.name))
    func seedsPass(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let seeds = Self.files("seeds", name)
        #expect(!seeds.isEmpty, "Fuzz/seeds/\(name) is empty")
        for file in seeds {
            let failure = target.run(try Data(contentsOf: file))
            #expect(failure == nil, "\(name) seed \(file.lastPathComponent): \(failure ?? "")")
        }
    }

    @Test("past findings pass", arguments: FuzzTargets.all.map(\.name))
    func regressionsPass(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        for file in Self.files("regressions", name) {
            let failure = target.run(try Data(contentsOf: file))
            #expect(failure == nil, "\(name) regression \(file.lastPathComponent): \(failure ?? "")")
        }
    }

    @Test("the regression folders name only known targets")
    func regressionFoldersAreKnown() throws {
        let folder = Self.fuzzFolder.appendingPathComponent("regressions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let known = Set(FuzzTargets.all.map(\.name))
        #expect(!names.isEmpty)
        for name in names { #expect(known.contains(name), "Fuzz/regressions/\(name) is no fuzz target") }
    }

    @Test("invalid UTF-8 outside the kept fields goes to JSONDecoder")
    func invalidUTF8GoesToJSONDecoder() throws {
        // The first finding: a key with invalid UTF-8, which the fast scanner once took and
        // JSONDecoder refuses. Made worse by hand (the same in a value the reader keeps) it must
        // still pass: the scanner declines both now.
        let target = try #require(FuzzTargets.named("record"))
        let keyed = Data("{\"te".utf8) + Data([0xFF, 0xFF]) + Data("xt\": \"نص\"}".utf8)
        #expect(target.run(keyed) == nil)
        let ignored = Data("{\"text\": \"نص\", \"other\": \"".utf8) + Data([0xC3, 0x28]) + Data("\"}".utf8)
        #expect(target.run(ignored) == nil)
    }
}
