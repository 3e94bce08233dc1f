import Foundation

/// Finds the main content of a page and returns its text blocks in document order.
///
/// The page is cut into text blocks (runs of inline text between block-level boundaries and <br>).
/// Each block gets a value: long, punctuated, link-poor text counts for its length; link lists,
/// site chrome (nav/aside/footer, comment/share/related… classes) and short fragments count against.
/// The main container is the element whose subtree has the largest total value (a maximum-sum
/// subtree: it grows to take in article text split over siblings, but stops before it would take in
/// more chrome than text). Inside it, chrome and link blocks are dropped, and short non-sentence
/// fragments at its edges (bylines, dates, "Advertisement") are trimmed.
struct ContentExtractor {
    struct Block {
        var text: String
        /// The nearest block-level element around the text.
        var owner: Int
        /// Characters (Unicode scalars) in `text`.
        var length: Int
        /// Non-space characters inside links.
        var linkChars: Int
        /// Non-space characters.
        var visibleChars: Int
        /// Commas and sentence punctuation.
        var punctuation: Int
        /// Ends like a sentence (., !, ?, ؟, or a colon; quotes after them).
        var endsSentence: Bool
        /// Ends with a colon (a label or an introduction to what follows).
        var endsColon: Bool
        var inHeading: Bool
        var inCaption: Bool
        var inListItem: Bool
        /// Inside a <figure> (photo captions and credits) and not in a quotation there.
        var inFigure: Bool
        /// The block ended at a <br> rather than at an element boundary.
        var brokenByBR: Bool

        var linkDensity: Double { visibleChars == 0 ? 0 : Double(linkChars) / Double(visibleChars) }
    }

    let tree: HTMLTree
    /// Per element: skipped (script, hidden…) — its text is never read.
    private(set) var skipped: [Bool] = []
    /// Per element: class/id hint (+1 content-like, -1 chrome-like, 0 none).
    private(set) var hint: [Int8] = []
    private(set) var blocks: [Block] = []

    init(tree: HTMLTree) {
        self.tree = tree
    }

    // MARK: - Segmentation

    /// Marks skipped elements and reads class/id hints.
    private mutating func classify() {
        let n = tree.nodes.count
        skipped = [Bool](repeating: false, count: n)
        hint = [Int8](repeating: 0, count: n)
        var hintCache: [String: Int8] = [:]
        var i = 0
        while i < n {
            let node = tree.nodes[i]
            if node.tag == .text { i += 1; continue }
            var skip = node.tag.isSkipped
            var classID = ""
            var attr = node.ptr.pointee.properties
            while let a = attr, !skip {
                if let name = a.pointee.name {
                    if LibXML.equalsIgnoringCase(name, "class") || LibXML.equalsIgnoringCase(name, "id") {
                        classID += " " + LibXML.value(of: a)
                    } else if LibXML.equalsIgnoringCase(name, "hidden") {
                        skip = true
                    } else if LibXML.equalsIgnoringCase(name, "style") {
                        if ClassHints.hidesElement(style: LibXML.value(of: a)) { skip = true }
                    } else if LibXML.equalsIgnoringCase(name, "role") {
                        let role = LibXML.value(of: a).lowercased()
                        if role == "navigation" || role == "complementary" || role == "contentinfo"
                            || role == "banner" || role == "menu" || role == "menubar" || role == "dialog"
                            || role == "alert" || role == "toolbar" {
                            hint[i] = -2
                        }
                    } else if LibXML.equalsIgnoringCase(name, "itemprop") {
                        let prop = LibXML.value(of: a).lowercased()
                        if prop.contains("articlebody") || prop == "text" || prop == "reviewbody" { hint[i] = 2 }
                    }
                }
                attr = a.pointee.next
            }
            if skip {
                for k in i..<Int(node.end) { skipped[k] = true }
                i = Int(node.end)
                continue
            }
            if hint[i] == 0, !classID.isEmpty {
                if let cached = hintCache[classID] {
                    hint[i] = cached
                } else {
                    let w = ClassHints.weight(classID)
                    hintCache[classID] = w
                    hint[i] = w
                }
            }
            switch node.tag {
            case .nav, .aside, .footer, .menu: if hint[i] < 2 { hint[i] = -2 }
            case .header: if hint[i] < 2 { hint[i] = min(hint[i], -1) }
            case .form: if hint[i] == 0 { hint[i] = -1 }
            case .article, .main: if hint[i] >= 0 { hint[i] = max(hint[i], 1) }
            default: break
            }
            i += 1
        }
    }

