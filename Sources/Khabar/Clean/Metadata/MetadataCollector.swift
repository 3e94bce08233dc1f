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
        // Counted on UTF-8 lead bytes over the first 20,000 scalars: the scripts sought are told apart
        // by the lead byte (and, for two ranges, the byte after it), so nothing is decoded.
        withUTF8Bytes(text) { bytes in
            let end = scalarPrefixEnd(bytes, scalars: 20_000)
            let persianLetters = Self.persianLetters
            var i = 0
            while i < end {
                let b = bytes[i]
                if b < 0x80 {
                    if (b | 0x20) &- 0x61 < 26 { latin += 1 }
                } else if b &- 0xD8 < 4 { // U+0600–U+06FF
                    arabic += 1
                    // Letters Persian and Urdu use and Arabic does not: پ چ ژ گ ک ی
                    if b != 0xD8, persianLetters[Int(b &- 0xD9)] >> (bytes[i + 1] & 0x3F) & 1 != 0 { persian += 1 }
                } else if b &- 0xC3 < 6 { // U+00C0–U+023F
                    latin += 1
                } else if b == 0xC9, bytes[i + 1] < 0x90 { // U+0240–U+024F
                    latin += 1
                } else if b == 0xDD, bytes[i + 1] >= 0x90 { // U+0750–U+077F
                    arabic += 1
                }
                i += 1 // continuation bytes match none of the tests above
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

    /// Bit (second byte & 0x3F) set for پ (D9 BE), چ ژ ک گ (DA 86, 98, A9, AF) and ی (DB 8C).
    static let persianLetters: [UInt64] = [1 << 0x3E, 1 << 0x06 | 1 << 0x18 | 1 << 0x29 | 1 << 0x2F, 1 << 0x0C]

    /// The byte offset where the first `scalars` scalars of `bytes` end.
    static func scalarPrefixEnd(_ bytes: UnsafeBufferPointer<UInt8>, scalars: Int) -> Int {
        guard bytes.count > scalars else { return bytes.count } // never more scalars than bytes
        var seen = 0
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 {
            if seen == scalars { return i }
            seen += 1
        }
        return bytes.count
    }
}
