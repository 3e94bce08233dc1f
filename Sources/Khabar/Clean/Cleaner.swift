import KhabarText

/// Settings of the cleaner.
public struct CleanerOptions: Sendable {
    /// Below this lexical cohesion with the article so far, a block of paragraphs that follows a
    /// "read also" link or a headline-like line is taken for another article appended to the page.
    public var cohesionThreshold: Double = 0.2
    /// The same for a headline-like line with no "read also" marker: the evidence is weaker, so all
    /// the text after it must share almost nothing with the article before it.
    public var headlineCohesionThreshold: Double = 0.1
    /// Body words an article needs before a credit or keyword line can mark its end.
    public var minimumBodyWordsBeforeEnd: Int = 40

    public init() {}
}

/// Decides for every line of an article whether it is body or junk, and why; pulls out the
/// metadata the junk carries (title, outlet, date, place, authors, agencies, keywords).
public struct Cleaner: Sendable {
    public var options: CleanerOptions

    public init(options: CleanerOptions = CleanerOptions()) {
        self.options = options
    }

    /// A decided line; an undecided one (nil) is body.
    enum Label: Equatable {
        case removed(RemovalReason)
    }

    public func clean(_ raw: RawArticle) -> CleanArticle {
        var blocks = BlockSplitter.split(raw.text)
        let signals = blocks.map(LineRules.classify)
        var labels = [Label?](repeating: nil, count: blocks.count)
        var meta = MetadataCollector(hints: raw.hints)

        applyLineSignals(signals, blocks, &labels, &meta, kind: raw.kind)
        findTitleAndDateline(raw, &blocks, &labels, &meta)
        absorbLinkLists(signals, blocks, &labels)
        if raw.kind != .html { markRepeatedLines(blocks, &labels) }
        markArticleEnd(signals, blocks, &labels)
        markAppendedArticles(signals, blocks, &labels, kind: raw.kind)

        // Everything undecided is body; then trim what is glued onto body lines.
        var paragraphs: [String] = []
        var removed: [RemovedBlock] = []
        let lastBody = labels.lastIndex { $0 == nil }
        for (i, block) in blocks.enumerated() {
            if case .removed(let reason)? = labels[i] {
                removed.append(RemovedBlock(text: block.text, reason: reason))
                continue
            }
            var text = block.text
            if let (kept, code) = LineRules.scrubEmbeddedCSS(text) {
                removed.append(RemovedBlock(text: code, reason: .code))
                text = kept
            }
            if let (kept, credit) = GluedTail.cutCredit(text) {
                removed.append(RemovedBlock(text: credit.line, reason: .credit))
                meta.addCredit(credit.name)
                text = kept
            }
            if i == lastBody, let (kept, tags) = GluedTail.cutKeywords(text) {
                removed.append(RemovedBlock(text: tags.line, reason: .keywords))
                meta.keywords += tags.keywords
                text = kept
            }
            if !text.isEmpty { paragraphs.append(text) }
        }
        meta.addMentionedAgencies(in: blocks.first?.words.article.words,
                                  indices: blocks.indices.filter { labels[$0] == nil }.flatMap { blocks[$0].words.range })
        return meta.article(id: raw.id, source: raw.source, paragraphs: paragraphs, removed: removed)
    }

    // MARK: - Steps, in order

    /// Lines that say what they are on their own.
    func applyLineSignals(_ signals: [LineSignal?], _ blocks: [Block], _ labels: inout [Label?], _ meta: inout MetadataCollector, kind: InputKind) {
        for (i, signal) in signals.enumerated() {
            guard let signal else { continue }
            switch signal {
            case .code: labels[i] = .removed(.code)
            case .advertisement: labels[i] = .removed(.advertisement)
            case .commentCounter: labels[i] = .removed(.commentCounter)
            case .chrome: labels[i] = .removed(.siteChrome)
            case .strayWord: if kind != .html { labels[i] = .removed(.siteChrome) }
            case .readAlso: labels[i] = .removed(.readAlso)
            case .relatedHeader: labels[i] = .removed(.relatedHeadlines)
            case .keywords(let words):
                labels[i] = .removed(.keywords)
                meta.keywordLines.append(words)
            case .published(let rest):
                labels[i] = .removed(.publishedLine)
                if meta.lineDate == nil { meta.lineDate = DateParser.firstDate(in: rest) }
            case .credit(let name):
                labels[i] = .removed(.credit)
                meta.addCredit(name)
            case .byline(let name):
                labels[i] = .removed(.byline)
                meta.addByline(name, line: blocks[i].text)
            }
        }
    }

