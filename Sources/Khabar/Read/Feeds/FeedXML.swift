import CLibXML2
import Foundation

/// The namespaces feeds use, by their URIs (prefixes vary from feed to feed).
enum FeedNamespace {
    static let atom = "http://www.w3.org/2005/Atom"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss1 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    /// Namespaces some RSS 2.0 feeds declared for their plain elements.
    static let rss2Userland = "http://backend.userland.com/rss2"
    static let rss2Harvard = "http://blogs.law.harvard.edu/tech/rss"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let xml = "http://www.w3.org/XML/1998/namespace"
}

/// Which vocabulary an element name belongs to. RSS 2.0 elements have no namespace (a few feeds
/// declare one); RSS 1.0 and 0.90 put the same names in their own namespaces: `.rss` accepts them all.
enum FeedVocabulary {
    case rss, atom, content, dublinCore, rdf

    func contains(_ namespace: xmlNsPtr?) -> Bool {
        guard let href = namespace?.pointee.href else { return self == .rss }
        switch self {
        case .rss:
            return FeedXML.equals(href, FeedNamespace.rss1) || FeedXML.equals(href, FeedNamespace.rss090)
                || FeedXML.equals(href, FeedNamespace.rss2Userland) || FeedXML.equals(href, FeedNamespace.rss2Harvard)
        case .atom: return FeedXML.equals(href, FeedNamespace.atom)
        case .content: return FeedXML.equals(href, FeedNamespace.content)
        case .dublinCore: return FeedXML.equals(href, FeedNamespace.dublinCore)
        case .rdf: return FeedXML.equals(href, FeedNamespace.rdf)
        }
    }
}

/// An XML document parsed for feed reading, with settings that keep untrusted input harmless:
/// no network (XML_PARSE_NONET), no entity substitution (no XML_PARSE_NOENT) and no external DTD
/// (no XML_PARSE_DTDLOAD), so `<!ENTITY e SYSTEM "file:///…">` is never read; text walks also
/// skip entity references. Not recovering: broken XML is refused with libxml2's reason and line.
final class FeedXMLDocument {
    let doc: xmlDocPtr

    init(data: Data) throws(FeedError) {
        guard let context = xmlNewParserCtxt() else { throw .malformedXML(line: 0, reason: "out of memory") }
        defer { xmlFreeParserCtxt(context) }
        // The first error says what is wrong; libxml2 keeps only the last ("Premature end of data").
        let firstError = FirstError()
        context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue,
                  let box = userData?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return }
            Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue().record(error.pointee)
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = withExtendedLifetime(firstError) {
            data.withUnsafeBytes { raw in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
                return xmlCtxtReadMemory(context, base, Int32(raw.count), nil, nil, options)
            }
        }
        guard let parsed else {
            if firstError.reason == nil { firstError.record(context.pointee.lastError) }
            throw .malformedXML(line: firstError.line, reason: firstError.reason ?? "unreadable XML")
        }
        doc = parsed
    }

    /// Where the parser first gave up, in libxml2's words.
    private final class FirstError {
        var line = 0
        var reason: String?

        func record(_ error: xmlError) {
            guard reason == nil, let message = error.message else { return }
            reason = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            line = Int(error.line)
        }
    }

    deinit { xmlFreeDoc(doc) }

    var root: FeedElement? { xmlDocGetRootElement(doc).map(FeedElement.init) }
}

/// A read-only view of one libxml2 element; valid while its `FeedXMLDocument` is alive.
struct FeedElement {
    let node: xmlNodePtr

