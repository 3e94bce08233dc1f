import CLibXML2
import Foundation

/// The element names the HTML reader tells apart; every other name is `.other`.
enum HTMLTag: UInt8 {
    case other, text
    case html, head, body, title, meta, link, base
    case script, style, noscript, template, svg, math, iframe, object, embed, canvas, video, audio,
         picture, source, img, map, area
    case figure, figcaption
    case p, div, section, article, main, span, a, br, hr, wbr
    case h1, h2, h3, h4, h5, h6
    case ul, ol, li, dl, dt, dd, menu
    case table, caption, thead, tbody, tfoot, tr, td, th
    case blockquote, pre, code, address, center, details, summary, fieldset, legend
    case nav, aside, footer, header, form, input, button, select, option, optgroup, textarea, label,
         dialog, output, progress, meter
    case time, font, b, strong, i, em, u, small, sup, sub, abbr, cite, q, mark, s, del, ins

    static let byName: [String: HTMLTag] = {
        var table: [String: HTMLTag] = [:]
        let all: [HTMLTag] = [
            .html, .head, .body, .title, .meta, .link, .base, .script, .style, .noscript, .template,
            .svg, .math, .iframe, .object, .embed, .canvas, .video, .audio, .picture, .source, .img,
            .map, .area, .figure, .figcaption, .p, .div, .section, .article, .main, .span, .a, .br,
            .hr, .wbr, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .menu, .table,
            .caption, .thead, .tbody, .tfoot, .tr, .td, .th, .blockquote, .pre, .code, .address,
            .center, .details, .summary, .fieldset, .legend, .nav, .aside, .footer, .header, .form,
            .input, .button, .select, .option, .optgroup, .textarea, .label, .dialog, .output,
            .progress, .meter, .time, .font, .b, .strong, .i, .em, .u, .small, .sup, .sub, .abbr,
            .cite, .q, .mark, .s, .del, .ins,
        ]
        for tag in all { table["\(tag)"] = tag }
        return table
    }()

    /// Elements that start a new line of text (a block) in the rendered page.
    var isBlock: Bool {
        switch self {
        case .html, .body, .p, .div, .section, .article, .main, .h1, .h2, .h3, .h4, .h5, .h6, .ul,
             .ol, .li, .dl, .dt, .dd, .menu, .table, .caption, .thead, .tbody, .tfoot, .tr, .td,
             .th, .blockquote, .pre, .address, .center, .details, .summary, .fieldset, .legend,
             .nav, .aside, .footer, .header, .form, .figure, .figcaption, .hr, .dialog, .iframe,
             .video, .audio, .canvas, .object, .embed, .svg, .math, .img, .picture:
            return true
        default:
            return false
        }
    }

    /// Elements whose content is never article text (code, media, form controls, the head).
    var isSkipped: Bool {
        switch self {
        case .head, .title, .meta, .link, .base, .script, .style, .noscript, .template, .svg, .math,
             .iframe, .object, .embed, .canvas, .video, .audio, .picture, .source, .img, .map, .area,
             .input, .button, .select, .option, .optgroup, .textarea, .dialog, .output, .progress,
             .meter, .wbr:
            return true
        default:
            return false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }
}

/// Errors from parsing HTML bytes.
public enum HTMLReadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The bytes are empty, binary, or contain no markup.
    case notHTML
    /// The page parsed but no article text could be found in it.
    case noContent
    /// libxml2 could not build a document from the bytes.
    case parseFailed

    public var description: String {
        switch self {
        case .notHTML: return "not HTML: no markup found in the input"
        case .noContent: return "no article text found in the HTML"
        case .parseFailed: return "the HTML parser could not read the input"
        }
    }
}

extension HTMLReadError: LocalizedError {
    public var errorDescription: String? { description }
}

/// An HTML document parsed by libxml2's HTML parser. Owns the libxml2 tree and frees it when released;
/// `HTMLTree` values built from it hold plain Swift data only.
final class HTMLDocument {
    let doc: htmlDocPtr

    /// Parses `data` with the recovering HTML parser. `encoding` is an iconv name ("UTF-8",
    /// "windows-1256"); nil lets libxml2 decide.
    init(data: Data, encoding: String?) throws {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        guard data.count < Int(Int32.max) else { throw HTMLReadError.parseFailed }
        let parsed: htmlDocPtr? = data.withUnsafeBytes { raw -> htmlDocPtr? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            if let encoding {
                return encoding.withCString { htmlReadMemory(base, Int32(raw.count), nil, $0, options) }
            }
            return htmlReadMemory(base, Int32(raw.count), nil, nil, options)
        }
        guard let parsed else { throw HTMLReadError.parseFailed }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    var rootElement: xmlNodePtr? { xmlDocGetRootElement(doc) }
}

/// Reads attributes and text straight from libxml2 nodes, without allocating through libxml2.
enum LibXML {
    /// The value of attribute `name` (lower-case ASCII) on element `node`, entities decoded.
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, equalsIgnoringCase(n, name) {
                return value(of: a)
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// All attributes of `node` as (lower-cased name, value) pairs.
    static func attributes(_ node: xmlNodePtr) -> [(String, String)] {
        var out: [(String, String)] = []
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name {
                out.append((String(cString: n).lowercased(), value(of: a)))
            }
            attr = a.pointee.next
        }
        return out
    }

