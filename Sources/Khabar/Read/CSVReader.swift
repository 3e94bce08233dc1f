/// One CSV record: its fields and the line it starts on (1-based, counting the header).
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]
}

/// RFC 4180 CSV: comma-separated fields, optionally in double quotes; inside quotes `""` is a quote
/// and commas and line breaks are text. CRLF or LF line ends; a UTF-8 byte-order mark is skipped;
/// blank lines are skipped. Errors name the input and the line: `pairs.csv:12: …`.
public enum CSVReader {
    public static func records(_ bytes: [UInt8], source: String) throws(InputError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = bytes.count
        var atFieldStart = true

        func fail(_ line: Int, _ message: String) -> InputError {
            InputError(input: "\(source):\(line)", message: message)
        }
        func text(_ raw: [UInt8], _ line: Int) throws(InputError) -> String {
            guard let value = String(validating: raw, as: UTF8.self) else { throw fail(line, "not valid UTF-8") }
            return value
        }

        while i < n {
            let byte = bytes[i]
            if atFieldStart && byte == UInt8(ascii: "\"") {
                // Quoted field: up to the closing quote, which must end the field.
                let openedOn = line
                i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\"") {
                        if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if c == 0x0A { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else { throw fail(openedOn, "a quoted field is never closed (missing \")") }
                if i < n && bytes[i] != UInt8(ascii: ",") && bytes[i] != 0x0A && bytes[i] != 0x0D {
                    throw fail(line, "text after a closing quote (a quote inside a quoted field must be doubled: \"\")")
                }
                atFieldStart = false
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                fields.append(try text(field, line))
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                i += 1
            case 0x0A, 0x0D:
                if byte == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                if !(fields.isEmpty && field.isEmpty && atFieldStart) {
                    fields.append(try text(field, line))
                    records.append(CSVRecord(line: recordLine, fields: fields))
                }
                fields.removeAll(keepingCapacity: true)
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                throw fail(line, "a quote inside an unquoted field (quote the whole field and double the quote)")
            default:
                field.append(byte)
                atFieldStart = false
                i += 1
            }
        }
        if !(fields.isEmpty && field.isEmpty && atFieldStart) {
            fields.append(try text(field, line))
            records.append(CSVRecord(line: recordLine, fields: fields))
        }
        return records
    }
}
