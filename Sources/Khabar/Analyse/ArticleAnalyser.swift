import Foundation
import KhabarText

/// Turns a clean article into an `ArticleProfile`: the content terms that say what it is about,
/// weighted by where they stand (title > lead > rest), and the hashed word sequence that copies share.
///
/// Terms are light stems of matching-normalised words, without stop words and numbers; Latin words
/// of three letters or more count as terms too (names, acronyms). Each occurrence adds its position
/// weight, so a name in the title counts three times a name in the tail.
public struct ArticleAnalyser: Sendable {
    /// Weight of a term occurrence in the title.
    public var titleWeight: Float = 3
    /// Weight of a term occurrence among the first `leadTerms` body terms.
    public var leadWeight: Float = 2
    /// How many body terms form the lead (about the first two sentences of a news article).
    public var leadTerms = 60
    /// Keep a readable name for every term (only `--explain` needs them; they cost allocations).
    public var keepTermNames = false

    public init(keepTermNames: Bool = false) {
        self.keepTermNames = keepTermNames
    }

    public func profile(_ article: CleanArticle) -> ArticleProfile {
        var weights = TermTable<Float>(minimumCapacity: 256)
        var names: [UInt64: String] = [:]
        var wordHashes: [UInt64] = []
        wordHashes.reserveCapacity(512)

        let title = article.title ?? ""
        addTerms(of: title, weights: &weights, names: &names, words: &wordHashes) { _ in titleWeight }
        var bodyTermIndex = 0
        for paragraph in article.paragraphs {
            addTerms(of: paragraph, weights: &weights, names: &names, words: &wordHashes) { _ in
                defer { bodyTermIndex += 1 }
                return bodyTermIndex < leadTerms ? leadWeight : 1
            }
        }
        var terms: [WeightedTerm] = []
        terms.reserveCapacity(weights.count)
        weights.forEach { terms.append(WeightedTerm(term: $0, weight: $1)) }
        terms.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.term < $1.term) }

        let headline = title.isEmpty ? Self.opening(of: article.paragraphs.first ?? "") : title
        var text = title
        for paragraph in article.paragraphs {
            if !text.isEmpty { text += "\n" }
            text += paragraph
        }
        var profile = ArticleProfile(id: article.id, time: article.published?.secondsSince1970, outlet: article.outlet,
                                     headline: headline, terms: terms, wordHashes: wordHashes, text: text,
                                     termNames: names)
        profile.shingleSignature = NearDuplicateIndex.signature(of: wordHashes)
        return profile
    }

    private func addTerms(of text: String, weights: inout TermTable<Float>, names: inout [UInt64: String],
                          words: inout [UInt64], weight: (UInt64) -> Float) {
        Tokenizer.forEachNormalizedWord(in: text) { kind, word in
            words.append(TermHash.hash(word))
            guard let stem = Self.contentStem(kind, word) else { return }
            let term = TermHash.hash(stem)
            weights[term, default: 0] += weight(term)
            if keepTermNames, names[term] == nil {
                names[term] = String(decoding: stem, as: UTF8.self)
            }
        }
    }

    /// The stem a word contributes as a content term, or nil for stop words, numbers and scraps.
    static func contentStem(_ kind: TokenKind, _ word: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        switch kind {
        case .arabic:
            // Arabic letters are two bytes: a stem of fewer than two letters says nothing.
            guard word.count >= 4, !StopWords.isStopWord(utf8: word) else { return nil }
            let range = LightStemmer.stemRange(word)
            guard range.count >= 4 else { return nil }
            let stem = UnsafeBufferPointer(rebasing: word[range])
            return StopWords.isStopWord(utf8: stem) ? nil : stem
        case .latin:
            return word.count >= 3 ? word : nil
        default:
            return nil
        }
    }

    /// About the first dozen words of a text, for a story headline when an article has no title.
    static func opening(of text: String, words limit: Int = 12) -> String {
        var count = 0
        var end = text.endIndex
        var inWord = false
        for i in text.unicodeScalars.indices {
            let isSpace = text.unicodeScalars[i].properties.isWhitespace
            if !isSpace && !inWord {
                count += 1
                if count > limit { end = i; break }
            }
            inWord = !isSpace
        }
        let head = String(text[..<end]).trimmingCharacters(in: .whitespaces)
        return end == text.endIndex ? head : head + "…"
    }
}
