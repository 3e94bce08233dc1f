/// A small JSON writer that keeps keys in the order the output format documents (JSONEncoder
/// on Linux orders keys at random) and writes straight into a byte buffer.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init() {}

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands over what is written so far and starts an empty buffer (the nesting state stays):
    /// a large document goes out in pieces instead of being held whole.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":`; the value written next belongs to it.
    public mutating func key(_ name: String) {
        separator()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func value(_ text: String?) {
        separator()
        if let text { appendQuoted(text) } else { bytes.append(contentsOf: "null".utf8) }
    }

    public mutating func value(_ number: Double) {
        separator()
        bytes.append(contentsOf: (number.isFinite ? "\(number)" : "null").utf8)
    }

    public mutating func value(_ number: Int) { separator(); bytes.append(contentsOf: String(number).utf8) }
    public mutating func value(_ flag: Bool) { separator(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }

    public mutating func field(_ name: String, _ text: String?) { key(name); value(text) }

    /// A value already written as JSON (a stored digest), copied in as it is.
    public mutating func raw(_ json: String) { separator(); bytes.append(contentsOf: json.utf8) }

    public mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for s in strings { value(s) }
        endArray()
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escape (nearly all of an article) are copied whole.
            var runStart = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                switch b {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, JSONWriter.hex[Int(b >> 4)], JSONWriter.hex[Int(b & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONWriter {
    /// The fields an entity object starts with, in `khabar extract` and in the digest.
    mutating func entityHead(id: Int, name: String, kind: EntityKind, variants: [String], mentions: Int,
                             kindPlaceholder: Bool = false) {
        key("id"); value(id)
        field("name", name)
        key("kind")
        if kindPlaceholder { raw(SpillFile.placeholder(.kind, id)) } else { value(kind.label) }
        field("variants", strings: variants)
        key("mentions"); value(mentions)
    }

    /// `"key": [{…}, …]`: one object per item, its fields written by `fields`.
    public mutating func objects<Items: Sequence>(_ name: String, _ items: Items,
                                                  _ fields: (inout JSONWriter, Items.Element) -> Void) {
        key(name)
        beginArray()
        for item in items {
            beginObject()
            fields(&self, item)
            endObject()
        }
        endArray()
    }

    /// `"key": n` or `"key": null`.
    mutating func field(_ name: String, _ number: Int?) {
        key(name)
        if let number { value(number) } else { value(nil as String?) }
    }
}

extension CleanArticle {
    /// Writes the article object in the documented key order; `extraFields` adds keys at the end.
    /// Without `includeRemoved` the removed blocks are left out (a digest shows only what was kept).
    public func write(to json: inout JSONWriter, includeRemoved: Bool = true,
                      extraFields: (inout JSONWriter) -> Void = { _ in }) {
        json.beginObject()
        json.field("id", id)
        json.key("source")
        json.beginObject()
        switch source {
        case .file(let path): json.field("path", path)
        case .url(let url): json.field("url", url)
        }
        json.endObject()
        json.field("title", title)
        json.field("outlet", outlet)
        json.field("published", published?.iso8601)
        json.field("place", place)
        json.field("authors", strings: authors)
        json.field("agencies", strings: agencies)
        json.field("keywords", strings: keywords)
        json.field("language", language)
        json.field("paragraphs", strings: paragraphs)
        if includeRemoved {
            json.key("removed")
            json.beginArray()
            for r in removed {
                json.beginObject()
                json.field("text", r.text)
                json.field("reason", r.reason.rawValue)
                json.endObject()
            }
            json.endArray()
        }
        extraFields(&json)
        json.endObject()
    }

    /// The article as one line of JSON.
    public var jsonLine: String { String(decoding: jsonLineBytes, as: UTF8.self) }

    /// The same line as UTF-8 bytes (writers that emit bytes skip making a String).
    public var jsonLineBytes: [UInt8] {
        var json = JSONWriter()
        write(to: &json)
        return json.bytes
    }
}
