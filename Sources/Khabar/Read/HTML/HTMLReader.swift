import Foundation

/// Reads news pages: parses the HTML with libxml2, finds the main content, and reads the metadata
/// the page states (Open Graph, JSON-LD, <title>, <time>, rel=author).
public enum HTMLReader {
    /// Parses HTML bytes (any charset: a BOM, then <meta charset> / http-equiv, else UTF-8, falling back
    /// to windows-1252 when the bytes are not UTF-8) and returns the article.
    /// `text` holds the main-content blocks (paragraphs, headings, list items, quotes), one per line.
    public static func read(_ data: Data, id: String, source: ArticleSource) throws -> RawArticle {
        let parsed = try parse(data)
        let text = parsed.blocks.joined(separator: "\n")
        return RawArticle(id: id, source: source, kind: .html, text: text, hints: parsed.hints)
    }

    /// The content blocks and hints of a page, for callers that want the blocks separately.
    public static func parse(_ data: Data) throws -> (blocks: [String], hints: MetadataHints) {
        guard looksLikeHTML(data) else { throw HTMLReadError.notHTML }
        let encoding = detectEncoding(data)
        let document: HTMLDocument
        do {
            document = try HTMLDocument(data: data, encoding: encoding)
        } catch {
            // An encoding name iconv does not know: let libxml2 decide.
            document = try HTMLDocument(data: data, encoding: nil)
        }
        return try withExtendedLifetime(document) {
            let tree = HTMLTree(document: document)
            guard !tree.nodes.isEmpty else { throw HTMLReadError.notHTML }
            let metadata = HTMLMetadata(tree: tree)
            let hints = metadata.hints
            var extractor = ContentExtractor(tree: tree)
            let blocks = extractor.extract(title: hints.title)
            guard !blocks.isEmpty else { throw HTMLReadError.noContent }
            return (blocks, hints)
        }
    }

    /// The text blocks of an HTML fragment that is itself an article or a line of one (a feed item's
    /// content, summary or title), read by the same parser and block segmentation as a page.
    /// `mainContentOnly` runs the page's main-content extraction too (it drops share links and
    /// "read more" lines a feed appends); a fragment too short to look like an article to it (a
    /// one-sentence summary) then keeps all its text blocks rather than none. Empty when no text.
    static func fragmentBlocks(_ html: String, mainContentOnly: Bool) throws -> [String] {
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let document = try HTMLDocument(data: Data(page.utf8), encoding: "UTF-8")
        return withExtendedLifetime(document) {
            var extractor = ContentExtractor(tree: HTMLTree(document: document))
            if mainContentOnly {
                let blocks = extractor.extract(title: nil)
                if !blocks.isEmpty { return blocks }
            }
            return extractor.allBlocks()
        }
    }

    // MARK: - Input checks and charset

    /// True when the bytes have markup near the start and are not binary.
    static func looksLikeHTML(_ data: Data) -> Bool {
        guard !data.isEmpty else { return false }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return true }
        return data.prefix(65536).withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            var sawTag = false
            var previousLT = false
            for byte in bytes {
                if byte == 0 { return false }
                if previousLT, (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 33 || byte == 47 {
                    sawTag = true
                }
                previousLT = byte == 60
            }
            return sawTag
        }
    }

    /// The iconv name of the page's charset: BOM, then a `charset=` in the first 8 KB, else UTF-8 or
    /// windows-1252 for bytes that are not valid UTF-8.
    static func detectEncoding(_ data: Data) -> String {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if data.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if data.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        if let declared = declaredCharset(data.prefix(8192)) { return declared }
        return isValidUTF8(data) ? "UTF-8" : "windows-1252"
    }

    /// Finds `charset=NAME` (in <meta charset> or an http-equiv content value) and maps the
    /// name the way browsers do (latin1 and ASCII labels mean windows-1252).
    static func declaredCharset(_ head: Data) -> String? {
        let b = [UInt8](head)
        let needle: [UInt8] = Array("charset".utf8)
        var i = 0
        while i + needle.count < b.count {
            var match = true
            for k in 0..<needle.count {
                var c = b[i + k]
                if c >= 65, c <= 90 { c += 32 }
                if c != needle[k] { match = false; break }
            }
            if !match { i += 1; continue }
            var j = i + needle.count
            while j < b.count, b[j] == 32 || b[j] == 9 || b[j] == 10 || b[j] == 13 { j += 1 }
            guard j < b.count, b[j] == 61 else { i = j; continue } // '='
            j += 1
            while j < b.count, b[j] == 32 || b[j] == 34 || b[j] == 39 { j += 1 }
            var name: [UInt8] = []
            while j < b.count, name.count < 40 {
                let c = b[j]
                let ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
                    || c == 45 || c == 95 || c == 46 || c == 58
                if !ok { break }
                name.append(c)
                j += 1
            }
            if !name.isEmpty, let label = String(bytes: name, encoding: .ascii) {
                return normalizeCharset(label)
            }
            i = j
        }
        return nil
    }

    static func normalizeCharset(_ label: String) -> String {
        let l = label.lowercased()
        switch l {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252",
             "windows-1252", "x-cp1252":
            return "windows-1252"
        case "cp1256", "windows-1256", "x-cp1256", "arabic": return "windows-1256"
        case "iso-8859-6", "iso8859-6", "iso_8859-6", "asmo-708": return "ISO-8859-6"
        // A page that declares UTF-16 in a meta tag was transcoded to an ASCII-compatible form.
        case "utf-16", "utf-16le", "utf-16be": return "UTF-8"
        default: return label
        }
    }

    static func isValidUTF8(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let extra: Int
                if c >= 0xC2 && c <= 0xDF { extra = 1 }
                else if c >= 0xE0 && c <= 0xEF { extra = 2 }
                else if c >= 0xF0 && c <= 0xF4 { extra = 3 }
                else { return false }
                if i + extra >= n { return false }
                for k in 1...extra where b[i + k] & 0xC0 != 0x80 { return false }
                i += extra + 1
            }
            return true
        }
    }
}
