import Foundation

/// Reads the article input format: one JSON object a line with `id`, `title`, `text`, `published`,
/// `outlet`, `url` and optional `author`; other fields are ignored. A bad line is an error naming
/// the file and line; the other lines go on.
enum JSONLinesReader {
    struct Record: Decodable {
        init() {}

        var id: FlexibleID?
        var title: String?
        var text: String?
        var published: String?
        var outlet: String?
        var url: String?
        var author: FlexibleAuthors?
    }

    /// Ids are strings in the format, but numbers are accepted rather than refused.
    struct FlexibleID: Decodable {
        var value: String
        init(value: String) { self.value = value }
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { value = s }
            else if let n = try? c.decode(Int.self) { value = String(n) }
            else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "id is neither a string nor a number") }
        }
    }

    /// `author` may be a string, a list of strings, or null.
    struct FlexibleAuthors: Decodable {
        var names: [String]
        init(names: [String]) { self.names = names }
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { names = [] }
            else if let s = try? c.decode(String.self) { names = [s] }
            else { names = try c.decode([String].self) }
        }
    }

    /// Calls `emit` for every line of the UTF-8 JSON Lines that `chunks` brings, as it comes: only
    /// the line being read is held, and a line over `maxRecordBytes` is skipped (an error), never
    /// kept. `name` names the input in errors. Throws what reading or unpacking the input throws.
    static func read(_ chunks: ByteChunks, name: String, maxRecordBytes: Int, emit: (ReadOutcome) -> Void) throws {
        let decoder = JSONDecoder()
        let idPrefix = baseName(name)
        var lineNumber = 0
        func tooLong(_ bytes: Int) -> InputError {
            InputError(input: "\(name):\(lineNumber)", message: "the record is \(ByteFormat.megabytes(bytes)), over the \(ByteFormat.megabytes(maxRecordBytes)) limit for one article")
        }
        func line(_ line: UnsafeBufferPointer<UInt8>) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            let number = lineNumber
            func where_() -> String { "\(name):\(number)" }
            if line.count > maxRecordBytes {
                emit(.failure(tooLong(line.count)))
                return
            }
            // The usual record takes the fast scanner; anything it is unsure of goes to JSONDecoder.
            if let record = JSONRecordScanner.record(from: line) {
                emit(article(from: record, where_: where_(), fallbackID: "\(idPrefix)-\(number)"))
            } else {
                emit(decodeRecord(Data(line), decoder: decoder, where_: where_(), lineNumber: number, name: name))
            }
        }
        var pending: [UInt8] = []   // the start of a line whose end is in a later chunk
        var skipped = 0             // > 0: the bytes so far of a line too long to keep
        while let chunk = try chunks.next() {
            chunk.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                var start = 0
                while start < bytes.count {
                    guard let newline = memchr(base + start, 0x0A, bytes.count - start) else {
                        let rest = bytes.count - start
                        if skipped > 0 {
                            skipped += rest
                        } else if pending.count + rest > maxRecordBytes {
                            skipped = pending.count + rest
                            pending.removeAll()
                        } else {
                            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                        }
                        return
                    }
                    let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if skipped > 0 {
                        lineNumber += 1
                        emit(.failure(tooLong(skipped + piece.count)))
                        skipped = 0
                    } else if pending.isEmpty {
                        line(piece)
                    } else {
                        pending.append(contentsOf: piece)
                        pending.withUnsafeBufferPointer { line($0) }
                        pending.removeAll(keepingCapacity: pending.count <= 1 << 20)
                    }
                    start = end + 1
                }
            }
        }
        if skipped > 0 {
            lineNumber += 1
            emit(.failure(tooLong(skipped)))
        } else if !pending.isEmpty {
            pending.withUnsafeBufferPointer { line($0) }
        }
    }

    /// Reads a `.json` file: an array of article objects, or a single one.
    static func readJSON(_ data: Data, name: String, emit: (ReadOutcome) -> Void) {
        let decoder = JSONDecoder()
        if let records = try? decoder.decode([Record].self, from: data) {
            // An empty array is said, not passed over in silence (found by the `json` fuzz target).
            if records.isEmpty {
                emit(.failure(InputError(input: name, message: "the JSON array holds no articles", kind: .noArticle)))
            }
            for (i, record) in records.enumerated() {
                emit(article(from: record, where_: "\(name)[\(i)]", fallbackID: "\(baseName(name))-\(i + 1)"))
            }
        } else {
            emit(decodeRecord(data, decoder: decoder, where_: name, lineNumber: 1, name: name))
        }
    }

    private static func decodeRecord(_ data: Data, decoder: JSONDecoder, where_: String, lineNumber: Int, name: String) -> ReadOutcome {
        do {
            let record = try decoder.decode(Record.self, from: data)
            return article(from: record, where_: where_, fallbackID: "\(baseName(name))-\(lineNumber)")
        } catch let error as DecodingError {
            return .failure(InputError(input: where_, message: "not a valid article record: \(describe(error))"))
        } catch {
            return .failure(InputError(input: where_, message: "not valid JSON"))
        }
    }

    /// `where_` and `fallbackID` are only built when needed (an error, no url, no id).
    static func article(from record: Record, where_: @autoclosure () -> String,
                                fallbackID: @autoclosure () -> String) -> ReadOutcome {
        guard let text = record.text else {
            return .failure(InputError(input: where_(), message: "the record has no \"text\" field", kind: .noArticle))
        }
        guard !text.allSatisfy({ $0.isWhitespace }) else {
            return .failure(InputError(input: where_(), message: "the record's \"text\" is empty", kind: .noArticle))
        }
        var hints = MetadataHints()
        hints.title = record.title.flatMap { $0.trimmingUnicodeWhitespace().nilIfEmpty }
        hints.outlet = record.outlet.flatMap { $0.trimmingUnicodeWhitespace().nilIfEmpty }
        hints.published = record.published.flatMap(PublishedDate.init(parsing:))
        hints.authors = record.author?.names.compactMap { $0.trimmingUnicodeWhitespace().nilIfEmpty } ?? []
        hints.url = record.url
        let source: ArticleSource = record.url.map { .url($0) } ?? .file(path: where_())
        return .success(RawArticle(id: record.id?.value ?? fallbackID(), source: source, kind: .jsonLines,
                                   text: text, hints: hints))
    }

    private static func baseName(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        while let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c):
            if let underlying = c.underlyingError { return "not valid JSON (\(underlying.localizedDescription))" }
            return "not valid JSON"
        case .keyNotFound(let key, _): return "missing field \"\(key.stringValue)\""
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            let field = c.codingPath.map(\.stringValue).joined(separator: ".")
            return "field \"\(field)\" has the wrong type"
        @unknown default: return "not valid JSON"
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, answered without Foundation when both
    /// ends are plainly not spaces (visible ASCII or the Arabic block, as in almost every title):
    /// bridging to NSString costs more than reading the record.
    func trimmingUnicodeWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.first, var lastLead = bytes.last else { return self }
        var index = bytes.index(before: bytes.endIndex)
        while lastLead & 0xC0 == 0x80, index > bytes.startIndex {
            index = bytes.index(before: index)
            lastLead = bytes[index]
        }
        // ASCII above the space, or a lead byte D8–DB (U+0600–U+06FF): neither starts a space.
        let plainlyVisible: (UInt8) -> Bool = { ($0 > 0x20 && $0 < 0x80) || ($0 >= 0xD8 && $0 <= 0xDB) }
        if plainlyVisible(first) && plainlyVisible(lastLead) { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
