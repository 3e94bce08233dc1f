import Foundation

/// gzip and xz: how they are recognised, and how unpacking them can fail. The unpacking itself is
/// streamed (`DecompressedChunks`): a file is never unpacked whole.
enum Decompression {
    enum Failure: Error, CustomStringConvertible {
        case corrupt(String)
        case tooLarge(limit: Int)
        case bomb(ratio: Int)
        case unreadable(String)

        var description: String {
            switch self {
            case .corrupt(let format): return "the \(format) data is corrupt or truncated"
            case .tooLarge(let limit): return "it decompresses to more than \(ByteFormat.megabytes(limit))"
            case .bomb(let ratio): return "it decompresses to more than \(ratio) times its size (a decompression bomb?)"
            case .unreadable(let reason): return "the file cannot be read (\(reason))"
            }
        }
    }

    static func kind<Bytes: Collection>(of bytes: Bytes) -> DecompressedChunks.Kind? where Bytes.Element == UInt8 {
        if bytes.starts(with: [0x1F, 0x8B]) { return .gzip }
        if bytes.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        return nil
    }
}

enum ByteFormat {
    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : String(format: "%.1f MB", mb)
    }
}
