import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Buffered standard output and immediate standard error.
enum Console {
    nonisolated(unsafe) static var buffer: [UInt8] = []

    static func out(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func out(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func error(_ text: String) {
        flush()
        FileHandle.standardError.write(Data(("khabar: " + text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// A whole small input (a token file), or standard input for "-"; an unreadable file is an
    /// error line naming it and exit status 1.
    static func readWhole(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let contents = FileManager.default.contents(atPath: path) else {
            error("\(path): cannot read the file")
            throw ExitCode(1)
        }
        return contents
    }
}

/// A progress line on standard error, only when it is a terminal.
struct Progress {
    let label: String
    let enabled: Bool
    var count = 0
    var lastDraw = Date.distantPast
    let start = Date()

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled && Console.stderrIsTerminal
    }

    mutating func tick() {
        count += 1
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let rate = Double(count) / max(now.timeIntervalSince(start), 0.001)
        FileHandle.standardError.write(Data("\r\(label): \(count) articles (\(Int(rate))/s)\u{1B}[K".utf8))
    }

    func clearLine() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    func finish() {
        Console.flush()
        guard enabled else { return }
        let secs = Date().timeIntervalSince(start)
        FileHandle.standardError.write(Data("\r\(label): \(count) articles in \(String(format: "%.1f", secs)) s\u{1B}[K\n".utf8))
    }
}
