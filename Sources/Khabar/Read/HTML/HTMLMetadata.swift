import CLibXML2
import Foundation

/// Metadata a page states about itself: Open Graph and other meta tags, <title>, JSON-LD, <time>,
/// rel=author, canonical links.
struct HTMLMetadata {
    var metaByKey: [String: [String]] = [:]
    var titleTag: String?
    var firstH1: String?
    var canonical: String?
    var relAuthors: [String] = []
    var timeDatetimes: [(value: String, preferred: Bool)] = []
    /// JSON-LD objects typed as articles (NewsArticle, Article, BlogPosting, …), in page order.
    var jsonLDArticles: [[String: Any]] = []
    /// Publisher / organisation names from any JSON-LD object.
    var jsonLDPublisher: String?

    init(tree: HTMLTree) {
        for i in 0..<tree.nodes.count {
            let node = tree.nodes[i]
            switch node.tag {
            case .meta:
                var key: String?
                var content: String?
                var attr = node.ptr.pointee.properties
                while let a = attr {
                    if let name = a.pointee.name {
                        if LibXML.equalsIgnoringCase(name, "content") {
                            content = LibXML.value(of: a)
                        } else if LibXML.equalsIgnoringCase(name, "property")
                                    || LibXML.equalsIgnoringCase(name, "name")
                                    || LibXML.equalsIgnoringCase(name, "itemprop") {
                            if key == nil { key = LibXML.value(of: a).lowercased() }
                        }
                    }
                    attr = a.pointee.next
                }
                if let key, let content = Self.clean(content) {
                    metaByKey[key, default: []].append(content)
                }
            case .title:
                if titleTag == nil { titleTag = Self.clean(LibXML.textContent(node.ptr)) }
            case .h1:
                if firstH1 == nil { firstH1 = Self.clean(LibXML.textContent(node.ptr)) }
            case .link:
                if let rel = tree.attribute(i, "rel")?.lowercased() {
                    if rel.split(separator: " ").contains("canonical"), canonical == nil {
                        canonical = Self.clean(tree.attribute(i, "href"))
                    }
                }
            case .a:
                if let rel = tree.attribute(i, "rel")?.lowercased(), rel.split(separator: " ").contains("author"),
                   let name = Self.clean(LibXML.textContent(node.ptr)), name.count <= 80 {
                    relAuthors.append(name)
                }
            case .time:
                if let dt = Self.clean(tree.attribute(i, "datetime")) {
                    let preferred = tree.attribute(i, "pubdate") != nil
                        || (tree.attribute(i, "itemprop")?.lowercased().contains("datepublished") ?? false)
                    timeDatetimes.append((dt, preferred))
                }
            case .script:
                if let type = tree.attribute(i, "type")?.lowercased(), type.contains("ld+json") {
                    readJSONLD(LibXML.textContent(node.ptr))
                }
            default:
                break
            }
        }
    }

    private mutating func readJSONLD(_ text: String) {
        guard let data = text.data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        var queue: [Any] = [json]
        var seen = 0
        while !queue.isEmpty, seen < 200 {
            let item = queue.removeFirst()
            seen += 1
            if let array = item as? [Any] { queue.append(contentsOf: array); continue }
            guard let object = item as? [String: Any] else { continue }
            if let graph = object["@graph"] { queue.append(graph) }
            let types = Self.types(of: object)
            if types.contains(where: { $0.hasSuffix("article") || $0 == "blogposting" || $0 == "report" }) {
                jsonLDArticles.append(object)
                if jsonLDPublisher == nil, let publisher = object["publisher"] {
                    jsonLDPublisher = Self.names(publisher).first
                }
            } else if jsonLDPublisher == nil, types.contains("newsmediaorganization") {
                jsonLDPublisher = Self.clean(object["name"] as? String)
            }
        }
    }

