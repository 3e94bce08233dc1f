import KhabarText

/// Finds direct and reported speech in an article body and who said it, by rule.
///
/// An attribution starts at a reporting verb (قال, أكد, أضاف, أوضح, ذكر, صرح, أعلن, شدد, لفت, تابع…,
/// `StopWords.reportingVerbs`) or a participle that carries the last speaker on (مضيفا, مشيرا…).
/// After the verb comes the subject, then what was said:
/// - ":" then «…» / "…" / “…”, the rest of the sentence, or the next paragraph when the colon ends one → direct;
/// - a quotation straight after the verb or subject → direct;
/// - إن/أن/بأن (also with a pronoun: إنه, أنها) + clause → reported, or direct when the clause is one quotation;
/// - nothing, but the verb follows a quotation or "حسبما"/"كما"/"ما" ("…، حسبما قال X") → what came before.
/// The speaker is the name after the verb, titles kept ("المتحدث باسم الكرملين دميتري بيسكوف"), or the
/// words before it when nothing follows ("بوتين قال إن"). With no subject ("وأضاف:", "قال إنه") or a
/// pronoun subject the last named speaker goes on. Quotations no verb claims are kept, speaker unknown,
/// when they are long enough (4 words) not to be a name or a scare-quoted term.
public struct QuoteExtractor: Sendable {
    public init() {}

    /// Quotes in `paragraphs`, with offsets into the body (paragraphs joined by "\n\n").
    public func extract(paragraphs: [String]) -> [Quote] {
        extract(body: paragraphs.joined(separator: "\n\n"))
    }

    /// Quotes in a body whose paragraphs are separated by line breaks.
    public func extract(body: String) -> [Quote] {
        extract(body: body, BodyWords(body))
    }

    /// The same, over the body's tokens and forms as the fact extractor already has them.
    func extract(body: String, _ words: BodyWords) -> [Quote] {
        var scan = QuoteScan(body: body, words)
        return scan.run()
    }
}

/// One token of the body with what the rules ask of it, worked out once.
struct QuoteToken {
    let range: Range<Int>
    /// Matching form for words; "" for punctuation and symbols.
    let key: String
    /// `TermHash` of `key`: the lexicon lookups go by it (`QuoteLexicon.Hashed`).
    let hash: UInt64
    /// A reporting verb or a participle (`QuoteScan.isReportingVerb`), asked of most tokens more than once.
    let isReporting: Bool
    /// The punctuation or symbol scalar; 0 for words.
    let mark: UInt32
    let isWord: Bool
    let isNumber: Bool
    /// The word is written with alef madda first ("آن"), which matching folds into "ان" like إن/أن.
    let startsWithMadda: Bool
    let sentence: Int
    let paragraph: Int
}

/// Where a speaker was named: token indices and the text.
struct SpeakerMention {
    let text: String
    let range: Range<Int>
}

/// The state of one pass over a body: tokens, quotation marks paired up, quotes found so far and
/// the speaker that "وأضاف" would continue.
struct QuoteScan {
    let bytes: [UInt8]
    var tokens: [QuoteToken] = []
    /// Opening quotation mark index → its closing mark index (same paragraph, not nested).
    var closerOf: [Int: Int] = [:]
    var quotes: [Quote] = []
    var lastSpeaker: SpeakerMention? = nil

    init(body: String) {
        self.init(body: body, BodyWords(body))
    }

