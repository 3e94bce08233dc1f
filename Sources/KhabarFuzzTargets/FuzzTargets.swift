// Every entry point that takes outside bytes, as a fuzz target (issue 14). scripts/fuzz.sh runs
// them under libFuzzer (Sources/KhabarFuzz); Tests/KhabarTests/Fuzz replays the seeds and every
// input that once failed (Fuzz/regressions) through the same code.
//
// Beyond "does not crash or hang", some targets check a property that must hold for every input:
// JSON Lines read in arbitrary pieces equals JSON Lines read whole; the fast record scanner agrees
// with JSONDecoder whenever it accepts a line; no more than the limit comes out of a decompressor;
// a search query always becomes an expression that SQLite runs without error.
import Foundation
@_spi(Fuzzing) import Khabar
import KhabarSQLite

public struct FuzzTarget: Sendable {
    public var name: String
    public var about: String
    /// Runs one input: nil when every property held, else what went wrong.
    public var run: @Sendable (Data) -> String?
}

public enum FuzzTargets {
    public static let all: [FuzzTarget] = [
        FuzzTarget(name: "decode", about: "text decoding: UTF-8, UTF-16 with a BOM, Windows-1256 detection") { data in
            if let text = FuzzEntryPoints.decodeText(data), text.isEmpty {
                return "\(data.count) bytes decoded to an empty text instead of an error"
            }
            _ = FuzzEntryPoints.decodeWindows1256IfArabic([UInt8](data))
            return nil
        },
        FuzzTarget(name: "jsonl", about: "JSON Lines reader: the same outcomes whatever the chunk boundaries") { data in
            // The first byte seeds the piece sizes (1 to 64 bytes); a 200-byte record limit
            // reaches the over-long-line path too.
            guard let first = data.first else { return nil }
            var sizes: [Int] = []
            var seed = UInt32(first) &+ 1
            for _ in 0..<64 {
                seed = seed &* 1_103_515_245 &+ 12_345
                sizes.append(Int(seed >> 16) % 64 + 1)
            }
            let body = [UInt8](data.dropFirst())
            let whole = FuzzEntryPoints.readJSONLines(body, pieceSizes: [], maxRecordBytes: 200)
            let split = FuzzEntryPoints.readJSONLines(body, pieceSizes: sizes, maxRecordBytes: 200)
            return whole == split ? nil : "read whole:\n\(whole)\nread in pieces:\n\(split)"
        },
        FuzzTarget(name: "record", about: "the fast JSON record scanner agrees with JSONDecoder when it takes a line") { data in
            guard let (scanned, decoded) = FuzzEntryPoints.scanRecord([UInt8](data)) else { return nil }
            guard let decoded else { return "the scanner took a line JSONDecoder refuses: \(scanned)" }
            return scanned == decoded ? nil : "scanner: \(scanned)\nJSONDecoder: \(decoded)"
        },
        FuzzTarget(name: "json", about: "a .json document: an array of records or one record") { data in
            let outcomes = FuzzEntryPoints.readJSON(data)
            return outcomes.isEmpty ? "a JSON document gave no article and no error" : nil
        },
        FuzzTarget(name: "csv", about: "CSV reader") { data in
            _ = try? CSVReader.records([UInt8](data), source: "fuzz.csv")
            return nil
        },
        FuzzTarget(name: "html", about: "HTML reader and content extractor (libxml2 underneath)") { data in
            _ = try? HTMLReader.read(data, id: "fuzz", source: .file(path: "fuzz.html"))
            return nil
        },
        FuzzTarget(name: "feed", about: "RSS 2.0, RSS 1.0 and Atom feeds, each item as an article, cleaned") { data in
            guard let feed = try? FeedParser.parse(data: data, baseURL: "http://127.0.0.1/feed.xml") else { return nil }
            for (i, item) in feed.items.enumerated() {
                if let article = try? item.rawArticle(id: "fuzz-\(i)", feed: feed, maxTextBytes: 1 << 20) {
                    _ = Cleaner().clean(article)
                }
            }
            return nil
        },
        FuzzTarget(name: "decompress", about: "gzip and xz streams unpacked as read, under the size limit") { data in
            // The first byte picks the format; a 1 MB limit in 4 KB pieces.
            guard let first = data.first else { return nil }
            let limit = 1 << 20
            let (pieces, _) = FuzzEntryPoints.decompress(data.dropFirst(), xz: first & 1 == 1, limit: limit, chunkSize: 4096)
            if pieces.contains(0) { return "an empty piece came out" }
            let total = pieces.reduce(0, +)
            return total <= limit ? nil : "\(total) bytes came out, over the \(limit) limit"
        },
        FuzzTarget(name: "reader", about: "the whole input reader: sniffing, unpacking, every format") { data in
            var outcomes = 0
            InputReader(maxArticleBytes: 1 << 20, maxFileBytes: 8 << 20)
                .read(data: data, name: "fuzz-input", id: "fuzz") { _ = FuzzEntryPoints.describe($0); outcomes += 1 }
            return outcomes > 0 ? nil : "an input gave no article and no error"
        },
        FuzzTarget(name: "dates", about: "date parsers: ISO and RFC 822 dates, written dates, datelines, the date grammar") { data in
            let text = String(decoding: data.prefix(4096), as: UTF8.self)
            let published = PublishedDate(parsing: text)
            _ = FuzzEntryPoints.firstWrittenDate(in: text)
            _ = FuzzEntryPoints.dateline(text)
            let anchor = published ?? PublishedDate(year: 2023, month: 9, day: 13)
            for mention in DateExtractor().extract(text: text, published: anchor) { _ = "\(mention)" }
            return nil
        },
        FuzzTarget(name: "clean", about: "the cleaner on arbitrary text") { data in
            let text = String(decoding: data, as: UTF8.self)
            let article = Cleaner().clean(RawArticle(id: "fuzz", source: .file(path: "fuzz.txt"), kind: .text, text: text))
            if let blank = article.paragraphs.first(where: { $0.allSatisfy(\.isWhitespace) }) {
                return "a blank paragraph was kept: \(blank.debugDescription)"
            }
            return nil
        },
        FuzzTarget(name: "search", about: "search queries: any text becomes an expression SQLite runs without error") { data in
            let text = String(decoding: data.prefix(2048), as: UTF8.self)
            do {
                _ = try SearchStore.shared.store.search(SearchQuery(text: text, limit: 5))
                return nil
            } catch {
                return "the query \(text.debugDescription) failed: \(error)"
            }
        },
    ]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// An empty store in a temporary file, opened once per process, for the search target.
final class SearchStore: Sendable {
    static let shared = SearchStore()
    let store: SQLiteStore

    private init() {
        let path = NSTemporaryDirectory() + "khabar-fuzz-search-\(getpid()).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do {
            store = try SQLiteStore(path: path)
        } catch {
            fatalError("cannot open the fuzz search store \(path): \(error)")
        }
    }
}
