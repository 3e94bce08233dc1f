import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of a text file into a String: UTF-8 (with or without BOM), UTF-16 with BOM, or
/// Windows-1256 (still common in older Arabic archives), detected from the bytes themselves.
/// Binary data and text that is none of these are refused with a reason.
enum TextDecoding {
    enum Failure: Error, CustomStringConvertible {
        case empty
        case binary
        case undecodable
        case invalidUTF16

        var description: String {
            switch self {
            case .empty: return "the file is empty"
            case .binary: return "this looks like a binary file, not text"
            case .undecodable: return "the text is not valid UTF-8 and does not look like Windows-1256 Arabic"
            case .invalidUTF16: return "the file starts with a UTF-16 byte-order mark but is not valid UTF-16"
            }
        }
    }

    /// The encoding a decode used, for logs.
    enum Encoding: String { case utf8 = "UTF-8", utf16 = "UTF-16", windows1256 = "Windows-1256" }

    static func decode(_ data: Data) throws -> (text: String, encoding: Encoding) {
        let bytes = [UInt8](data)
        if bytes.isEmpty { throw Failure.empty }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return (try decodeUTF16(bytes), .utf16)
        }
        var body = bytes[...]
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { body = bytes[3...] }
        if looksBinary(body) { throw Failure.binary }
        if let text = String(validating: body, as: UTF8.self) {
            if text.allSatisfy({ $0.isWhitespace }) { throw Failure.empty }
            return (text, .utf8)
        }
        if let text = Windows1256.decodeIfArabic(body) {
            if text.allSatisfy({ $0.isWhitespace }) { throw Failure.empty }
            return (text, .windows1256)
        }
        throw Failure.undecodable
    }

    /// Binary when there are NUL bytes or many control characters in the first 8 KB.
    static func looksBinary<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        let sample = bytes.prefix(8192)
        var controls = 0
        for b in sample {
            if b == 0 { return true }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { controls += 1 }
        }
        return controls * 20 > sample.count // over 5 % control bytes
    }

    static func decodeUTF16(_ bytes: [UInt8]) throws -> String {
        let littleEndian = bytes[0] == 0xFF
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        var text = ""
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): text.unicodeScalars.append(s)
            case .emptyInput: break loop
            case .error: throw Failure.invalidUTF16
            }
        }
        if text.isEmpty { throw Failure.empty }
        return text
    }
}

/// Windows-1256 (Arabic) decoding. The upper half of the code page is taken from the system's iconv
/// once, so the table is the platform's, not ours to get wrong.
enum Windows1256 {
    static let upperHalf: [Unicode.Scalar?] = {
        var table = [Unicode.Scalar?](repeating: nil, count: 128)
        #if canImport(Glibc)
        let cd = iconv_open("UTF-32LE", "CP1256")
        guard cd != iconv_t(bitPattern: -1) else { return table }
        defer { iconv_close(cd) }
        for byte in 0x80...0xFF {
            var input: [CChar] = [CChar(bitPattern: UInt8(byte))]
            var output = [UInt8](repeating: 0, count: 8)
            var inLeft = 1, outLeft = 8
            let ok = input.withUnsafeMutableBufferPointer { inBuf -> Bool in
                output.withUnsafeMutableBufferPointer { outBuf -> Bool in
                    var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1
                }
            }
            if ok && outLeft == 4 {
                let value = UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16 | UInt32(output[3]) << 24
                table[byte - 0x80] = Unicode.Scalar(value)
            }
        }
        #endif
        return table
    }()

    /// Decodes when the high bytes are mostly Arabic letters; otherwise nil (so Latin-1 or random
    /// bytes are not passed off as Arabic).
    static func decodeIfArabic(_ bytes: ArraySlice<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        var high = 0, arabic = 0
        for b in bytes {
            if b < 0x80 {
                scalars.append(Unicode.Scalar(b))
                continue
            }
            high += 1
            guard let s = upperHalf[Int(b) - 0x80] else { return nil }
            if (0x0600...0x06FF).contains(s.value) { arabic += 1 }
            scalars.append(s)
        }
        guard high > 0, arabic * 10 >= high * 7 else { return nil }
        return String(scalars)
    }
}