    /// `words` must be `BodyWords(body)`.
    init(body: String, _ words: BodyWords) {
        bytes = Array(body.utf8)
        let sentenceRanges = withUTF8Bytes(body) { SentenceSplitter.splitRanges($0, tokens: words.tokens) }
        var sentence = 0, paragraph = 0, previousEnd = 0
        tokens.reserveCapacity(words.count)
        for (index, token) in words.tokens.enumerated() {
            // A line break between two tokens starts a new paragraph (the body joins them with "\n\n").
            if bytes[previousEnd..<token.range.lowerBound].contains(0x0A), !tokens.isEmpty { paragraph += 1 }
            while sentence < sentenceRanges.count, token.range.lowerBound >= sentenceRanges[sentence].upperBound {
                sentence += 1
            }
            let mark = token.isWord ? 0 : Self.firstScalar(bytes, token.range.lowerBound)
            let hash = words.wordKey(index).hash
            let reporting = token.isWord
                && (QuoteLexicon.Hashed.reportingVerbs.contains(hash) || QuoteLexicon.Hashed.participles.contains(hash))
            // آ (U+0622) is D8 A2 in UTF-8.
            let madda = bytes.count > token.range.lowerBound + 1 && bytes[token.range.lowerBound] == 0xD8
                && bytes[token.range.lowerBound + 1] == 0xA2
            tokens.append(QuoteToken(range: token.range, key: token.isWord ? words.forms[index] : "", hash: hash,
                                     isReporting: reporting, mark: mark,
                                     isWord: token.isWord, isNumber: token.kind == .number,
                                     startsWithMadda: madda,
                                     sentence: sentence, paragraph: paragraph))
            previousEnd = token.range.upperBound
        }
        pairQuotationMarks()
    }

    mutating func run() -> [Quote] {
        var i = 0
        while i < tokens.count {
            // Words inside a quotation are what someone said, not an attribution.
            if let close = closerOf[i] { i = close + 1; continue }
            if isReportingVerb(i), let resume = attribute(verb: i) {
                i = max(resume, i + 1)
            } else {
                i += 1
            }
        }
        addUnclaimedQuotations()
        return quotes.sorted { $0.start < $1.start }
    }

    // MARK: - Attribution

    /// What follows the verb and its subject.
    enum Opening {
        case colon(Int)
        case quotation(Int)
        case complementizer(Int)
        case sentenceEnd(Int)

        var index: Int {
            switch self {
            case .colon(let i), .quotation(let i), .complementizer(let i), .sentenceEnd(let i): return i
            }
        }
    }

    /// Reads the attribution at the reporting verb `verb`; returns where to go on, or nil when the
    /// verb introduces no speech ("وفق ما أعلن الكرملين" with nothing before it, "كشف عن خطة").
    mutating func attribute(verb: Int) -> Int? {
        guard let opening = findOpening(after: verb) else { return nil }
        let continues = QuoteLexicon.Hashed.participles.contains(tokens[verb].hash)
        var speaker: SpeakerMention? = nil
        if QuoteLexicon.Hashed.sayingParticiples.contains(tokens[verb].hash), !hasReportingVerb(before: verb) {
            // "ورحب الرئيس بضيفه قائلا: …": the speaker is the subject of the sentence's own verb.
            let first = sentenceStart(of: verb)
            if first + 1 < verb, let name = speakerName(from: first + 1, to: verb) { speaker = mention(name) }
        } else if !continues {
            if let name = speakerName(from: verb + 1, to: opening.index),
               !QuoteLexicon.Hashed.subjectPronouns.contains(tokens[name.lowerBound].hash) {
                speaker = mention(name)
            } else if !startsWithConjunction(verb), let name = speakerBefore(verb: verb) {
                speaker = mention(name)
            }
        }

        let said: (text: Range<Int>, kind: Quote.Kind, resume: Int)
        switch opening {
        case .colon(let colon):
            guard let found = speechAfterColon(colon) else { return nil }
            said = found
        case .quotation(let open):
            said = (inside(open), .direct, closerOf[open]! + 1)
        case .complementizer(let word):
            guard let found = clauseAfterComplementizer(word) else { return nil }
            said = found
        case .sentenceEnd(let end):
            guard let found = speechBefore(verb: verb) else { return nil }
            said = (found.text, found.kind, end)
        }
        guard !said.text.isEmpty else { return nil }
        if let speaker { lastSpeaker = speaker }
        let who = speaker ?? lastSpeaker
        let whoBytes = who.map { tokens[$0.range.lowerBound].range.lowerBound..<tokens[$0.range.upperBound - 1].range.upperBound }
        quotes.append(Quote(text: text(said.text), speakerText: who?.text,
                            speakerStart: whoBytes?.lowerBound, speakerEnd: whoBytes?.upperBound,
                            start: said.text.lowerBound, end: said.text.upperBound, kind: said.kind))
        return said.resume
    }