    /// Cuts the document into text blocks.
    private mutating func segment() {
        let nodes = tree.nodes
        var open: [(end: Int, tag: HTMLTag, isBlock: Bool)] = []
        var text = String()
        text.reserveCapacity(256)
        var pendingSpace = false
        var length = 0, linkChars = 0, visible = 0, punct = 0
        var sentenceEnd = false
        var colonEnd = false
        var linkDepth = 0, headingDepth = 0, captionDepth = 0, listDepth = 0, figureDepth = 0, quoteDepth = 0
        var blockOwners: [Int] = [tree.body]

        func flush(br: Bool) {
            if visible > 0 {
                blocks.append(Block(text: text, owner: blockOwners[blockOwners.count - 1], length: length,
                                    linkChars: linkChars, visibleChars: visible, punctuation: punct,
                                    endsSentence: sentenceEnd, endsColon: colonEnd, inHeading: headingDepth > 0,
                                    inCaption: captionDepth > 0, inListItem: listDepth > 0,
                                    inFigure: figureDepth > 0 && quoteDepth == 0,
                                    brokenByBR: br))
            }
            text = String()
            text.reserveCapacity(256)
            pendingSpace = false
            length = 0; linkChars = 0; visible = 0; punct = 0
            sentenceEnd = false
            colonEnd = false
        }

        func close(_ item: (end: Int, tag: HTMLTag, isBlock: Bool)) {
            switch item.tag {
            case .a: linkDepth -= 1
            case .h1, .h2, .h3, .h4, .h5, .h6: headingDepth -= 1
            case .figcaption, .caption: captionDepth -= 1
            case .li, .dd, .dt: listDepth -= 1
            case .figure: figureDepth -= 1
            case .blockquote: quoteDepth -= 1
            default: break
            }
            if item.isBlock {
                flush(br: false)
                blockOwners.removeLast()
            }
        }

        var i = tree.body
        let stop = nodes.isEmpty ? 0 : Int(nodes[tree.body].end)
        while i < stop {
            while let top = open.last, i >= top.end { close(open.removeLast()) }
            if skipped[i] { i = Int(nodes[i].end); continue }
            let node = nodes[i]
            if node.tag == .text {
                let s = tree.texts[Int(node.textIndex)]
                for scalar in s.unicodeScalars {
                    switch scalar {
                    case " ", "\n", "\t", "\r", "\u{0C}", "\u{A0}", "\u{2009}", "\u{200A}", "\u{202F}",
                         "\u{2002}", "\u{2003}", "\u{3000}":
                        if length > 0 { pendingSpace = true }
                    case "\u{200B}", "\u{FEFF}", "\u{AD}":
                        continue
                    default:
                        if pendingSpace {
                            text.unicodeScalars.append(" ")
                            length += 1
                            pendingSpace = false
                        }
                        text.unicodeScalars.append(scalar)
                        length += 1
                        visible += 1
                        if linkDepth > 0 { linkChars += 1 }
                        switch scalar {
                        case ",", "،", ".", "!", "?", "؟", ";", "؛", ":", "。", "，":
                            punct += 1
                            sentenceEnd = scalar == "." || scalar == "!" || scalar == "?" || scalar == "؟"
                                || scalar == "。" || scalar == ":"
                            colonEnd = scalar == ":"
                        case "\"", "'", "”", "’", "»", ")", "«", "“":
                            break // closing quotes keep the sentence end of what precedes
                        default:
                            sentenceEnd = false
                            colonEnd = false
                        }
                    }
                }
                i += 1
                continue
            }
            // Element.
            if node.tag == .br {
                flush(br: true)
                i += 1
                continue
            }
            let isBlock = node.tag.isBlock
            if isBlock {
                flush(br: false)
                blockOwners.append(i)
            }
            switch node.tag {
            case .a: linkDepth += 1
            case .h1, .h2, .h3, .h4, .h5, .h6: headingDepth += 1
            case .figcaption, .caption: captionDepth += 1
            case .li, .dd, .dt: listDepth += 1
            case .figure: figureDepth += 1
            case .blockquote: quoteDepth += 1
            default: break
            }
            open.append((Int(node.end), node.tag, isBlock))
            i += 1
        }
        while let top = open.popLast() { close(top) }
        flush(br: false)
    }