    /// The headline line and the dateline at the top of a text article.
    func findTitleAndDateline(_ raw: RawArticle, _ blocks: inout [Block], _ labels: inout [Label?], _ meta: inout MetadataCollector) {
        let top = blocks.indices.filter { labels[$0] == nil }.prefix(4)
        var titleIndex: Int? = nil
        if let hinted = raw.hints.title {
            // Blocks carry their words already (the texts have not been changed yet). Words are
            // compared joined: one presentation form in a hint ("ﷺ") is several words in a line.
            let hint = WordBuffer(hinted)
            titleIndex = hint.bytes.withUnsafeBufferPointer { hintBytes in
                top.first { blocks[$0].words.withBytes { TextEquality.equal($0, hintBytes) } }
            }
        } else if let first = top.first, isHeadlineLike(blocks[first]), top.count > 1,
                  Dateline.parseLine(blocks[first].text) == nil {
            titleIndex = first
        }
        if let t = titleIndex {
            labels[t] = .removed(.title)
            meta.title = blocks[t].text
        }
        for i in top where labels[i] == nil && i != titleIndex {
            let block = blocks[i]
            guard block.wordCount <= 16, !block.endsLikeSentence, let line = Dateline.parseLine(block.text) else { continue }
            labels[i] = .removed(.dateline)
            meta.dateline = line
            break
        }
        // An inline dateline opening the first paragraph: "الرياض - واس: …".
        if meta.dateline == nil, let first = blocks.indices.first(where: { labels[$0] == nil }),
           let (line, rest) = Dateline.parsePrefix(blocks[first].text) {
            meta.dateline = line
            meta.inlineDatelineText = String(blocks[first].text.dropLast(rest.count)).trimmingWhitespace()
            blocks[first].text = rest
        }
    }

    /// Headlines under a "read also" marker or a related-articles heading, and bullet lists of headlines.
    func absorbLinkLists(_ signals: [LineSignal?], _ blocks: [Block], _ labels: inout [Label?]) {
        for (i, signal) in signals.enumerated() {
            switch signal {
            case .readAlso(inlineHeadline: false)?:
                // The one or two headlines right under the marker.
                var j = i + 1, taken = 0
                while j < blocks.count, taken < 2, labels[j] == nil, isHeadlineLike(blocks[j]) {
                    labels[j] = .removed(.readAlso)
                    taken += 1
                    j += 1
                    if !isBullet(blocks[j - 1]) { break }
                }
            case .relatedHeader?:
                var j = i + 1
                while j < blocks.count {
                    if labels[j] == nil {
                        guard isHeadlineLike(blocks[j]) || isBullet(blocks[j]) else { break }
                        labels[j] = .removed(.relatedHeadlines)
                    }
                    j += 1
                }
            default: break
            }
        }
        // Runs of bulleted headlines — unless a body line announces the list ("جلسات الأسبوع الماضي:"):
        // a list introduced by a colon is the article's own (points of a report), not links.
        var i = 0
        while i < blocks.count {
            var j = i
            while j < blocks.count, labels[j] == nil, isBullet(blocks[j]), isHeadlineLike(blocks[j]) { j += 1 }
            let announced = i > 0 && labels[i - 1] == nil && blocks[i - 1].lastSignificantScalar == ":"
            if j - i >= 3 && !announced { for k in i..<j { labels[k] = .removed(.relatedHeadlines) } }
            i = max(j, i + 1)
        }
    }