    /// The first colon, long quotation, complementizer or sentence end after the verb, within 25 words.
    func findOpening(after verb: Int) -> Opening? {
        var k = verb + 1, words = 0
        while k < tokens.count {
            let token = tokens[k]
            if token.sentence != tokens[verb].sentence { return .sentenceEnd(k) }
            if token.mark == QuoteLexicon.colon { return .colon(k) }
            if let close = closerOf[k] {
                // A short quotation inside the subject is a name: صحيفة “سيدني مورنينج هيرالد”.
                if k == verb + 1 || wordCount(k, close) > 3 { return .quotation(k) }
                k = close + 1
                continue
            }
            if token.isWord {
                if QuoteLexicon.Hashed.complementizers.contains(token.hash), !token.startsWithMadda { return .complementizer(k) }
                words += 1
                if words > 25 { return nil }
            } else if QuoteLexicon.isSentenceTerminator(token.mark) {
                return .sentenceEnd(k)
            }
            k += 1
        }
        return .sentenceEnd(tokens.count)
    }

    /// Direct speech after "قال X:": a quotation, the next paragraph when the colon ends this one,
    /// or the rest of the sentence.
    func speechAfterColon(_ colon: Int) -> (text: Range<Int>, kind: Quote.Kind, resume: Int)? {
        let next = colon + 1
        guard next < tokens.count else { return nil }
        if tokens[next].paragraph != tokens[colon].paragraph {
            var last = next
            while last + 1 < tokens.count, tokens[last + 1].paragraph == tokens[next].paragraph { last += 1 }
            return (tokens[next].range.lowerBound..<tokens[last].range.upperBound, .direct, last + 1)
        }
        if let close = closerOf[next] { return (inside(next), .direct, close + 1) }
        let end = sentenceEnd(from: next)
        return (trimmedSpan(next, end), .direct, end)
    }

    /// "إن/أن + clause": direct when the clause is one quotation, reported otherwise. The clause ends
    /// at the sentence end or at a comma before a participle or a source ("، مضيفا", "، وفق الوكالة").
    func clauseAfterComplementizer(_ word: Int) -> (text: Range<Int>, kind: Quote.Kind, resume: Int)? {
        let start = word + 1
        guard start < tokens.count, tokens[start].sentence == tokens[word].sentence else { return nil }
        if let close = closerOf[start] {
            let after = close + 1
            if after >= tokens.count || tokens[after].sentence != tokens[start].sentence
                || tokens[after].mark == QuoteLexicon.arabicComma || tokens[after].mark == QuoteLexicon.latinComma
                || QuoteLexicon.isSentenceTerminator(tokens[after].mark) {
                return (inside(start), .direct, after)
            }
        }
        var k = start
        while k < tokens.count, tokens[k].sentence == tokens[start].sentence {
            if isComma(k), k + 1 < tokens.count,
               QuoteLexicon.Hashed.participles.contains(tokens[k + 1].hash) || QuoteLexicon.Hashed.sources.contains(tokens[k + 1].hash) {
                break
            }
            if let close = closerOf[k] { k = close + 1; continue }
            k += 1
        }
        return (trimmedSpan(start, k), .reported, k)
    }

    /// Speech before a verb that ends its sentence: "«…»، قال بوتين." or "…، حسبما قال X."
    func speechBefore(verb: Int) -> (text: Range<Int>, kind: Quote.Kind)? {
        var k = verb - 1
        if k >= 0, isComma(k) { k -= 1 }
        guard k >= 0, tokens[k].sentence == tokens[verb].sentence else { return nil }
        if let open = closerOf.first(where: { $0.value == k })?.key { return (inside(open), .direct) }
        guard QuoteLexicon.Hashed.postposedMarkers.contains(tokens[k].hash) else { return nil }
        // "وفق ما" / "على ما" belong to the attribution, not to what was said.
        var end = k
        while end > 0, QuoteLexicon.Hashed.sources.contains(tokens[end - 1].hash) || tokens[end - 1].hash == QuoteLexicon.Hashed.ali { end -= 1 }
        // Only what no earlier attribution in the sentence has taken ("أن …، وفق ما ذكرت صحيفة").
        let taken = quotes.last.map { $0.end } ?? 0
        var start = end
        while start > 0, tokens[start - 1].sentence == tokens[verb].sentence,
              tokens[start - 1].range.lowerBound >= taken { start -= 1 }
        while start < end, !tokens[start].isWord, closerOf[start] == nil { start += 1 }
        guard start < end else { return nil }
        return (trimmedSpan(start, end), .reported)
    }

