/// Resolving feed links (RFC 3986 §5.2) on the text itself: Foundation's URL would percent-encode
/// Arabic paths or refuse them, and links written in Arabic should stay as the feed wrote them.
enum FeedURL {
    /// `reference` made absolute against `base`. Absolute references come back as written (trimmed);
    /// a relative one with no usable (absolute) base also comes back as written.
    static func resolve(_ reference: String, against base: String?) -> String {
        let reference = reference.trimmingUnicodeWhitespace()
        let ref = Parts(reference)
        guard ref.scheme == nil, let base else { return reference }
        let b = Parts(base.trimmingUnicodeWhitespace())
        guard b.scheme != nil else { return reference }
        var target = Parts()
        target.scheme = b.scheme
        if ref.authority != nil {
            target.authority = ref.authority
            target.path = removingDotSegments(ref.path)
            target.query = ref.query
        } else {
            target.authority = b.authority
            if ref.path.isEmpty {
                target.path = b.path
                target.query = ref.query ?? b.query
            } else {
                target.path = removingDotSegments(ref.path.hasPrefix("/") ? ref.path : merge(b, ref.path))
                target.query = ref.query
            }
        }
        target.fragment = ref.fragment
        return target.text
    }

    /// The host of an absolute URL, without "www." or a port: "https://www.aljazeera.net/news" → "aljazeera.net".
    static func host(of url: String) -> String? {
        guard var host = Parts(url).authority else { return nil }
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = String(host[..<colon]) }
        if host.lowercased().hasPrefix("www.") { host = String(host.dropFirst(4)) }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// scheme://authority/path?query#fragment, split as RFC 3986 appendix B does.
    struct Parts {
        var scheme: String?
        var authority: String?
        var path = ""
        var query: String?
        var fragment: String?

        init() {}

        init(_ text: String) {
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            if let colon = rest.firstIndex(of: ":"), Self.isScheme(rest[..<colon]) {
                scheme = String(rest[..<colon])
                rest = rest[rest.index(after: colon)...]
            }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let slash = rest.firstIndex(of: "/") ?? rest.endIndex
                authority = String(rest[..<slash])
                rest = rest[slash...]
            }
            path = String(rest)
        }

        /// A letter, then letters, digits, "+", "-" or ".", and no "/" (so "a/b:c" is a path).
        static func isScheme(_ text: Substring) -> Bool {
            guard let first = text.utf8.first, (first | 0x20) >= 97, (first | 0x20) <= 122 else { return false }
            return text.utf8.allSatisfy { c in
                let lower = c | 0x20
                return (lower >= 97 && lower <= 122) || (c >= 48 && c <= 57) || c == 43 || c == 45 || c == 46
            }
        }

        var text: String {
            var s = ""
            if let scheme { s += scheme + ":" }
            if let authority { s += "//" + authority }
            s += path
            if let query { s += "?" + query }
            if let fragment { s += "#" + fragment }
            return s
        }
    }

    /// RFC 3986 §5.2.3: the base path up to its last "/", then the reference.
    static func merge(_ base: Parts, _ path: String) -> String {
        if base.authority != nil, base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return base.path[...slash] + path
    }

    /// RFC 3986 §5.2.4, on segments: "." goes, ".." takes the segment before it (never the root).
    static func removingDotSegments(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var output: [Substring] = []
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment == "." || segment == ".." {
                if segment == "..", output.count > 1 || (output.count == 1 && !output[0].isEmpty) {
                    output.removeLast()
                }
                if isLast { output.append("") }
                continue
            }
            output.append(segment)
        }
        if path.hasPrefix("/"), output.first != "" { output.insert("", at: 0) }
        return output.joined(separator: "/")
    }
}
