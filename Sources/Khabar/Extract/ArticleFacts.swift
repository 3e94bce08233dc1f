import Foundation
import KhabarText

/// Who, what and when in one article: entity mentions, quotes and dates, with UTF-8 offsets into the
/// clean body (paragraphs joined by "\n\n").
/// Codable: a desk sharing its store keeps the facts it extracted there, so that other desks
/// catching up read them instead of extracting again (`SharedStoryStore`).
public struct ArticleFacts: Sendable, Codable {
    public var id: String
    public var mentions: [EntityMention]
    public var quotes: [Quote]
    public var dates: [DateMention]
}

/// One tagged name in an article; `entity` is filled when mentions are grouped across articles.
public struct EntityMention: Sendable, Codable {
    public var text: String
    public var kind: EntityKind
    public var start: Int
    public var end: Int
    public var entity: Int?
    /// The name every spelling of this entity shares, when a catalog knows it (a news agency's
    /// canonical name); the entity catalog merges by it instead of the text.
    public var canonical: String?
}

/// Runs the extract stage on one clean article: entity tagging, quotes, dates.
/// Not thread-safe (the tagger keeps scratch buffers): one per thread.
public final class FactExtractor {
    private let tagger: EntityTagger?
    private let rules = EntityRules()
    private let quotes = QuoteExtractor()
    private let dates = DateExtractor()
    /// Forms and keys of the words seen so far (`BodyWords`).
    private var knownWords = KnownTexts<(form: String, key: WordKey)>(capacity: 8192)

    public init(tagger: EntityTagger? = EntityTagger()) {
        self.tagger = tagger
    }

    public func extract(_ article: CleanArticle) -> ArticleFacts {
        let body = article.paragraphs.joined(separator: "\n\n")
        // Tokenized and normalised once for the tagger's rules, the quote rules and the dates.
        let words = BodyWords(tokens: Tokenizer.tokenize(body), known: &knownWords)
        return ArticleFacts(id: article.id, mentions: mentions(in: body, words),
                            quotes: quotes.extract(body: body, words),
                            dates: dates.extract(words, text: body, published: article.published))
    }

    /// Tags the body sentence by sentence (tokens as the tagger was trained on: words and
    /// punctuation apart), then applies the rules after the tagger (`EntityRules`).
    /// B-/I- runs become mentions with byte offsets; no mention crosses a sentence end.
    func mentions(in body: String) -> [EntityMention] {
        mentions(in: body, BodyWords(body))
    }

    /// `words` must be `BodyWords(body)`.
    func mentions(in body: String, _ words: BodyWords) -> [EntityMention] {
        guard let tagger else { return [] }
        let tokens = words.tokens
        let texts = tokens.map(\.text)
        let sentences = EntitySentences.split(texts)
        var tags = Array(tagger.tagDocument(sentences.map { texts[$0] }).joined())
        let canonical = rules.apply(to: words, tags: &tags)
        var isSentenceStart = [Bool](repeating: false, count: tokens.count)
        for sentence in sentences { isSentenceStart[sentence.lowerBound] = true }
        var mentions: [EntityMention] = []
        let utf8 = Array(body.utf8)
        var open: (kind: EntityKind, first: Int, last: Int)?
        func close() {
            guard let run = open else { return }
            let range = tokens[run.first].range.lowerBound..<tokens[run.last].range.upperBound
            mentions.append(EntityMention(text: String(decoding: utf8[range], as: UTF8.self), kind: run.kind,
                                          start: range.lowerBound, end: range.upperBound,
                                          canonical: canonical[run.first]))
            open = nil
        }
        for (index, tag) in tags.enumerated() {
            if isSentenceStart[index] { close() }
            guard let kind = tag.kind else { close(); continue }
            if tag == .inside(kind), let run = open, run.kind == kind {
                open = (kind, run.first, index)
            } else {
                close()
                open = (kind, index, index)
            }
        }
        close()
        return mentions
    }
}

/// Fact extractors shared by worker threads: each call borrows an idle extractor (the tagger's
/// scratch buffers are not thread-safe) and gives it back.
public final class FactExtractorPool: @unchecked Sendable {
    private var idle: [FactExtractor] = []
    private let lock = NSLock()
    private let makeExtractor: @Sendable () -> FactExtractor

    public init(_ makeExtractor: @escaping @Sendable () -> FactExtractor = { FactExtractor() }) {
        self.makeExtractor = makeExtractor
    }

    public func extract(_ article: CleanArticle) -> ArticleFacts {
        lock.lock()
        let extractor = idle.popLast() ?? makeExtractor()
        lock.unlock()
        let facts = extractor.extract(article)
        lock.lock()
        idle.append(extractor)
        lock.unlock()
        return facts
    }
}