    // MARK: - Speakers

    /// Token range of the speaker named in `from..<to` (between the verb and what was said): the
    /// name with its titles, up to a word that starts an adjunct ("أثناء", "لصحفيين", "في بيان"),
    /// plus a short apposition after a comma ("أستاذ … في جامعة أوسلو، فلاديمير تيخونوف،").
    func speakerName(from: Int, to: Int) -> Range<Int>? {
        var k = from
        // An adjunct may come before the subject: "قال لصحفيين بوتين", "قال إلى «فرانس برس» مدير …".
        if k < to, tokens[k].isWord, startsAdjunct(k, before: to) {
            if isLamPrefixed(k) {
                k += 1
            } else if k + 1 < to, let close = closerOf[k + 1], close < to {
                k = close + 1
            } else {
                return nil
            }
            while k < to, isComma(k) { k += 1 }
        }
        let start = k
        var end = nameEnd(from: start, to: to)
        guard end > start else { return nil }
        if end < to, isComma(end) {
            let appositionEnd = nameEnd(from: end + 1, to: to)
            let length = appositionEnd - (end + 1)
            if length >= 1, length <= 4, appositionEnd == to || isComma(appositionEnd) { end = appositionEnd }
        }
        return start..<end
    }

    /// End of a run of name words (short quoted names included) from `from`.
    func nameEnd(from: Int, to: Int) -> Int {
        var k = from
        while k < to {
            if tokens[k].isWord {
                if startsAdjunct(k, before: to) { break }
                k += 1
            } else if let close = closerOf[k], close < to, wordCount(k, close) <= 3 {
                k = close + 1
            } else {
                break
            }
        }
        return k
    }

    /// The subject written before the verb ("بوتين قال إن", "الرئيس الروسي فلاديمير بوتين أكد أن"):
    /// up to 6 words that open the sentence or follow a comma, none of them a function word.
    func speakerBefore(verb: Int) -> Range<Int>? {
        var k = verb
        while k > 0, verb - k < 6, tokens[k - 1].isWord, tokens[k - 1].sentence == tokens[verb].sentence { k -= 1 }
        guard k < verb else { return nil }
        if k > 0, tokens[k - 1].sentence == tokens[verb].sentence,
           !isComma(k - 1), tokens[k - 1].mark != QuoteLexicon.colon { return nil }
        for j in k..<verb where tokens[j].isNumber || StopWords.isStopWord(tokens[j].key)
            || startsAdjunct(j, before: verb) || isReportingVerb(j) {
            return nil
        }
        return k..<verb
    }

    /// True when token `k` starts a phrase that is not part of the speaker's name.
    func startsAdjunct(_ k: Int, before end: Int) -> Bool {
        let token = tokens[k]
        if token.isNumber || QuoteLexicon.Hashed.adjunctStarters.contains(token.hash)
            || QuoteLexicon.Hashed.participles.contains(token.hash) || isReportingVerb(k) { return true }
        // "بالضيف", "بالزعيم": ب + article is an object of the verb, not a name.
        if token.key.hasPrefix("بال"), token.key.unicodeScalars.count >= 5 { return true }
        if token.hash == QuoteLexicon.Hashed.fi, k + 1 < tokens.count, QuoteLexicon.Hashed.statementNouns.contains(tokens[k + 1].hash) { return true }
        // "لضيفه", "لصحفيين" just before what was said are addressees; inside a title
        // ("السكرتير الصحفي للكرملين دميتري بيسكوف") the name goes on after them.
        if isLamPrefixed(k) { return k + 1 >= end || !tokens[k + 1].isWord || startsAdjunct(k + 1, before: end) }
        return false
    }

    /// A word made of the preposition ل and a noun: ل + a letter other than alef (لافروف is a name).
    func isLamPrefixed(_ k: Int) -> Bool {
        let scalars = tokens[k].key.unicodeScalars
        guard scalars.count >= 4, scalars.first == "ل" else { return false }
        return scalars[scalars.index(after: scalars.startIndex)] != "ا"
    }