    // MARK: - Scoring

    /// A block that reads like article prose.
    private func isProse(_ b: Block) -> Bool {
        if b.linkDensity > 0.33 { return false }
        if b.inHeading { return false }
        if b.length >= 100 { return true }
        return b.length >= 40 && b.punctuation >= 1 && b.endsSentence
    }

    /// The extracted main-content blocks, in document order.
    mutating func extract(title: String?) -> [String] {
        guard !tree.nodes.isEmpty else { return [] }
        classify()
        segment()
        if blocks.isEmpty { return [] }
        let n = tree.nodes.count

        // Prose length per element (subtree sums).
        var prose = [Int](repeating: 0, count: n)
        var proseFlags = [Bool](repeating: false, count: blocks.count)
        for (k, b) in blocks.enumerated() where isProse(b) {
            proseFlags[k] = true
            prose[b.owner] += b.length
        }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let p = Int(tree.nodes[i].parent)
            if p >= 0 { prose[p] += prose[i] }
        }
        let totalProse = prose[tree.body]

        // Chrome: negative hints on elements that hold well under half the page's prose.
        var chrome = [Bool](repeating: false, count: n)
        for i in tree.body..<n where !skipped[i] {
            let node = tree.nodes[i]
            if node.tag == .text { continue }
            let p = Int(node.parent)
            if p >= 0, chrome[p] { chrome[i] = true; continue }
            if hint[i] < 0, i != tree.body {
                let limit = hint[i] <= -2 ? 0.5 : 0.35
                if Double(prose[i]) < limit * Double(totalProse) || prose[i] == 0 { chrome[i] = true }
            }
        }

