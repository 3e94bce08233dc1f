import Foundation
import KhabarText

/// A sentence of a member's body with its term vector (unit length, sorted by term).
///
/// Terms are light stems of content words weighted by background IDF, except that a word inside an
/// entity mention counts as the entity: "بوتين" and "بوتن" are one term, so sentences from outlets
/// that spell names differently still align.
struct StorySentence {
    /// Index of the member in its story (a member's sentences are made once and re-numbered per digest).
    var member: Int
    /// Position among the member's sentences (0 = first of the body).
    let position: Int
    let paragraph: Int
    let text: String
    /// UTF-8 offsets in the member's body.
    let range: Range<Int>
    let wordCount: Int
    /// (term, weight), sorted by term, unit length.
    let vector: [(term: UInt64, weight: Float)]

    /// Cosine of two unit vectors.
    func cosine(_ other: StorySentence) -> Float { StorySentence.dot(vector, other.vector) }

    static func dot(_ a: [(term: UInt64, weight: Float)], _ b: [(term: UInt64, weight: Float)]) -> Float {
        var i = 0, j = 0
        var sum: Float = 0
        while i < a.count && j < b.count {
            if a[i].term == b[j].term {
                sum += a[i].weight * b[j].weight
                i += 1; j += 1
            } else if a[i].term < b[j].term {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }
}

/// Builds term vectors for sentences and short texts (quotes, titles) of one story.
struct SentenceVectorizer {
    let background: BackgroundFrequencies
    /// Weight of an entity term: about that of a word in one document of a hundred.
    let entityIDF: Float

    init(background: BackgroundFrequencies = .shipped) {
        self.background = background
        entityIDF = Float(log(100.0))
    }

    /// Every entity weighs the same. (Lowering the weight of the actors every article of a story
    /// names was tried: fewer paraphrases across outlets aligned, and summaries got more redundant.)
    func entityWeight(_ entity: Int) -> Float { entityIDF }

    func idf(_ term: UInt64) -> Float {
        let n = Double(max(background.documents, 1))
        let df = Double(background.frequency(of: term))
        return Float(max(0.5, log((n + 1) / (df + 0.5))))
    }

    /// Sentences of a member's body, with vectors.
    func sentences(of member: StoryMember, index: Int) -> [StorySentence] {
        let body = member.article.body
        let mentions = member.facts.mentions.filter { $0.entity != nil }.sorted { $0.start < $1.start }
        let words = Self.words(of: body)
        var result: [StorySentence] = []
        var paragraph = 0
        var lastEnd = 0
        let bytes = Array(body.utf8)
        var first = 0
        for sentence in SentenceSplitter.split(body) {
            if bytes[lastEnd..<sentence.range.lowerBound].contains(0x0A), !result.isEmpty { paragraph += 1 }
            lastEnd = sentence.range.upperBound
            while first < words.count, words[first].range.lowerBound < sentence.range.lowerBound { first += 1 }
            var end = first
            while end < words.count, words[end].range.upperBound <= sentence.range.upperBound { end += 1 }
            let inside = mentions.filter { $0.start >= sentence.range.lowerBound && $0.end <= sentence.range.upperBound }
            result.append(StorySentence(member: index, position: result.count, paragraph: paragraph,
                                        text: sentence.text, range: sentence.range, wordCount: end - first,
                                        vector: vectorize(words: words[first..<end], mentions: inside)))
            first = end
        }
        return result
    }

    /// A vector for a short text outside any body (a title): stems only.
    func vector(of text: String) -> [(term: UInt64, weight: Float)] {
        vectorize(words: Self.words(of: text)[...], mentions: [])
    }

    /// Each word (Arabic, Latin or number token) of a text with the content term it adds to an
    /// article profile, if any — the terms as the analyse stage makes them, from normalised bytes.
    static func words(of text: String) -> [(range: Range<Int>, term: UInt64?)] {
        var words: [(range: Range<Int>, term: UInt64?)] = []
        Tokenizer.forEachNormalizedWord(in: text) { kind, range, word in
            words.append((range, ArticleAnalyser.contentStem(kind, word).map(TermHash.hash)))
        }
        return words
    }

    /// Stems outside mentions count with their summed IDF; each mention counts once as its entity.
    /// Unit length, sorted by term.
    func vectorize(words: ArraySlice<(range: Range<Int>, term: UInt64?)>, mentions: [EntityMention]) -> [(term: UInt64, weight: Float)] {
        var weights: [UInt64: Float] = [:]
        var m = 0
        for word in words {
            while m < mentions.count, mentions[m].end <= word.range.lowerBound { m += 1 }
            if m < mentions.count, mentions[m].start <= word.range.lowerBound, let entity = mentions[m].entity {
                weights[Self.entityTerm(entity)] = entityWeight(entity)
                continue
            }
            guard let term = word.term else { continue }
            weights[term, default: 0] += idf(term)
        }
        var vector = weights.map { (term: $0.key, weight: $0.value) }.sorted { $0.term < $1.term }
        let norm = vector.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
        if norm > 0 { for i in vector.indices { vector[i].weight /= norm } }
        return vector
    }

    /// An entity's term: a hash in its own namespace, apart from every stem's.
    static func entityTerm(_ entity: Int) -> UInt64 { TermHash.mix(0xE0E0_0000_0000_0000 | UInt64(entity)) }
}