    func isReportingVerb(_ k: Int) -> Bool { tokens[k].isReporting }

    /// "وقال", "وأضاف": a verb joined to what came before, so a word before it is not its subject.
    func startsWithConjunction(_ verb: Int) -> Bool {
        let key = tokens[verb].key
        return key.hasPrefix("و") && QuoteLexicon.reportingVerbs.contains(String(key.dropFirst()))
    }

    func mention(_ range: Range<Int>) -> SpeakerMention {
        SpeakerMention(text: text(tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound),
                       range: range)
    }

    // MARK: - Quotation marks

    /// Pairs «», “” and "" within a paragraph; an unclosed mark pairs with nothing.
    mutating func pairQuotationMarks() {
        var i = 0
        while i < tokens.count {
            guard let closer = QuoteLexicon.closingMark(for: tokens[i].mark) else { i += 1; continue }
            var j = i + 1
            while j < tokens.count, tokens[j].paragraph == tokens[i].paragraph, tokens[j].mark != closer { j += 1 }
            if j < tokens.count, tokens[j].paragraph == tokens[i].paragraph, j > i + 1 {
                closerOf[i] = j
                i = j + 1
            } else {
                i += 1
            }
        }
    }

    /// Quotations no attribution took and no quote contains, kept with an unknown speaker.
    mutating func addUnclaimedQuotations() {
        let claimed = quotes.map { $0.start..<$0.end }
        for (open, close) in closerOf.sorted(by: { $0.key < $1.key }) where wordCount(open, close) >= 4 {
            let span = inside(open)
            if claimed.contains(where: { $0.overlaps(span) || $0 == span }) { continue }
            quotes.append(Quote(text: text(span), speakerText: nil, speakerStart: nil, speakerEnd: nil,
                                start: span.lowerBound, end: span.upperBound, kind: .direct))
        }
    }

    // MARK: - Spans and text

    /// Bytes between a quotation's marks, without surrounding spaces.
    func inside(_ open: Int) -> Range<Int> {
        trimSpaces(tokens[open].range.upperBound..<tokens[closerOf[open]!].range.lowerBound)
    }

    /// Bytes of tokens `start..<end`, without trailing full stops and commas.
    func trimmedSpan(_ start: Int, _ end: Int) -> Range<Int> {
        var last = end
        while last > start, !tokens[last - 1].isWord,
              isComma(last - 1) || QuoteLexicon.isSentenceTerminator(tokens[last - 1].mark)
                || tokens[last - 1].mark == QuoteLexicon.colon || tokens[last - 1].mark == QuoteLexicon.semicolon {
            last -= 1
        }
        guard last > start else { return tokens[start].range.lowerBound..<tokens[start].range.lowerBound }
        return tokens[start].range.lowerBound..<tokens[last - 1].range.upperBound
    }

    /// True when a reporting verb comes earlier in the sentence of `k` (its speaker is the one to go on with).
    func hasReportingVerb(before k: Int) -> Bool {
        var j = k - 1
        while j >= 0, tokens[j].sentence == tokens[k].sentence {
            if isReportingVerb(j) { return true }
            j -= 1
        }
        return false
    }

    /// First token of the sentence of token `k`.
    func sentenceStart(of k: Int) -> Int {
        var start = k
        while start > 0, tokens[start - 1].sentence == tokens[k].sentence { start -= 1 }
        return start
    }

    /// First token after the sentence of token `k`.
    func sentenceEnd(from k: Int) -> Int {
        var end = k
        while end < tokens.count, tokens[end].sentence == tokens[k].sentence { end += 1 }
        return end
    }

    func wordCount(_ open: Int, _ close: Int) -> Int {
        tokens[(open + 1)..<close].reduce(0) { $0 + ($1.isWord ? 1 : 0) }
    }

    func isComma(_ k: Int) -> Bool {
        tokens[k].mark == QuoteLexicon.arabicComma || tokens[k].mark == QuoteLexicon.latinComma
    }

    func trimSpaces(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        return lower..<upper
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    static func firstScalar(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes.withUnsafeBufferPointer { decodeScalar($0, at: offset).value }
    }
}
