import CCompression
import Foundation

/// Bytes that arrive a piece at a time: a file or standard input read in chunks, through gzip or
/// xz decompression when the first bytes say so. Readers parse as the bytes come, so no input is
/// ever held (or unpacked) whole: memory stays bounded whatever the size of the file.
protocol ByteChunks: AnyObject {
    /// The next piece of input (never empty), or nil at the end. Throws `Decompression.Failure`.
    func next() throws -> ArraySlice<UInt8>?
}

extension ByteChunks {
    /// Everything that is left, up to `limit` bytes: nil when there is more than that (the rest is
    /// not read). For the formats that need a whole document (an HTML page, a feed, a JSON array).
    func collect(limit: Int) throws -> Data? {
        var data = Data()
        while let chunk = try next() {
            if data.count + chunk.count > limit { return nil }
            data.append(contentsOf: chunk)
        }
        return data
    }
}

/// A file descriptor read in chunks of `chunkSize` bytes.
final class FileChunks: ByteChunks {
    private let descriptor: Int32
    private let closes: Bool
    private var buffer: [UInt8]

    /// Opens `path` for reading; nil with `errno` set when it cannot be opened.
    init?(path: String, chunkSize: Int = 1 << 20) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        descriptor = fd
        closes = true
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Standard input (left open).
    init(standardInputChunkSize chunkSize: Int = 1 << 20) {
        descriptor = 0
        closes = false
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { if closes { close(descriptor) } }

    func next() throws -> ArraySlice<UInt8>? {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { return buffer[0..<count] }
            if count == 0 { return nil }
            if errno == EINTR { continue }
            throw Decompression.Failure.unreadable(String(cString: strerror(errno)))
        }
    }
}

/// Bytes already in memory (a request body, a fetched page), handed out in one piece.
final class DataChunks: ByteChunks {
    private var data: Data?
    init(_ data: Data) { self.data = data.isEmpty ? nil : data }
    func next() throws -> ArraySlice<UInt8>? {
        guard let data else { return nil }
        self.data = nil
        return ArraySlice(data)
    }
}

/// Gives back bytes that were read ahead (to look at the first bytes), then the rest of `source`.
final class ReplayedChunks: ByteChunks {
    private var first: ArraySlice<UInt8>?
    private let source: ByteChunks
    init(first: ArraySlice<UInt8>, then source: ByteChunks) {
        self.first = first.isEmpty ? nil : first
        self.source = source
    }
    func next() throws -> ArraySlice<UInt8>? {
        if let first {
            self.first = nil
            return first
        }
        return try source.next()
    }
}

/// Unpacks a gzip (or zlib; concatenated members too) or xz stream as it is read. Fails when the
/// output passes `limit` bytes, or passes 64 MB at more than `maxRatio` times the input read so
/// far: real text packs ten to one, a decompression bomb a thousand to one and more.
final class DecompressedChunks: ByteChunks {
    enum Kind { case gzip, xz }

    static let maxRatio = 1_000
    private static let ratioFloor = 64 << 20

    private let kind: Kind
    private let source: ByteChunks
    private let limit: Int
    private var input: ArraySlice<UInt8> = []
    private var inputEnded = false
    private var output: [UInt8]
    private var consumed = 0
    private var produced = 0
    private var finished = false
    private var zlib = z_stream()
    private var lzma = lzma_stream()

    init(_ kind: Kind, source: ByteChunks, limit: Int, chunkSize: Int = 1 << 20) throws {
        self.kind = kind
        self.source = source
        self.limit = limit
        output = [UInt8](repeating: 0, count: chunkSize)
        switch kind {
        case .gzip:
            // 15 window bits + 32: detect gzip or zlib headers automatically.
            guard inflateInit2_(&zlib, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw Decompression.Failure.corrupt("gzip")
            }
        case .xz:
            guard lzma_stream_decoder(&lzma, UInt64.max, 0x08 /* LZMA_CONCATENATED */) == LZMA_OK else {
                throw Decompression.Failure.corrupt("xz")
            }
        }
    }

    deinit {
        switch kind {
        case .gzip: inflateEnd(&zlib)
        case .xz: lzma_end(&lzma)
        }
    }

    private var formatName: String { kind == .gzip ? "gzip" : "xz" }

    func next() throws -> ArraySlice<UInt8>? {
        while !finished {
            if input.isEmpty && !inputEnded {
                if let chunk = try source.next() { input = chunk } else { inputEnded = true }
            }
            let (made, used, ended) = try step()
            consumed += used
            produced += made
            if produced > limit { throw Decompression.Failure.tooLarge(limit: limit) }
            if produced > Self.ratioFloor && produced / max(1, consumed) > Self.maxRatio {
                throw Decompression.Failure.bomb(ratio: Self.maxRatio)
            }
            if ended { finished = true }
            if made > 0 { return output[0..<made] }
            if used == 0 && inputEnded && !ended { throw Decompression.Failure.corrupt(formatName) }
        }
        return nil
    }

    /// One call of the decoder: bytes made, input bytes used, whether the stream ended.
    private func step() throws -> (Int, Int, Bool) {
        let before = input.count
        let capacity = output.count
        switch kind {
        case .gzip:
            let status: Int32 = input.withUnsafeBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf in
                    zlib.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                    zlib.avail_in = uInt(inBuf.count)
                    zlib.next_out = outBuf.baseAddress
                    zlib.avail_out = uInt(capacity)
                    return inflate(&zlib, Z_NO_FLUSH)
                }
            }
            let used = before - Int(zlib.avail_in)
            input = input.dropFirst(used)
            let made = capacity - Int(zlib.avail_out)
            if status == Z_STREAM_END {
                // Another gzip member may follow (concatenated .gz files).
                if !input.isEmpty || !inputEnded, try moreInput() {
                    inflateReset(&zlib)
                    return (made, used, false)
                }
                return (made, used, true)
            }
            if status == Z_BUF_ERROR { return (made, used, false) }
            guard status == Z_OK else { throw Decompression.Failure.corrupt("gzip") }
            return (made, used, false)
        case .xz:
            let action = inputEnded && input.isEmpty ? LZMA_FINISH : LZMA_RUN
            let status = input.withUnsafeBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf in
                    lzma.next_in = inBuf.baseAddress
                    lzma.avail_in = inBuf.count
                    lzma.next_out = outBuf.baseAddress
                    lzma.avail_out = capacity
                    return lzma_code(&lzma, action)
                }
            }
            let used = before - lzma.avail_in
            input = input.dropFirst(used)
            let made = capacity - lzma.avail_out
            if status == LZMA_STREAM_END { return (made, used, true) }
            if status == LZMA_BUF_ERROR { return (made, used, false) }
            guard status == LZMA_OK else { throw Decompression.Failure.corrupt("xz") }
            return (made, used, false)
        }
    }

    /// Whether any input is left after a gzip member ends (reading ahead when the chunk is used up).
    private func moreInput() throws -> Bool {
        if !input.isEmpty { return true }
        if let chunk = try source.next() {
            input = chunk
            return true
        }
        inputEnded = true
        return false
    }
}
