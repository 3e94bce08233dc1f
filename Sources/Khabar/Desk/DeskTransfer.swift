import Foundation

/// Moving a desk to another store (SQLite to PostgreSQL, say): `StoreExport` writes every stored
/// article as one JSON line, in arrival order; `StoreImporter` places such lines into a desk with
/// the arrival times they had. The clean article travels whole, so the new store places the same
/// texts in the same order and makes the same stories.
///
/// A line: `{"seq": 1, "received": 1694592000.5, "story": 0, "article": {clean article}}`. `seq` and
/// `story` say where the article was in the old store; the new store numbers its own.
public enum StoreExport {
    /// Writes every article of `store` to `output`; `progress` hears each one. Returns how many.
    @discardableResult
    public static func write(_ store: any StoryStore, to output: FileHandle, progress: (Int) -> Void = { _ in }) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        var buffer = Data()
        var count = 0
        try store.forEachArticle { stored in
            buffer.append(try line(stored, encoder: encoder))
            buffer.append(0x0A)
            count += 1
            progress(count)
            if buffer.count >= 1 << 20 {
                try output.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try output.write(contentsOf: buffer)
        return count
    }

    /// One article's line, without its line break; the keys in the documented order.
    static func line(_ stored: StoredArticle, encoder: JSONEncoder) throws -> Data {
        var line = Data("{\"seq\":\(stored.seq),\"received\":\(stored.received),\"story\":\(stored.story),\"article\":".utf8)
        line.append(try encoder.encode(stored.article))
        line.append(UInt8(ascii: "}"))
        return line
    }
}

/// Places exported articles into a desk in the order it is given them, in batches; a line that
/// is not an exported article is reported ("file:line: …") and the rest goes on.
public final class StoreImporter {
    public struct Summary: Sendable, Equatable {
        /// New articles, re-posts of a stored text included.
        public var stored = 0
        /// Of `stored`: re-posts of a text already stored under another id.
        public var sameText = 0
        /// Ids the store already had (importing into a store that is not empty).
        public var alreadyStored = 0
        /// Lines that are not exported articles, and articles the desk refused.
        public var failed = 0
    }

    public let desk: StoryDesk
    public let batchSize: Int
    /// Articles between two digest refreshes: stories left behind can only close (and leave
    /// memory) once they have a digest.
    public let digestEvery: Int
    public private(set) var summary = Summary()
    private let onError: (String) -> Void
    private let progress: (Int) -> Void
    private var pending: [(article: CleanArticle, received: Double)] = []
    /// Where each pending article came from ("file:line"), for its errors.
    private var origins: [String] = []
    private var sinceDigests = 0
    private let decoder = JSONDecoder()

    private struct Line: Decodable {
        var received: Double
        var article: CleanArticle
    }

    /// `onError` hears every line or article that fails, in words; `progress` the articles placed so far.
    public init(desk: StoryDesk, batchSize: Int = 500, digestEvery: Int = 10_000,
                onError: @escaping (String) -> Void = { _ in }, progress: @escaping (Int) -> Void = { _ in }) {
        self.desk = desk
        self.batchSize = max(1, batchSize)
        self.digestEvery = digestEvery
        self.onError = onError
        self.progress = progress
    }

    /// Reads an export file (`-` for standard input) line by line, without holding it whole.
    /// Throws only when the file cannot be read at all.
    public func read(path: String) throws {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            do { handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) } catch {
                throw InputError(input: path, message: "cannot open the file: \(InputReader.reason(error))")
            }
        }
        defer { if path != "-" { try? handle.close() } }
        var rest = Data()
        var number = 0
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                rest.append(chunk)
                var start = rest.startIndex
                while let end = rest[start...].firstIndex(of: 0x0A) {
                    number += 1
                    add(line: rest[start..<end], origin: "\(path):\(number)")
                    start = end + 1
                }
                rest = Data(rest[start...])
            }
        } catch {
            throw InputError(input: path, message: "cannot read the file after line \(number): \(InputReader.reason(error))")
        }
        if !rest.isEmpty { add(line: rest, origin: "\(path):\(number + 1)") }
    }

    /// Takes one line of an export; blank lines are skipped.
    public func add(line: Data, origin: String) {
        guard line.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) else { return }
        do {
            let decoded = try decoder.decode(Line.self, from: line)
            pending.append((decoded.article, decoded.received))
            origins.append(origin)
        } catch {
            let reason = (error as? DecodingError).map(JSONLinesReader.describe) ?? "not valid JSON"
            summary.failed += 1
            onError("\(origin): not an exported article: \(reason)")
        }
        if pending.count >= batchSize { place() }
    }

    /// Places what is left and makes every digest due. Returns the totals.
    @discardableResult
    public func finish() -> Summary {
        place()
        desk.refreshDigests()
        sinceDigests = 0
        return summary
    }

    private func place() {
        guard !pending.isEmpty else { return }
        let outcomes = desk.ingestClean(pending)
        for (origin, outcome) in zip(origins, outcomes) {
            switch outcome {
            case .stored: summary.stored += 1
            case .sameText: summary.stored += 1; summary.sameText += 1
            case .alreadyStored: summary.alreadyStored += 1
            case .failed(let id, let message), .notStored(let id, let message):
                summary.failed += 1
                onError("\(origin): \(id.map { "article \($0): " } ?? "")\(message)")
            }
        }
        sinceDigests += pending.count
        pending.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        progress(summary.stored + summary.alreadyStored + summary.failed)
        if sinceDigests >= digestEvery {
            desk.refreshDigests()
            sinceDigests = 0
        }
    }
}
