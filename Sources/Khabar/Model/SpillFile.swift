import Foundation

/// An unlinked temporary file that holds pieces of JSON until a document is put together at the
/// end of a run (the digest's finished stories, `khabar extract`'s articles): the process keeps an
/// offset and a length per piece instead of the piece. Unlinked as soon as it is made, so it is
/// gone when the process ends, however it ends.
///
/// What is known only at the end of a run can be written into a piece as a placeholder — a NUL
/// byte, a tag, an id, a NUL; JSONWriter never writes a raw NUL — and filled in by `settle`.
final class SpillFile {
    struct Span { var offset: Int64; var length: Int32 }

    struct SpillError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private let descriptor: Int32
    private let directory: String
    private var pending: [UInt8] = []
    private var written: Int64 = 0
    private var failure: String?

    init(directory: String) throws {
        self.directory = directory
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
            + Array("khabar-spill-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw SpillError(message: "cannot make a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
    }

    deinit {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    /// Appends a piece (buffered) and says where it lies.
    func put(_ bytes: [UInt8]) -> Span {
        let span = Span(offset: written, length: Int32(bytes.count))
        pending += bytes
        written += Int64(bytes.count)
        if pending.count >= 1 << 20 { flush() }
        return span
    }

    /// Writes out what is buffered; throws the first write error of the run (a full disk).
    func finishWriting() throws {
        flush()
        if let failure { throw SpillError(message: failure) }
    }

    func read(_ span: Span) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Int(span.length))
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while done < buffer.count {
                let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(span.offset) + off_t(done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    let why = n < 0 ? String(cString: strerror(errno)) : "it ended early"
                    throw SpillError(message: "cannot read the temporary file in \(directory): \(why)")
                }
                done += n
            }
        }
        return bytes
    }

    /// What a placeholder stands for: a story's importance, an entity's kind or name.
    enum Settled: UInt8 {
        case importance = 0x69, kind = 0x6B, name = 0x6E  // i, k, n
    }

    static func placeholder(_ what: Settled, _ id: Int = 0) -> String {
        "\u{0}\(Character(Unicode.Scalar(what.rawValue)))\(id)\u{0}"
    }

    /// Copies a piece to `out`, each placeholder replaced by what `fill` writes for it and its id.
    func settle(_ bytes: [UInt8], into out: inout [UInt8], _ fill: (Settled, Int, inout JSONWriter) -> Void) throws {
        var i = 0
        while i < bytes.count {
            guard let start = bytes[i...].firstIndex(of: 0) else { out += bytes[i...]; break }
            out += bytes[i..<start]
            guard let end = bytes[(start + 1)...].firstIndex(of: 0), end > start + 1,
                  let what = Settled(rawValue: bytes[start + 1]) else {
                throw SpillError(message: "the temporary file in \(directory) is damaged")
            }
            var json = JSONWriter()
            fill(what, Int(String(decoding: bytes[(start + 2)..<end], as: UTF8.self)) ?? -1, &json)
            out += json.bytes
            i = end + 1
        }
    }

    private func flush() {
        guard failure == nil, !pending.isEmpty else { pending.removeAll(keepingCapacity: true); return }
        var done = 0
        pending.withUnsafeBytes { buffer in
            while done < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write the temporary file in \(directory): \(String(cString: strerror(errno)))"
                    return
                }
                done += n
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
