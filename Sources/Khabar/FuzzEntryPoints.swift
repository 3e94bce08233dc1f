import Foundation

/// The library's inner parsers as the fuzz targets reach them (Sources/KhabarFuzzTargets):
/// `@_spi(Fuzzing)` keeps them out of the public API while any build configuration can call
/// them, so the fuzz binary and the regression tests run the very same code.
@_spi(Fuzzing) public enum FuzzEntryPoints {
    /// Text decoding as the reader does it (UTF-8, UTF-16 with a BOM, Windows-1256); nil for an error.
    public static func decodeText(_ data: Data) -> String? { try? TextDecoding.decode(data).text }

    /// Windows-1256 decoding when the high bytes look Arabic.
    public static func decodeWindows1256IfArabic(_ bytes: [UInt8]) -> String? {
        Windows1256.decodeIfArabic(bytes[...])
    }

    /// JSON Lines read from `bytes` arriving in pieces of the given sizes (the rest in one piece),
    /// each outcome described in words; what reading throws is the last line.
    public static func readJSONLines(_ bytes: [UInt8], pieceSizes: [Int], maxRecordBytes: Int) -> [String] {
        var seen: [String] = []
        do {
            try JSONLinesReader.read(Pieces(bytes, sizes: pieceSizes), name: "fuzz.jsonl",
                                     maxRecordBytes: maxRecordBytes) { seen.append(describe($0)) }
        } catch {
            seen.append("thrown: \(error)")
        }
        return seen
    }

    /// One line through the fast record scanner and, when it accepts the line, through JSONDecoder:
    /// nil when the scanner declines (JSONDecoder then reads the line), else both articles described
    /// (`decoded` nil when JSONDecoder refuses what the scanner took).
    public static func scanRecord(_ line: [UInt8]) -> (scanned: String, decoded: String?)? {
        guard let record = line.withUnsafeBufferPointer({ JSONRecordScanner.record(from: $0) }) else { return nil }
        let scanned = describe(JSONLinesReader.article(from: record, where_: "fuzz:1", fallbackID: "fuzz-1"))
        let decoded = (try? JSONDecoder().decode(JSONLinesReader.Record.self, from: Data(line))).map {
            describe(JSONLinesReader.article(from: $0, where_: "fuzz:1", fallbackID: "fuzz-1"))
        }
        return (scanned, decoded)
    }

    /// A `.json` document (an array of records or one record), each outcome described.
    public static func readJSON(_ data: Data) -> [String] {
        var seen: [String] = []
        JSONLinesReader.readJSON(data, name: "fuzz.json") { seen.append(describe($0)) }
        return seen
    }

    /// Unpacks a gzip (`xz` false) or xz stream in pieces of `chunkSize`, up to `limit` bytes out:
    /// the sizes of the pieces that came out and the error that stopped it, if any.
    public static func decompress(_ data: Data, xz: Bool, limit: Int, chunkSize: Int) -> (pieces: [Int], error: String?) {
        var pieces: [Int] = []
        do {
            let chunks = try DecompressedChunks(xz ? .xz : .gzip, source: DataChunks(data), limit: limit, chunkSize: chunkSize)
            while let piece = try chunks.next() { pieces.append(piece.count) }
            return (pieces, nil)
        } catch {
            return (pieces, "\(error)")
        }
    }

    /// The first written date in a line of text (publication lines, datelines).
    public static func firstWrittenDate(in text: String) -> PublishedDate? { DateParser.firstDate(in: text) }

    /// A dateline at the start of a line (place, outlet, agency), described.
    public static func dateline(_ text: String) -> String? { Dateline.parseLine(text).map { "\($0)" } }

    /// An outcome in words, for comparing two reads of the same input.
    public static func describe(_ outcome: ReadOutcome) -> String {
        switch outcome {
        case .success(let article):
            let hints = article.hints
            return "ok id=\(article.id) kind=\(article.kind) title=\(hints.title ?? "-") outlet=\(hints.outlet ?? "-") "
                + "published=\(hints.published.map { "\($0)" } ?? "-") url=\(hints.url ?? "-") text=\(article.text)"
        case .failure(let error):
            return "error: \(error)"
        }
    }

    /// Bytes handed out in pieces of chosen sizes.
    final class Pieces: ByteChunks {
        private var rest: ArraySlice<UInt8>
        private var sizes: [Int]

        init(_ bytes: [UInt8], sizes: [Int]) {
            rest = bytes[...]
            self.sizes = sizes
        }

        func next() throws -> ArraySlice<UInt8>? {
            guard !rest.isEmpty else { return nil }
            let size = sizes.isEmpty ? rest.count : max(1, sizes.removeFirst())
            let piece = rest.prefix(size)
            rest = rest.dropFirst(piece.count)
            return piece
        }
    }
}