        // Block values and maximum-sum subtree.
        var sum = [Double](repeating: 0, count: n)
        var lenient = [Double](repeating: 0, count: n)
        for (k, b) in blocks.enumerated() {
            sum[b.owner] += value(of: b, prose: proseFlags[k], chrome: chrome[b.owner])
            lenient[b.owner] += value(of: b, prose: proseFlags[k], chrome: chrome[b.owner], lenient: true)
        }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let p = Int(tree.nodes[i].parent)
            if p >= 0 { sum[p] += sum[i]; lenient[p] += lenient[i] }
        }
        var best = tree.body
        var bestScore = -Double.infinity
        for i in tree.body..<n where !skipped[i] && !chrome[i] && tree.nodes[i].tag != .text {
            // Pre-order: a descendant with an equal score wins, so the tightest container is kept.
            if sum[i] >= bestScore {
                bestScore = sum[i]
                best = i
            }
        }
        best = refine(best, sum: sum, chrome: chrome)
        // Grow upwards while what a parent adds is clean text (short lines, list items) rather
        // than links or chrome: pages whose body is mostly short lines around one long paragraph.
        while best != tree.body {
            let p = Int(tree.nodes[best].parent)
            if p < tree.body || chrome[p] || hint[best] >= 2 { break }
            let added = lenient[p] - lenient[best]
            if added < 0 || sum[p] - sum[best] < -0.5 * max(sum[best], 0) { break }
            if added == 0 { break }
            best = p
        }
        // Blocks inside the container, chrome dropped.
        let end = Int(tree.nodes[best].end)
        var kept: [Int] = []
        for (k, b) in blocks.enumerated() where b.owner >= best && b.owner < end {
            if chrome[b.owner] && !chrome[best] { continue }
            if isLinkBlock(b) { continue }
            if b.inFigure || (b.inCaption && tree.nodes[b.owner].tag == .figcaption) { continue }
            if b.inHeading, tree.nodes[b.owner].tag == .h1 { continue }
            if let title, b.inHeading, Self.sameText(b.text, title) { continue }
            kept.append(k)
        }
        // Trim short non-sentence fragments at the edges.
        func isEdgeNoise(_ k: Int) -> Bool {
            let b = blocks[k]
            if proseFlags[k] { return false }
            if b.endsSentence, !b.endsColon, b.length >= 20, b.linkDensity < 0.2, !b.inHeading { return false }
            return b.length < 80 || b.linkDensity > 0.2
        }
        var lo = 0, hi = kept.count
        while lo < hi, isEdgeNoise(kept[lo]) { lo += 1 }
        while hi > lo, isEdgeNoise(kept[hi - 1]) { hi -= 1 }
        return kept[lo..<hi].map { blocks[$0].text }
    }

    /// Every text block outside skipped elements (scripts, hidden parts), for HTML that is all
    /// content already; link-only blocks go unless nothing else is left.
    mutating func allBlocks() -> [String] {
        if blocks.isEmpty {
            classify()
            segment()
        }
        let withoutLinks = blocks.filter { !isLinkBlock($0) }
        return (withoutLinks.isEmpty ? blocks : withoutLinks).map(\.text)
    }

    /// A block that is mostly links: a menu entry, a related-story headline.
    private func isLinkBlock(_ b: Block) -> Bool {
        let plain = b.visibleChars - b.linkChars
        return b.linkDensity > 0.75 || (b.linkDensity > 0.5 && plain < 80)
    }

    /// What a block adds to the containers around it.
    private func value(of b: Block, prose: Bool, chrome: Bool, lenient: Bool = false) -> Double {
        if chrome { return -Double(b.length) }
        let plain = Double(b.visibleChars - b.linkChars)
        let links = Double(b.linkChars)
        if prose || (b.linkDensity <= 0.6 && plain >= 80) {
            return plain - links + Double(b.punctuation) * 10
        }
        if b.linkDensity > 0.5 { return -Double(b.length) }
        if lenient, b.linkDensity < 0.2 { return 0.5 * Double(b.length) }
        return -0.25 * Double(b.length)
    }

    /// Moves the choice to an element the page marks as the article (itemprop=articleBody,
    /// <article>, <main>, role=main) when that element holds most of the chosen text.
    private func refine(_ best: Int, sum: [Double], chrome: [Bool]) -> Int {
        let n = tree.nodes.count
        // An explicit articleBody anywhere in the page wins when it has real text.
        var marked: [Int] = []
        for i in tree.body..<n where hint[i] >= 2 && !skipped[i] && !chrome[i] {
            if let last = marked.last, tree.isInside(i, last) { continue }
            marked.append(i)
        }
        if !marked.isEmpty {
            let total = marked.reduce(0.0) { $0 + max(0, sum[$1]) }
            if total >= 50 {
                if marked.count == 1 { return marked[0] }
                // Several marked parts: their nearest common ancestor, when it is not much noisier.
                var common = marked[0]
                for m in marked.dropFirst() {
                    while common > tree.body, !tree.isInside(m, common) { common = Int(tree.nodes[common].parent) }
                }
                if sum[common] >= 0.8 * total { return common }
                return marked.max(by: { sum[$0] < sum[$1] })!
            }
        }
        // A semantic container inside the choice that holds most of its value.
        var chosen = best
        var i = best + 1
        let end = Int(tree.nodes[best].end)
        while i < end {
            let node = tree.nodes[i]
            if node.tag == .article || node.tag == .main || hint[i] >= 2 {
                if !chrome[i], sum[i] >= 0.6 * sum[best] { chosen = i }
            }
            i += 1
        }
        return chosen
    }

    static func sameText(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// Class/id words that say "article text" or "site chrome".
enum ClassHints {
    static let strongNegative: Set<String> = [
        "comment", "comments", "commentlist", "share", "sharing", "shares", "sharebar", "social",
        "socials", "related", "sidebar", "footer", "nav", "navbar", "navigation", "menu", "promo",
        "promotion", "ad", "ads", "adv", "advert", "advertisement", "adsense", "adslot", "sponsor",
        "sponsored", "newsletter", "subscribe", "subscription", "cookie", "cookies", "consent",
        "breadcrumb", "breadcrumbs", "popup", "modal", "masthead", "toolbar", "outbrain", "taboola",
        "disqus", "signup", "paywall", "recommended", "recommendations", "trending", "popular",
        "pagination", "pager", "widget", "banner", "skip", "overlay", "login", "follow",
    ]
    static let weakNegative: Set<String> = [
        "byline", "author", "meta", "dateline", "timestamp", "date", "tags", "tag", "credit", "credits",
        "caption", "teaser", "rail", "more", "next", "prev", "header", "masthead", "hidden", "hide",
        "extra", "aside", "tools", "utility", "bottom", "shoutbox", "sponsors", "foot", "card",
        "headline", "title", "inline", "embed", "video", "newsletters", "topics", "keywords", "print",
    ]
    static let negativeSubstrings: [[UInt8]] = [
        "comment", "share", "social", "related", "sidebar", "newsletter", "subscri", "cookie",
        "breadcrumb", "advert", "sponsor", "promo", "taboola", "outbrain", "disqus", "recommend",
        "trending", "footer", "navbar", "popup", "byline",
    ].map { Array($0.utf8) }
    static let positive: Set<String> = [
        "article", "content", "story", "body", "post", "entry", "text", "main", "blog", "prose",
        "richtext", "articlebody", "storybody", "postbody", "entrycontent", "page",
    ]
    static let positiveSubstrings: [[UInt8]] = ["article", "content", "story", "entry", "body", "post-"]
        .map { Array($0.utf8) }

    /// Byte-wise substring test (ASCII class names; no Foundation string search in the hot path).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return needle.isEmpty }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Embedded posts (tweets, Instagram…) quoted in the article: social words there are not chrome.
    static let embedded: Set<String> = ["embed", "embedded", "tweet", "twitter-tweet", "instagram"]

    /// +1 for content-like names, -1 for chrome-like, -2 for clear chrome; strong chrome words win.
    static func weight(_ classID: String) -> Int8 {
        var pos = 0, neg = 0, strong = false, isEmbed = false
        var word = ""
        func finish() {
            guard !word.isEmpty else { return }
            if embedded.contains(word) { isEmbed = true }
            if strongNegative.contains(word) { strong = true; neg += 1 }
            else if weakNegative.contains(word) { neg += 1 }
            else if positive.contains(word) { pos += 1 }
            else if word.utf8.count > 5 {
                let bytes = Array(word.utf8)
                if negativeSubstrings.contains(where: { contains(bytes, $0) }) { strong = true; neg += 1 }
                else if positiveSubstrings.contains(where: { contains(bytes, $0) }) { pos += 1 }
            }
            word = ""
        }
        // Split on anything but letters and digits; lower-case; also split camelCase.
        var previousLower = false
        for scalar in classID.unicodeScalars {
            let v = scalar.value
            let isUpper = v >= 65 && v <= 90
            let isLower = v >= 97 && v <= 122
            let isDigit = v >= 48 && v <= 57
            if isUpper || isLower || isDigit {
                if isUpper && previousLower { finish() }
                word.unicodeScalars.append(isUpper ? Unicode.Scalar(v + 32)! : scalar)
                previousLower = isLower
            } else {
                finish()
                previousLower = false
            }
        }
        finish()
        if isEmbed { return 0 }
        if strong { return -2 }
        if neg > pos { return -1 }
        if pos > 0 { return 1 }
        return 0
    }

    /// True for inline styles that hide the element.
    static func hidesElement(style: String) -> Bool {
        var compact = ""
        for scalar in style.unicodeScalars where scalar != " " && scalar != "\t" && scalar != "\n" {
            compact.unicodeScalars.append(scalar)
        }
        let bytes = Array(compact.lowercased().utf8)
        return contains(bytes, Array("display:none".utf8)) || contains(bytes, Array("visibility:hidden".utf8))
    }
}
