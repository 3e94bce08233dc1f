import Foundation

/// The feeds to poll: one URL per line (blank lines and # comments skipped), or an OPML file
/// (every outline's xmlUrl), the export every feed reader makes.
public enum FeedList {
    public static func read(path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return parse(text)
    }

    public static func parse(_ text: String) -> [String] {
        // A byte-order mark (Windows editors write one) is not part of the first URL.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if text.range(of: "<opml", options: .caseInsensitive) != nil {
            var urls: [String] = []
            var rest = text[...]
            while let attribute = rest.range(of: "xmlUrl", options: .caseInsensitive) {
                rest = rest[attribute.upperBound...]
                // XML allows white space around the "=".
                rest = rest.drop { $0.isWhitespace }
                guard rest.first == "=" else { continue }
                rest = rest.dropFirst().drop { $0.isWhitespace }
                guard let quote = rest.first, quote == "\"" || quote == "'" else { continue }
                rest = rest.dropFirst()
                guard let end = rest.firstIndex(of: quote) else { break }
                urls.append(unescape(String(rest[..<end])))
                rest = rest[end...]
            }
            return urls
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