    /// A line that repeats an earlier one, whole or cut short with "…".
    func markRepeatedLines(_ blocks: [Block], _ labels: inout [Label?]) {
        // Lines are compared by their words' bytes, looked up by a cheap hash of them; a hash that
        // matches a different line falls back to a scan, so only true repeats count.
        var seen: [UInt64: Int] = [:]
        for (i, block) in blocks.enumerated() where block.wordCount > 0 {
            let hash = block.words.withBytes(Self.quickHash)
            var earlier = seen[hash]
            if let e = earlier, !blocks[e].words.sameWords(as: block.words) {
                earlier = blocks[..<i].firstIndex { $0.wordCount > 0 && $0.words.sameWords(as: block.words) }
            }
            if let earlier {
                if labels[i] == nil { labels[i] = .removed(.repeatedLine) }
                // A headline printed twice in a row is a related-links widget.
                if earlier == i - 1, labels[earlier] == nil, isHeadlineLike(blocks[earlier]) {
                    labels[earlier] = .removed(.relatedHeadlines)
                }
            } else {
                if seen[hash] == nil { seen[hash] = i }
                // "…يمثل أمام ..." repeats the line before it, cut short.
                if i > 0, labels[i] == nil, block.wordCount > 2, Self.mayEndWithEllipsis(block.text),
                   block.text.hasSuffix("...") || block.text.hasSuffix("…"),
                   blocks[i - 1].words.strings.starts(with: block.words.strings.dropLast()) {
                    labels[i] = .removed(.repeatedLine)
                }
            }
        }
    }

