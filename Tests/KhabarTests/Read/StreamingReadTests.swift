import Foundation
import Testing
@testable import Khabar

/// Bytes handed out a few at a time: every line and every UTF-8 character gets cut somewhere.
final class PieceChunks: ByteChunks {
    private let bytes: [UInt8]
    private let size: Int
    private var offset = 0
    init(_ data: Data, pieceSize: Int) {
        bytes = Array(data)
        size = pieceSize
    }
    func next() throws -> ArraySlice<UInt8>? {
        guard offset < bytes.count else { return nil }
        defer { offset += size }
        return bytes[offset..<min(bytes.count, offset + size)]
    }
}

@Suite("Reading as the bytes come")
struct StreamingReadTests {
    static func lines(_ count: Int) -> String {
        (1...count).map { i in
            #"{"id": "a\#(i)", "title": "عنوان \#(i)", "text": "نص الخبر رقم \#(i) عن زيارة الرئيس إلى المدينة."}"#
        }.joined(separator: "\n") + "\n"
    }

    static func summary(_ outcomes: [ReadOutcome]) -> [String] {
        outcomes.map { outcome in
            switch outcome {
            case .success(let raw): return "\(raw.id)|\(raw.hints.title ?? "")|\(raw.text)"
            case .failure(let error): return "error \(error.input): \(error.message)"
            }
        }
    }

    @Test(arguments: [1, 3, 7, 64, 1 << 20])
    func chunkBoundariesChangeNothing(_ pieceSize: Int) throws {
        let text = Self.lines(40) + "not json\n" + #"{"id": "last", "text": "آخر سطر بلا نهاية"}"#
        var whole: [ReadOutcome] = []
        try JSONLinesReader.read(DataChunks(Data(text.utf8)), name: "f.jsonl", maxRecordBytes: 1 << 20) { whole.append($0) }
        var pieces: [ReadOutcome] = []
        try JSONLinesReader.read(PieceChunks(Data(text.utf8), pieceSize: pieceSize), name: "f.jsonl",
                                 maxRecordBytes: 1 << 20) { pieces.append($0) }
        #expect(Self.summary(pieces) == Self.summary(whole))
        #expect(whole.count == 42)
        #expect(Self.summary(whole)[40].hasPrefix("error f.jsonl:41"))
        #expect(try whole[41].get().id == "last")
    }

    @Test func aLineTooLongToKeepIsSkippedAcrossChunksAndTheNextIsRead() throws {
        let long = #"{"id": "big", "text": ""# + String(repeating: "ب", count: 50_000) + "\"}"
        let text = Self.lines(2) + long + "\n" + Self.lines(1).replacingOccurrences(of: "a1", with: "after")
        var outcomes: [ReadOutcome] = []
        try JSONLinesReader.read(PieceChunks(Data(text.utf8), pieceSize: 4096), name: "f.jsonl",
                                 maxRecordBytes: 10_000) { outcomes.append($0) }
        #expect(outcomes.count == 4)
        guard case .failure(let error) = outcomes[2] else {
            Issue.record("the long line must be an error")
            return
        }
        #expect(error.input == "f.jsonl:3")
        #expect(error.message.contains("limit"))
        #expect(try outcomes[3].get().id == "after")
    }

    @Test func aLongLastLineWithoutNewlineIsAnErrorToo() throws {
        let text = Self.lines(1) + #"{"id": "big", "text": ""# + String(repeating: "x", count: 30_000)
        var outcomes: [ReadOutcome] = []
        try JSONLinesReader.read(PieceChunks(Data(text.utf8), pieceSize: 1000), name: "f.jsonl",
                                 maxRecordBytes: 10_000) { outcomes.append($0) }
        #expect(outcomes.count == 2)
        #expect(Self.summary(outcomes)[1].hasPrefix("error f.jsonl:2"))
    }

    /// A fresh temporary folder, or nil (with a "skipping" notice) when a tool the test packs its
    /// input with is not in /usr/bin.
    static func folderWithTools(_ tools: [String]) throws -> URL? {
        let missing = tools.filter { !FileManager.default.isExecutableFile(atPath: "/usr/bin/\($0)") }
        guard missing.isEmpty else {
            print("skipping: \(missing.joined(separator: " and ")) not found")
            return nil
        }
        return try InputFormatTests.tempFolder()
    }

    /// A tool's output, through the shell (for the compressors).
    static func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func compressedJSONLinesStreamWithLineNumbers() throws {
        guard let folder = try Self.folderWithTools(["xz", "gzip"]) else { return }
        defer { try? FileManager.default.removeItem(at: folder) }
        // Over one chunk (1 MB) unpacked, so records cross chunk boundaries.
        let text = Self.lines(12_000)
        let plain = folder.appendingPathComponent("week.jsonl")
        try Data(text.utf8).write(to: plain)
        #expect(try Self.shell("cd '\(folder.path)' && xz -k week.jsonl && gzip -k week.jsonl") == 0)
        let expected = Self.summary(InputReader().readAll(paths: [plain.path]))
        #expect(expected.count == 12_000)
        for ext in ["xz", "gz"] {
            let outcomes = InputReader().readAll(paths: [plain.path + "." + ext])
            #expect(Self.summary(outcomes) == expected, "\(ext)")
        }
        // Two gzip members one after the other read as one stream.
        #expect(try Self.shell("cd '\(folder.path)' && cat week.jsonl.gz week.jsonl.gz > twice.jsonl.gz") == 0)
        #expect(InputReader().readAll(paths: [folder.appendingPathComponent("twice.jsonl.gz").path]).count == 24_000)
    }

    @Test func aDecompressionBombStopsEarlyWithAClearError() throws {
        guard let folder = try Self.folderWithTools(["xz"]) else { return }
        defer { try? FileManager.default.removeItem(at: folder) }
        let bomb = folder.appendingPathComponent("zeros.jsonl.xz")
        // 256 MB of zeros pack into about 40 KB.
        #expect(try Self.shell("head -c 268435456 /dev/zero | xz -0 > '\(bomb.path)'") == 0)
        let outcomes = InputReader().readAll(paths: [bomb.path])
        let messages = outcomes.compactMap { outcome -> String? in
            if case .failure(let error) = outcome { return error.message }
            return nil
        }
        #expect(outcomes.count == messages.count, "nothing in a file of zeros is an article")
        #expect(messages.contains { $0.contains("decompression bomb") }, "\(messages)")
    }

    @Test func aTruncatedXzFileKeepsWhatCameBeforeTheCut() throws {
        guard let folder = try Self.folderWithTools(["xz"]) else { return }
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("cut.jsonl")
        try Data(Self.lines(20_000).utf8).write(to: plain)
        #expect(try Self.shell("cd '\(folder.path)' && xz -k cut.jsonl") == 0)
        let packed = try Data(contentsOf: URL(fileURLWithPath: plain.path + ".xz"))
        try packed.prefix(packed.count / 2).write(to: URL(fileURLWithPath: plain.path + ".xz"))
        let outcomes = InputReader().readAll(paths: [plain.path + ".xz"])
        let articles = outcomes.filter { (try? $0.get()) != nil }.count
        #expect(articles > 0 && articles < 20_000)
        guard case .failure(let error)? = outcomes.last else {
            Issue.record("a cut xz file must end in an error")
            return
        }
        #expect(error.message.contains("xz"))
    }
}