    static func types(of object: [String: Any]) -> [String] {
        if let t = object["@type"] as? String { return [t.lowercased()] }
        if let t = object["@type"] as? [Any] { return t.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    /// Names from a JSON-LD person/organisation value: a string, an object with "name", or a list.
    static func names(_ value: Any) -> [String] {
        if let s = value as? String { return clean(s).map { [$0] } ?? [] }
        if let o = value as? [String: Any] {
            if let n = o["name"] as? String { return clean(n).map { [$0] } ?? [] }
            if let n = o["name"] { return names(n) }
            return []
        }
        if let a = value as? [Any] { return a.flatMap { names($0) } }
        return []
    }

    /// Collapses whitespace; nil for empty text.
    static func clean(_ s: String?) -> String? {
        guard let s else { return nil }
        var out = ""
        var space = false
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !out.isEmpty
            } else {
                if space { out.unicodeScalars.append(" "); space = false }
                out.unicodeScalars.append(scalar)
            }
        }
        return out.isEmpty ? nil : out
    }

    func meta(_ keys: String...) -> String? {
        for key in keys { if let v = metaByKey[key]?.first { return v } }
        return nil
    }

    // MARK: - Hints

    var siteName: String? { meta("og:site_name") }

    var title: String? {
        if let og = meta("og:title", "twitter:title") { return og }
        if let t = titleTag {
            if let site = siteName ?? jsonLDPublisher { return Self.strip(site: site, from: t) }
            return t
        }
        return firstH1
    }

    /// Drops " | Site", " - Site" (or "Site | ") from a <title> when it names the site.
    static func strip(site: String, from title: String) -> String {
        let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " : "]
        let lowerTitle = title.lowercased(), lowerSite = site.lowercased()
        for sep in separators {
            if lowerTitle.hasSuffix(sep + lowerSite) {
                let cut = title.unicodeScalars.count - (sep + site).unicodeScalars.count
                let stripped = String(String.UnicodeScalarView(title.unicodeScalars.prefix(cut)))
                if !stripped.isEmpty { return stripped }
            }
            if lowerTitle.hasPrefix(lowerSite + sep) {
                let stripped = String(String.UnicodeScalarView(
                    title.unicodeScalars.dropFirst((site + sep).unicodeScalars.count)))
                if !stripped.isEmpty { return stripped }
            }
        }
        return title
    }

    var outlet: String? { siteName ?? jsonLDPublisher }

    var published: PublishedDate? {
        let metaKeys = ["article:published_time", "og:article:published_time", "datepublished",
                        "article.published", "pubdate", "publishdate", "publish-date", "parsely-pub-date",
                        "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "date"]
        for key in metaKeys {
            for value in metaByKey[key] ?? [] {
                if let d = PublishedDate(parsing: value) { return d }
            }
        }
        for article in jsonLDArticles {
            if let s = article["datePublished"] as? String, let d = PublishedDate(parsing: s) { return d }
        }
        for t in timeDatetimes where t.preferred {
            if let d = PublishedDate(parsing: t.value) { return d }
        }
        for t in timeDatetimes {
            if let d = PublishedDate(parsing: t.value) { return d }
        }
        return nil
    }

    var authors: [String] {
        var out: [String] = []
        var seen = Set<String>()
        func add(_ name: String) {
            guard let n = Self.clean(name), n.count <= 100, !n.hasPrefix("http"), !n.contains("://") else { return }
            if seen.insert(n.lowercased()).inserted { out.append(n) }
        }
        for v in metaByKey["author"] ?? [] { add(v) }
        for v in metaByKey["article:author"] ?? [] { add(v) }
        for article in jsonLDArticles {
            if let a = article["author"] { Self.names(a).forEach(add) }
        }
        relAuthors.forEach(add)
        return out
    }

    var url: String? { meta("og:url") ?? canonical }

    /// The longest JSON-LD articleBody, when the page states one.
    var jsonLDArticleBody: String? {
        jsonLDArticles.compactMap { $0["articleBody"] as? String }.max(by: { $0.count < $1.count })
    }

    var hints: MetadataHints {
        MetadataHints(title: title, outlet: outlet, published: published, authors: authors, url: url)
    }
}