    var localName: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    /// The name as written, with its prefix ("rdf:RDF"), for messages.
    var qualifiedName: String {
        if let prefix = node.pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + localName }
        return localName
    }

    func isNamed(_ name: String, in vocabulary: FeedVocabulary) -> Bool {
        guard let own = node.pointee.name, FeedXML.equals(own, name) else { return false }
        return vocabulary.contains(node.pointee.ns)
    }

    var elementChildren: [FeedElement] {
        var out: [FeedElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(FeedElement(node: c)) }
            child = c.pointee.next
        }
        return out
    }

    func children(_ name: String, in vocabulary: FeedVocabulary) -> [FeedElement] {
        elementChildren.filter { $0.isNamed(name, in: vocabulary) }
    }

    func child(_ name: String, in vocabulary: FeedVocabulary) -> FeedElement? {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                let element = FeedElement(node: c)
                if element.isNamed(name, in: vocabulary) { return element }
            }
            child = c.pointee.next
        }
        return nil
    }

    /// An attribute without a namespace (`href`, `type`, `rel`).
    func attribute(_ name: String) -> String? {
        attribute(name, namespace: nil)
    }

    /// An attribute in a namespace (`xml:base`, `rdf:about`); nil `namespace` means none.
    func attribute(_ name: String, namespace: String?) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if let own = a.pointee.name, FeedXML.equals(own, name) {
                let href = a.pointee.ns?.pointee.href
                let matches = namespace.map { uri in href.map { FeedXML.equals($0, uri) } ?? false } ?? (href == nil)
                if matches { return LibXML.value(of: a) }
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// The text inside (text and CDATA, nested elements included; entity references skipped).
    var text: String { LibXML.textContent(node) }

    /// The text, trimmed; nil when blank.
    var trimmedText: String? { text.trimmingUnicodeWhitespace().nilIfEmpty }

    /// What the element holds as markup: its text when it holds only text (HTML escaped into the
    /// feed, or in CDATA), else its children written out as XML (Atom type="xhtml", or HTML a feed
    /// put in without escaping).
    var markup: String {
        var child = node.pointee.children
        var hasElements = false
        while let c = child, !hasElements {
            hasElements = c.pointee.type == XML_ELEMENT_NODE
            child = c.pointee.next
        }
        guard hasElements, let buffer = xmlBufferCreate() else { return text }
        defer { xmlBufferFree(buffer) }
        child = node.pointee.children
        while let c = child {
            // Entity references are left out here too: their expansion is what XXE is after.
            if c.pointee.type != XML_ENTITY_REF_NODE { xmlNodeDump(buffer, node.pointee.doc, c, 0, 0) }
            child = c.pointee.next
        }
        return xmlBufferContent(buffer).map { String(cString: $0) } ?? ""
    }

    var parent: FeedElement? {
        guard let p = node.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return FeedElement(node: p)
    }

    /// The base URI in effect here: the xml:base attributes from the root down to this element,
    /// each resolved against the one outside it, starting from `outerBase`.
    func base(startingFrom outerBase: String?) -> String? {
        var bases: [String] = []
        var element: FeedElement? = self
        while let e = element {
            if let declared = e.attribute("base", namespace: FeedNamespace.xml) { bases.append(declared) }
            element = e.parent
        }
        return bases.reversed().reduce(outerBase) { FeedURL.resolve($1, against: $0) }
    }
}

enum FeedXML {
    static func equals(_ cString: UnsafePointer<xmlChar>, _ text: String) -> Bool {
        strcmp(UnsafeRawPointer(cString).assumingMemoryBound(to: CChar.self), text) == 0
    }

    /// The root element's name as written ("rss", "feed", "rdf:RDF", "html") read from the first
    /// bytes without parsing: past a BOM, the XML declaration, comments, processing instructions and
    /// a DOCTYPE (with an internal subset). Nil when the bytes do not start like XML.
    static func rootElementName(_ data: Data) -> String? {
        data.prefix(65_536).withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

            func startsAt(_ i: Int, _ literal: StaticString) -> Bool {
                let count = literal.utf8CodeUnitCount
                guard i + count <= n else { return false }
                let pointer = literal.utf8Start
                for k in 0..<count where bytes[i + k] != pointer[k] { return false }
                return true
            }
            /// The index just past the first `terminator` at or after `i`, or n.
            func skip(past terminator: StaticString, from i: Int) -> Int {
                var j = i
                while j < n, !startsAt(j, terminator) { j += 1 }
                return min(n, j + terminator.utf8CodeUnitCount)
            }

            while i < n {
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D:
                    i += 1
                case UInt8(ascii: "<"):
                    if startsAt(i, "<?") {
                        i = skip(past: "?>", from: i + 2)
                    } else if startsAt(i, "<!--") {
                        i = skip(past: "-->", from: i + 4)
                    } else if startsAt(i, "<!") {
                        // <!DOCTYPE name [ internal subset ]>: the subset may hold '>' inside brackets.
                        var j = i + 2, depth = 0
                        while j < n, !(bytes[j] == UInt8(ascii: ">") && depth == 0) {
                            if bytes[j] == UInt8(ascii: "[") { depth += 1 }
                            if bytes[j] == UInt8(ascii: "]") { depth -= 1 }
                            j += 1
                        }
                        i = j + 1
                    } else {
                        var j = i + 1
                        while j < n {
                            let c = bytes[j]
                            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ">")
                                || c == UInt8(ascii: "/") { break }
                            j += 1
                        }
                        guard j > i + 1 else { return nil }
                        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
                    }
                default:
                    return nil
                }
            }
            return nil
        }
    }

    /// True for the root names of the feeds `FeedParser` reads.
    static func isFeedRoot(_ name: String) -> Bool {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        return local == "rss" || local == "feed" || local == "RDF"
    }
}
