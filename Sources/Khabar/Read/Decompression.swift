import CCompression
import Foundation

/// gzip and xz decompression (zlib, liblzma), so users can feed `.gz` and `.xz` files as they come.
enum Decompression {
    enum Failure: Error, CustomStringConvertible {
        case corrupt(String)
        case tooLarge(limit: Int)

        var description: String {
            switch self {
            case .corrupt(let format): return "the \(format) data is corrupt or truncated"
            case .tooLarge(let limit): return "it decompresses to more than \(ByteFormat.megabytes(limit))"
            }
        }
    }

    static func isGzip(_ data: Data) -> Bool { data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B }

    static func isXz(_ data: Data) -> Bool {
        let magic: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
        return data.count >= 6 && data.prefix(6).elementsEqual(magic)
    }

    /// Decompresses gzip (also concatenated members) up to `limit` bytes of output.
    static func gunzip(_ data: Data, limit: Int) throws -> Data {
        var stream = z_stream()
        // 15 window bits + 32: detect gzip or zlib headers automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.corrupt("gzip")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: UInt8.self).baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let status: Int32 = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk - Int(stream.avail_out)
                output.append(contentsOf: buffer[0..<produced])
                if output.count > limit { throw Failure.tooLarge(limit: limit) }
                if status == Z_STREAM_END {
                    // Another gzip member may follow (concatenated .gz files).
                    if stream.avail_in > 0 { inflateReset(&stream); continue }
                    return
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { throw Failure.corrupt("gzip") }
                guard status == Z_OK else { throw Failure.corrupt("gzip") }
            }
        }
        return output
    }

    /// Decompresses xz data up to `limit` bytes of output.
    static func unxz(_ data: Data, limit: Int) throws -> Data {
        var stream = lzma_stream()
        guard lzma_stream_decoder(&stream, UInt64.max, 0x08 /* LZMA_CONCATENATED */) == LZMA_OK else {
            throw Failure.corrupt("xz")
        }
        defer { lzma_end(&stream) }
        var output = Data()
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = input.bindMemory(to: UInt8.self).baseAddress
            stream.avail_in = input.count
            while true {
                let action = stream.avail_in == 0 ? LZMA_FINISH : LZMA_RUN
                let status = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = chunk
                    return lzma_code(&stream, action)
                }
                let produced = chunk - stream.avail_out
                output.append(contentsOf: buffer[0..<produced])
                if output.count > limit { throw Failure.tooLarge(limit: limit) }
                if status == LZMA_STREAM_END { return }
                guard status == LZMA_OK else { throw Failure.corrupt("xz") }
            }
        }
        return output
    }
}

enum ByteFormat {
    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : String(format: "%.1f MB", mb)
    }
}
