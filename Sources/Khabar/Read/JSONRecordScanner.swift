/// The fast path for one JSON Lines record: scans the object's bytes once, decodes only the fields
/// the reader uses and skips the rest. JSONDecoder costs more than the scan itself (a map of every
/// value, a String per key, Codable dispatch), and a week of news is 10,000 records.
///
/// It answers nil for anything it is not sure about (malformed JSON, a field of another type, a
/// repeated field, an escaped key, a number id that is not a plain integer, deep nesting), and the
/// reader then asks JSONDecoder, so odd records and error messages are exactly as before.
struct JSONRecordScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func record(from line: UnsafeBufferPointer<UInt8>) -> JSONLinesReader.Record? {
        var scanner = JSONRecordScanner(line)
        return scanner.scanRecord()
    }

    private enum Field: Int { case id, title, text, published, outlet, url, author }

    private static let fieldNames: [(name: [UInt8], field: Field)] = [
        (Array("id".utf8), .id), (Array("title".utf8), .title), (Array("text".utf8), .text),
        (Array("published".utf8), .published), (Array("outlet".utf8), .outlet), (Array("url".utf8), .url),
        (Array("author".utf8), .author),
    ]

    private mutating func scanRecord() -> JSONLinesReader.Record? {
        var record = JSONLinesReader.Record()
        var seen = Set<Int>()
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return nil }
        skipSpace()
        if !take(UInt8(ascii: "}")) {
            while true {
                skipSpace()
                guard let key = scanPlainKey() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                if let field = Self.fieldNames.first(where: { $0.name.elementsEqual(key) })?.field {
                    // JSONDecoder keeps the first of repeated keys; leave such records to it.
                    guard seen.insert(field.rawValue).inserted, scanField(field, into: &record) else { return nil }
                } else {
                    guard skipValue(depth: 0) else { return nil }
                }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        skipSpace()
        return i == bytes.count ? record : nil
    }

    private mutating func scanField(_ field: Field, into record: inout JSONLinesReader.Record) -> Bool {
        if takeLiteral("null") { return true } // decodeIfPresent: null is absent
        switch field {
        case .id:
            // A string that fails to scan must not be read again as a number from where it stopped
            // (the `record` fuzz target found `"e8\u0` taken as the id 0).
            if peek(UInt8(ascii: "\"")) {
                guard let s = scanString() else { return false }
                record.id = .init(value: s)
                return true
            }
            guard let n = scanPlainInteger() else { return false }
            record.id = .init(value: String(n))
        case .title: guard let s = scanString() else { return false }; record.title = s
        case .text: guard let s = scanString() else { return false }; record.text = s
        case .published: guard let s = scanString() else { return false }; record.published = s
        case .outlet: guard let s = scanString() else { return false }; record.outlet = s
        case .url: guard let s = scanString() else { return false }; record.url = s
        case .author:
            if peek(UInt8(ascii: "\"")) {
                guard let s = scanString() else { return false }
                record.author = .init(names: [s])
                return true
            }
            guard take(UInt8(ascii: "[")) else { return false }
            var names: [String] = []
            skipSpace()
            if !take(UInt8(ascii: "]")) {
                while true {
                    skipSpace()
                    guard let s = scanString() else { return false }
                    names.append(s)
                    skipSpace()
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(UInt8(ascii: "]")) else { return false }
                    break
                }
            }
            record.author = .init(names: names)
        }
        return true
    }

    // MARK: - Pieces

    private func peek(_ byte: UInt8) -> Bool { i < bytes.count && bytes[i] == byte }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    private mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]).elementsEqual($0) }
        if matches { i += n }
        return matches
    }

    /// A key without escapes, in ASCII (any other key goes to JSONDecoder, which refuses invalid
    /// UTF-8 in keys), as its bytes.
    private mutating func scanPlainKey() -> UnsafeBufferPointer<UInt8>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            guard bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20, bytes[i] < 0x80 else { return nil }
            i += 1
        }
        guard i < bytes.count else { return nil }
        defer { i += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<i])
    }

    /// A string value, unescaped and checked to be valid UTF-8.
    private mutating func scanString() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var start = i
        var unescaped: [UInt8]? = nil // only built when the string has escapes
        while true {
            i = Self.endOfPlainRun(bytes, from: i)
            guard i < bytes.count else { return nil }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { break }
            guard b == UInt8(ascii: "\\") else { return nil } // raw control characters are not JSON
            if unescaped == nil { unescaped = []; unescaped!.reserveCapacity(bytes.count - start) }
            unescaped!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            guard appendEscape(to: &unescaped!) else { return nil }
            start = i
        }
        let tail = UnsafeBufferPointer(rebasing: bytes[start..<i])
        i += 1
        guard var out = unescaped else { return String(validating: tail, as: UTF8.self) }
        out.append(contentsOf: tail)
        return String(validating: out, as: UTF8.self)
    }

    /// The first position at or after `from` holding a quote, a backslash or a control byte (or the
    /// end). Tests eight bytes at a time: a string's text is long runs of none of them.
    private static func endOfPlainRun(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let raw = UnsafeRawBufferPointer(bytes)
        var j = from
        while j + 8 <= raw.count {
            let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            let quote = hasZeroByte(w ^ (ones &* 0x22)), backslash = hasZeroByte(w ^ (ones &* 0x5C))
            let control = (w &- ones &* 0x20) & ~w & highs != 0 // some byte below 0x20
            if quote || backslash || control { break }
            j += 8
        }
        while j < bytes.count {
            let b = bytes[j]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { return j }
            j += 1
        }
        return j
    }

    /// Decodes the escape at `i` (a backslash) onto `out`; false for a bad or lone-surrogate escape.
    private mutating func appendEscape(to out: inout [UInt8]) -> Bool {
        guard i + 1 < bytes.count else { return false }
        let code = bytes[i + 1]
        i += 2
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            guard var value = scanHex4() else { return false }
            if value >= 0xD800 && value < 0xDC00 {
                // A high surrogate must be followed by an escaped low one.
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return false }
                i += 2
                guard let low = scanHex4(), low >= 0xDC00 && low < 0xE000 else { return false }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if value >= 0xDC00 && value < 0xE000 {
                return false
            }
            guard let scalar = Unicode.Scalar(value) else { return false }
            out.append(contentsOf: UTF8.encode(scalar)!)
        default: return false
        }
        return true
    }

    private mutating func scanHex4() -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    /// `0|[1-9][0-9]*` with nothing after it that continues a number, as an Int. (Negative ids go
    /// to JSONDecoder.)
    private mutating func scanPlainInteger() -> Int? {
        let start = i
        let digitsStart = i
        while i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        let digits = i - digitsStart
        guard digits > 0, digits <= 18, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
        return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }

    /// Skips any JSON value (strictly: anything unusual makes the record go to JSONDecoder).
    private mutating func skipValue(depth: Int) -> Bool {
        guard i < bytes.count, depth < 32 else { return false }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            return skipString()
        case UInt8(ascii: "{"):
            i += 1
            skipSpace()
            if take(UInt8(ascii: "}")) { return true }
            while true {
                skipSpace()
                guard skipString() else { return false }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipSpace()
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "}"))
            }
        case UInt8(ascii: "["):
            i += 1
            skipSpace()
            if take(UInt8(ascii: "]")) { return true }
            while true {
                skipSpace()
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]"))
            }
        case UInt8(ascii: "t"): return takeLiteral("true")
        case UInt8(ascii: "f"): return takeLiteral("false")
        case UInt8(ascii: "n"): return takeLiteral("null")
        default:
            return skipNumber()
        }
    }

    /// A string whose escapes are well formed and whose bytes are valid UTF-8 (JSONDecoder refuses
    /// invalid UTF-8 even in fields it ignores: found by the `record` fuzz target).
    private mutating func skipString() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        var scratch: [UInt8] = []
        let start = i
        var high = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return !high || String(validating: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self) != nil
            }
            guard b >= 0x20 else { return false }
            if b >= 0x80 { high = true }
            if b == UInt8(ascii: "\\") {
                guard appendEscape(to: &scratch) else { return false }
                scratch.removeAll(keepingCapacity: true)
            } else {
                i += 1
            }
        }
        return false
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func skipNumber() -> Bool {
        _ = take(UInt8(ascii: "-"))
        func digits(_ scanner: inout JSONRecordScanner) -> Int {
            let start = scanner.i
            while scanner.i < scanner.bytes.count, scanner.bytes[scanner.i] &- UInt8(ascii: "0") < 10 { scanner.i += 1 }
            return scanner.i - start
        }
        let intStart = i
        let intDigits = digits(&self)
        guard intDigits > 0, intDigits == 1 || bytes[intStart] != UInt8(ascii: "0") else { return false }
        if take(UInt8(ascii: ".")) { guard digits(&self) > 0 else { return false } }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard digits(&self) > 0 else { return false }
        }
        return true
    }
}