    /// FNV-1a over 8-byte chunks: lines differ early, and equal hashes are checked byte for byte.
    static func quickHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        let raw = UnsafeRawBufferPointer(bytes)
        var k = 0
        while k + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0x0100_0000_01B3
            hash ^= hash >> 29
            k += 8
        }
        while k < raw.count {
            hash = (hash ^ UInt64(raw[k])) &* 0x0100_0000_01B3
            k += 1
        }
        return hash
    }

    /// The bytes end with "..." or "…": needed for the Character-level suffix test, and far cheaper.
    static func mayEndWithEllipsis(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.last == UInt8(ascii: ".") || (bytes.count >= 3 && bytes.suffix(3).elementsEqual("…".utf8))
    }

    /// After the article's end (a credit, keyword or related-links line once there is body enough),
    /// what remains is other pages' content: whole appended articles and their headlines.
    func markArticleEnd(_ signals: [LineSignal?], _ blocks: [Block], _ labels: inout [Label?]) {
        var bodyWords = 0
        var end: Int? = nil
        for (i, block) in blocks.enumerated() {
            if labels[i] == nil { bodyWords += block.wordCount; continue }
            guard bodyWords >= options.minimumBodyWordsBeforeEnd, let signal = signals[i] else { continue }
            switch signal {
            case .credit, .keywords, .relatedHeader, .commentCounter:
                end = i
            case .chrome where LineRules.matchesAnyPrefix(block, JunkLexicon.chromePrefixes):
                end = i
            default: break
            }
            if end != nil { break }
        }
        guard let end else { return }
        for i in (end + 1)..<blocks.count where labels[i] == nil {
            labels[i] = .removed(.appendedArticle)
        }
    }

    /// Before the end, a "read also" link or a headline-like line may start another article. The
    /// paragraphs after it belong to this article when they continue it (a connective start, or
    /// words shared with the article so far); otherwise they and all that follows are appended.
    func markAppendedArticles(_ signals: [LineSignal?], _ blocks: [Block], _ labels: inout [Label?], kind: InputKind) {
        var mainStems = Set<StemKey>()
        var mainWords = 0
        var stemCache: [Int: [StemKey]] = [:]
        func stems(_ k: Int) -> [StemKey] {
            if let cached = stemCache[k] { return cached }
            let computed = blocks[k].contentStems
            stemCache[k] = computed
            return computed
        }
        var bodyParagraphs = 0
        // Several headline-like lines among the paragraphs are subheadings (or verse), not the start
        // of another article: an appended article brings one headline, then its paragraphs.
        let firstBody = blocks.indices.first { labels[$0] == nil } ?? 0
        let headlineLines = blocks.indices.filter { $0 > firstBody && labels[$0] == nil && mayStartArticle(blocks[$0]) }.count
        let headlinesMayStartArticles = kind != .html && headlineLines == 1
        let hasReadAlso = signals.contains { if case .readAlso? = $0 { return true } else { return false } }
        guard hasReadAlso || headlinesMayStartArticles else { return }
        for i in blocks.indices {
            let afterReadAlso: Bool
            if case .readAlso? = signals[i] { afterReadAlso = true } else { afterReadAlso = false }
            // HTML structure already separated the article; only explicit markers count there.
            let headline = headlinesMayStartArticles && labels[i] == nil && bodyParagraphs >= 2 && mainWords >= 60 && mayStartArticle(blocks[i])
            guard (afterReadAlso && bodyParagraphs >= 1) || headline else {
                if labels[i] == nil {
                    mainStems.formUnion(stems(i))
                    mainWords += blocks[i].wordCount
                    bodyParagraphs += 1
                }
                continue
            }
            // The paragraphs after the boundary: the next few after a marker, all the rest after a headline.
            var segment: [Int] = []
            for j in (i + 1)..<blocks.count where labels[j] == nil && !isHeadlineLike(blocks[j]) {
                segment.append(j)
                if afterReadAlso && segment.count == 3 { break }
            }
            let segmentWords = segment.reduce(0) { $0 + blocks[$1].wordCount }
            guard let first = segment.first, segmentWords >= (afterReadAlso ? 1 : 30) else {
                if labels[i] == nil { mainStems.formUnion(stems(i)) }
                continue
            }
            let segmentStems = Set(segment.flatMap(stems))
            let cohesion = segmentStems.isEmpty ? 1 : Double(segmentStems.intersection(mainStems).count) / Double(segmentStems.count)
            let threshold = afterReadAlso ? options.cohesionThreshold : options.headlineCohesionThreshold
            if continuesPrevious(blocks[first]) || cohesion >= threshold {
                if labels[i] == nil { mainStems.formUnion(stems(i)) } // a subheading of this article
                continue
            }
            for k in i..<blocks.count where labels[k] == nil { labels[k] = .removed(.appendedArticle) }
            return
        }
    }

    // MARK: - Shapes

    /// A short line that does not end like a sentence: a headline, subheading or link text.
    func isHeadlineLike(_ block: Block) -> Bool {
        (1...22).contains(block.wordCount) && !block.endsLikeSentence
    }

    /// A headline-like line that could open another article: not a quote intro ("وأضاف كيم:") and
    /// not a line that itself continues the text.
    func mayStartArticle(_ block: Block) -> Bool {
        isHeadlineLike(block) && block.lastSignificantScalar != ":" && !continuesPrevious(block)
    }

    /// Starts with a connective ("و…", "كما", "من جانبه"): the text goes on from the line before.
    func continuesPrevious(_ block: Block) -> Bool {
        if LineRules.matchesAnyPrefix(block, JunkLexicon.continuationStarts) { return true }
        // A leading "و" joined to the first word; words that merely begin with و (وزير, وزارة, وكالة) do not count.
        guard let first = block.words.first, first.hasPrefix("و"), first.unicodeScalars.count >= 4 else { return false }
        return !JunkLexicon.wawInitialWords.contains(where: { first.hasPrefix($0) })
    }

    func isBullet(_ block: Block) -> Bool {
        guard let first = block.text.unicodeScalars.first else { return false }
        return "•●▪■◄►▶◀·*-–".unicodeScalars.contains(first)
    }
}

extension String {
    /// Drops the last (possibly truncated) word: "يمثل أمام ..." → "يمثل".
    func dropLastWord() -> String {
        var words = split(separator: " ")
        if !words.isEmpty { words.removeLast() }
        return words.joined(separator: " ")
    }
}