    static func value(of attr: xmlAttrPtr) -> String {
        var child = attr.pointee.children
        if let c = child, c.pointee.next == nil, let content = c.pointee.content {
            return String(cString: content)
        }
        var s = ""
        while let c = child {
            if let content = c.pointee.content { s += String(cString: content) }
            child = c.pointee.next
        }
        return s
    }

    /// All text under `node`, concatenated (used for small elements: <title>, JSON-LD scripts).
    static func textContent(_ node: xmlNodePtr) -> String {
        var s = ""
        func walk(_ n: xmlNodePtr) {
            var c = n.pointee.children
            while let child = c {
                switch child.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = child.pointee.content { s += String(cString: content) }
                case XML_ELEMENT_NODE:
                    walk(child)
                default:
                    break
                }
                c = child.pointee.next
            }
        }
        walk(node)
        return s
    }

    static func equalsIgnoringCase(_ cstr: UnsafePointer<xmlChar>, _ name: String) -> Bool {
        var i = 0
        for byte in name.utf8 {
            var c = cstr[i]
            if c == 0 { return false }
            if c >= 65, c <= 90 { c += 32 }
            if c != byte { return false }
            i += 1
        }
        return cstr[i] == 0
    }

    /// True when the NUL-terminated text has only ASCII whitespace (or is empty).
    static func isBlank(_ cstr: UnsafePointer<xmlChar>) -> Bool {
        var i = 0
        while true {
            let c = cstr[i]
            if c == 0 { return true }
            if c != 32, c != 10, c != 13, c != 9, c != 12 {
                // U+00A0 (C2 A0) counts as blank too.
                if c == 0xC2, cstr[i + 1] == 0xA0 { i += 2; continue }
                return false
            }
            i += 1
        }
    }
}

/// A flat, pre-order copy of the document's element and text nodes: node `i`'s descendants are
/// `i+1 ..< nodes[i].end`, so subtree sums and document-order walks are simple index loops.
struct HTMLTree {
    struct Node {
        var tag: HTMLTag
        var parent: Int32
        var end: Int32
        /// Index into `texts` for text nodes, -1 otherwise.
        var textIndex: Int32
        /// The libxml2 node, for attribute look-ups while the document is alive.
        var ptr: xmlNodePtr
    }

    var nodes: [Node] = []
    var texts: [String] = []
    /// Index of <body> (or the root when there is none).
    var body: Int = 0

    /// Copies the tree under the document's root element. Comments and processing instructions
    /// are dropped; whitespace-only text nodes are kept as a single space marker.
    init(document: HTMLDocument) {
        guard let root = document.rootElement else { return }
        nodes.reserveCapacity(4096)
        var nameCache: [UnsafeRawPointer: HTMLTag] = [:]
        var bodyIndex: Int?

        func tag(of node: xmlNodePtr) -> HTMLTag {
            guard let name = node.pointee.name else { return .other }
            let key = UnsafeRawPointer(name)
            if let t = nameCache[key] { return t }
            let t = HTMLTag.byName[String(cString: name).lowercased()] ?? .other
            nameCache[key] = t
            return t
        }

        // Iterative pre-order walk (deep pages must not overflow the stack).
        var stack: [(xmlNodePtr, Int32)] = [] // (libxml node, index of its copy) for open elements
        func append(_ n: xmlNodePtr, parent: Int32) -> Int32? {
            switch n.pointee.type {
            case XML_ELEMENT_NODE:
                let t = tag(of: n)
                let index = Int32(nodes.count)
                nodes.append(Node(tag: t, parent: parent, end: index + 1, textIndex: -1, ptr: n))
                if t == .body, bodyIndex == nil { bodyIndex = Int(index) }
                return index
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = n.pointee.content else { return nil }
                let index = Int32(nodes.count)
                let text = LibXML.isBlank(content) ? " " : String(cString: content)
                texts.append(text)
                nodes.append(Node(tag: .text, parent: parent, end: index + 1,
                                  textIndex: Int32(texts.count - 1), ptr: n))
                return nil
            default:
                return nil
            }
        }

        guard let rootIndex = append(root, parent: -1) else { return }
        stack.append((root, rootIndex))
        var cursor: [xmlNodePtr?] = [root.pointee.children]
        while !stack.isEmpty {
            guard let child = cursor[cursor.count - 1] else {
                let (_, index) = stack.removeLast()
                cursor.removeLast()
                nodes[Int(index)].end = Int32(nodes.count)
                continue
            }
            cursor[cursor.count - 1] = child.pointee.next
            let parentIndex = stack[stack.count - 1].1
            if let index = append(child, parent: parentIndex) {
                stack.append((child, index))
                cursor.append(child.pointee.children)
            }
        }
        body = bodyIndex ?? 0
    }

    func attribute(_ i: Int, _ name: String) -> String? {
        LibXML.attribute(nodes[i].ptr, name)
    }

    func isInside(_ i: Int, _ ancestor: Int) -> Bool {
        i > ancestor && i < Int(nodes[ancestor].end)
    }
}
