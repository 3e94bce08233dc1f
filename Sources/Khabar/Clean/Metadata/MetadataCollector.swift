import KhabarText

/// Gathers metadata while the cleaner walks an article, and settles conflicts between sources:
/// what the input states (JSON fields, HTML meta) comes first, then credit lines, then the dateline.
struct MetadataCollector {
    let hints: MetadataHints
    var title: String?
    var dateline: Dateline?
    var inlineDatelineText: String?
    var lineDate: PublishedDate?
    var creditOutlet: String?
    var authors: [String] = []
    var agencies: [String] = []
    var keywordLines: [[String]] = []
    var keywords: [String] = []

    init(hints: MetadataHints) {
        self.hints = hints
    }

    /// "المصدر: X": an agency when X is one, else the outlet that published the text.
    mutating func addCredit(_ name: String?) {
        guard let name, !name.isEmpty else { return }
        let found = AgencyCatalog.agencies(in: name, creditLine: true)
        if !found.isEmpty {
            addAgencies(found)
        } else if creditOutlet == nil {
            creditOutlet = name
        }
    }

    mutating func addByline(_ name: String, line: String) {
        let agenciesInLine = AgencyCatalog.agencies(in: line, creditLine: true)
        addAgencies(agenciesInLine)
        // A byline that is only an agency ("بقلم: رويترز") names no person.
        if AgencyCatalog.agency(named: name) == nil, !name.isEmpty, !authors.contains(name) {
            authors.append(name)
        }
    }

    mutating func addAgencies(_ found: [String]) {
        for a in found where !agencies.contains(a) { agencies.append(a) }
    }

    /// Agencies the kept body names in credit context ("وفقا لوكالة رويترز").
    mutating func addMentionedAgencies(in words: WordBuffer?, indices: [Int]) {
        if let words { addAgencies(AgencyCatalog.agencies(in: words, indices: indices, bracketed: false, creditLine: false)) }
        if let agency = dateline?.agency { addAgencies([agency]) }
    }

    func article(id: String, source: ArticleSource, paragraphs: [String], removed: [RemovedBlock]) -> CleanArticle {
        var removed = removed
        if let inline = inlineDatelineText { removed.insert(RemovedBlock(text: inline, reason: .dateline), at: 0) }
        let body = paragraphs.joined(separator: "\n")
        var allKeywords = keywordLines.flatMap { KeywordLine.segment($0, body: body) } + keywords
        allKeywords = KeywordLine.unique(allKeywords)
        var authorList = hints.authors
        for a in authors where !authorList.contains(a) { authorList.append(a) }
        return CleanArticle(
            id: id, source: source,
            title: title ?? hints.title,
            outlet: hints.outlet ?? creditOutlet ?? dateline?.outlet,
            published: hints.published ?? lineDate ?? dateline?.date,
            place: dateline?.place,
            authors: authorList,
            agencies: agencies,
            keywords: allKeywords,
            language: LanguageGuess.language(of: body),
            paragraphs: paragraphs,
            removed: removed)
    }
}

/// The language of a body from its script and a few function words; nil when unsure.
enum LanguageGuess {
    static func language(of text: String) -> String? {
        var arabic = 0, latin = 0, persian = 0
        // Counted on UTF-8 bytes over the first 20,000 scalars; only non-ASCII scalars are decoded.
        withUTF8Bytes(text) { bytes in
            var i = 0, scalars = 0
            while i < bytes.count, scalars < 20_000 {
                scalars += 1
                let b = bytes[i]
                if b < 0x80 {
                    if (b | 0x20) &- 0x61 < 26 { latin += 1 }
                    i += 1
                    continue
                }
                let (v, length) = decodeScalar(bytes, at: i)
                i += length
                if (0x0600...0x06FF).contains(v) || (0x0750...0x077F).contains(v) {
                    arabic += 1
                    // Letters Persian and Urdu use and Arabic does not: پ چ ژ گ ک ی
                    if v == 0x067E || v == 0x0686 || v == 0x0698 || v == 0x06AF || v == 0x06A9 || v == 0x06CC { persian += 1 }
                } else if (0xC0...0x24F).contains(v) {
                    latin += 1
                }
            }
        }
        let letters = arabic + latin
        guard letters >= 20 else { return nil }
        if arabic * 10 >= letters * 6 { return persian * 50 > arabic ? "fa" : "ar" }
        if latin * 10 >= letters * 6 {
            let words = Set(text.prefix(5000).lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
            let english = ["the", "and", "of", "to", "is", "in", "that", "with"].filter(words.contains).count
            let french = ["le", "la", "les", "et", "des", "est", "une", "dans"].filter(words.contains).count
            if english >= 3 && english >= french { return "en" }
            if french >= 3 { return "fr" }
        }
        return nil
    }
}
