import Foundation
import Logging

/// Reads articles from paths: text files, HTML pages, JSON Lines / JSON files, RSS / Atom feeds
/// (one article per item), directories (recursively, in name order) and "-" for standard input;
/// `.gz` and `.xz` are unpacked on the way.
/// Every problem becomes an `InputError` naming the input, and reading goes on with the next one.
public struct InputReader: Sendable {
    /// The largest single article (a text or HTML file, or one JSON Lines record) accepted.
    public var maxArticleBytes: Int
    /// The largest whole input file accepted (JSON Lines files hold many articles).
    public var maxFileBytes: Int

    public init(maxArticleBytes: Int = 10 << 20, maxFileBytes: Int = 4 << 30) {
        self.maxArticleBytes = maxArticleBytes
        self.maxFileBytes = maxFileBytes
    }

    private static let logger = Logger(label: "khabar.read")

    /// The kinds of file the reader knows, from the name or, failing that, from the first bytes.
    enum Format { case text, html, jsonLines, json, feed }

    /// Reads every path and calls `emit` once per article or error, in input order.
    public func read(paths: [String], emit: (ReadOutcome) -> Void) {
        for path in paths {
            if path == "-" {
                read(chunks: FileChunks(standardInputChunkSize: 1 << 20), name: "-", id: "stdin", format: nil, emit: emit)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                emit(.failure(InputError(input: path, message: "no such file or directory")))
                continue
            }
            if isDirectory.boolValue {
                for file in Self.files(under: path, emit: emit) { readFile(file, emit: emit) }
            } else {
                readFile(path, emit: emit)
            }
        }
    }

    /// Convenience for tests and small inputs: all outcomes as an array.
    public func readAll(paths: [String]) -> [ReadOutcome] {
        var outcomes: [ReadOutcome] = []
        read(paths: paths) { outcomes.append($0) }
        return outcomes
    }

    /// Regular files under a directory, recursively, sorted by path; hidden files are skipped.
    static func files(under directory: String, emit: (ReadOutcome) -> Void) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: directory),
            includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles]) else {
            emit(.failure(InputError(input: directory, message: "the directory cannot be read")))
            return []
        }
        var files: [String] = []
        for case let url as URL in enumerator {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url.path)
            }
        }
        return files.sorted()
    }

    func readFile(_ path: String, emit: (ReadOutcome) -> Void) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maxFileBytes {
            emit(.failure(InputError(input: path, message: "the file is \(ByteFormat.megabytes(size)), over the \(ByteFormat.megabytes(maxFileBytes)) limit")))
            return
        }
        let (innerName, compressed) = Self.stripCompressionExtension((path as NSString).lastPathComponent)
        let format = Self.format(ofName: innerName)
        if !compressed, format == .text || format == .html, size > maxArticleBytes {
            emit(.failure(InputError(input: path, message: "the file is \(ByteFormat.megabytes(size)), over the \(ByteFormat.megabytes(maxArticleBytes)) limit for one article (raise it with --max-article-size)")))
            return
        }
        guard let chunks = FileChunks(path: path) else {
            emit(.failure(InputError(input: path, message: "the file cannot be read (\(String(cString: strerror(errno))))")))
            return
        }
        read(chunks: chunks, name: path, id: Self.fileID(innerName), format: format, emit: emit)
    }

    /// Reads bytes that came from `name`. `format` nil means: tell from the content.
    public func read(data raw: Data, name: String, id: String, emit: (ReadOutcome) -> Void) {
        read(chunks: DataChunks(raw), name: name, id: id, format: nil, emit: emit)
    }

    /// Reads an input as its bytes arrive: unpacks gzip or xz on the way, streams JSON Lines record
    /// by record, and gathers only the formats that need a whole document (a page, a feed, a JSON
    /// array), each up to its limit. An error after some records leaves those records emitted.
    func read(chunks source: ByteChunks, name: String, id: String, format knownFormat: Format?,
              emit: (ReadOutcome) -> Void) {
        do {
            guard let first = try source.next() else {
                emit(.failure(InputError(input: name, message: "the file is empty")))
                return
            }
            var chunks: ByteChunks = ReplayedChunks(first: first, then: source)
            if let kind = Decompression.kind(of: first) {
                chunks = try DecompressedChunks(kind, source: chunks, limit: maxFileBytes)
            }
            // The first bytes of the content (at least 64 KB when there are that many) tell its format.
            var head: [UInt8] = []
            while head.count < 1 << 16, let chunk = try chunks.next() { head.append(contentsOf: chunk) }
            guard !head.isEmpty else {
                emit(.failure(InputError(input: name, message: "the file is empty")))
                return
            }
            chunks = ReplayedChunks(first: head[...], then: chunks)
            let format = knownFormat ?? Self.sniff(head)
            switch format {
            case .jsonLines:
                try JSONLinesReader.read(chunks, name: name, maxRecordBytes: maxArticleBytes, emit: emit)
            case .json:
                guard let data = try chunks.collect(limit: maxFileBytes) else {
                    emit(.failure(InputError(input: name, message: "the JSON document is over the \(ByteFormat.megabytes(maxFileBytes)) limit (JSON Lines has none: one record a line)")))
                    return
                }
                JSONLinesReader.readJSON(data, name: name, emit: emit)
            case .feed:
                let limit = min(maxFileBytes, FeedParser.defaultMaxBytes)
                guard let data = try chunks.collect(limit: limit) else {
                    emit(.failure(InputError(input: name, message: "the feed is over the \(ByteFormat.megabytes(limit)) limit")))
                    return
                }
                FeedArticleReader.read(data, name: name, fileID: id, maxFeedBytes: limit,
                                       maxArticleBytes: maxArticleBytes, emit: emit)
            case .text, .html:
                guard let data = try chunks.collect(limit: maxArticleBytes) else {
                    emit(.failure(InputError(input: name, message: "the file is over the \(ByteFormat.megabytes(maxArticleBytes)) limit for one article (raise it with --max-article-size)")))
                    return
                }
                readDocument(data, format: format, name: name, id: id, emit: emit)
            }
        } catch {
            emit(.failure(InputError(input: name, message: "\(error)")))
        }
    }

    /// One text file or HTML page: one article.
    private func readDocument(_ data: Data, format: Format, name: String, id: String, emit: (ReadOutcome) -> Void) {
        let source = ArticleSource.file(path: name)
        if format == .html {
            if TextDecoding.looksBinary(data) {
                emit(.failure(InputError(input: name, message: TextDecoding.Failure.binary.description)))
                return
            }
            do {
                emit(.success(try HTMLReader.read(data, id: id, source: source)))
            } catch {
                emit(.failure(InputError(input: name, message: "\(error)")))
            }
        } else {
            do {
                let (text, encoding) = try TextDecoding.decode(data)
                if encoding != .utf8 { Self.logger.debug("decoded \(name) as \(encoding.rawValue)") }
                emit(.success(RawArticle(id: id, source: source, kind: .text, text: text)))
            } catch {
                emit(.failure(InputError(input: name, message: "\(error)")))
            }
        }
    }

    static func stripCompressionExtension(_ name: String) -> (String, compressed: Bool) {
        for ext in [".gz", ".xz"] where name.lowercased().hasSuffix(ext) {
            return (String(name.dropLast(ext.count)), true)
        }
        return (name, false)
    }

    /// "000_eb4c.txt" → "000_eb4c"; "page.html.gz" → "page".
    static func fileID(_ innerName: String) -> String {
        guard let dot = innerName.lastIndex(of: "."), dot != innerName.startIndex else { return innerName }
        return String(innerName[..<dot])
    }

    static func format(ofName name: String) -> Format? {
        switch (name as NSString).pathExtension.lowercased() {
        case "txt", "text": return .text
        case "html", "htm", "xhtml", "shtml": return .html
        case "jsonl", "ndjson": return .jsonLines
        case "json": return .json
        case "rss", "atom", "xml": return .feed
        default: return nil
        }
    }

    /// Tells the format from the first non-blank bytes: '<' is markup (a feed when the root element
    /// is rss, feed or rdf:RDF, else HTML), '{' JSON Lines, '[' JSON.
    static func sniff(_ data: [UInt8]) -> Format {
        var start = data.startIndex
        if data.count >= 3, data.prefix(3).elementsEqual([0xEF, 0xBB, 0xBF]) { start += 3 }
        for byte in data[start...].prefix(1024) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "<"): return FeedXML.rootElementName(Data(data)).map(FeedXML.isFeedRoot) == true ? .feed : .html
            case UInt8(ascii: "{"): return .jsonLines
            case UInt8(ascii: "["): return .json
            default: return .text
            }
        }
        return .text
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return ns.localizedDescription
    }
}
