import KhabarText

/// The rules that run after the tagger, for names training data cannot teach it: places it never
/// saw after a place head (`PlaceNameRule`) and the news agencies the cleaner knows
/// (`AgencyMentions`, which win over the tagger and carry a canonical name).
public struct EntityRules {
    private let places: PlaceNameRule

    public init() { places = PlaceNameRule() }

    init(places: PlaceNameRule) { self.places = places }

    /// Rewrites `tags` (one per token of one document) and returns the canonical name of each agency
    /// span, by its first token.
    @discardableResult
    public func apply(to tokens: [Token], tags: inout [EntityTag]) -> [Int: String] {
        apply(to: BodyWords(tokens: tokens), tags: &tags)
    }

    @discardableResult
    func apply(to body: BodyWords, tags: inout [EntityTag]) -> [Int: String] {
        places.apply(to: body, tags: &tags)
        var canonical: [Int: String] = [:]
        for agency in AgencyMentions.find(in: body) {
            let span = agency.tokens
            for k in span { tags[k] = k == span.lowerBound ? .begin(.organisation) : .inside(.organisation) }
            // A tagger span running on past the agency's name is cut where the name ends.
            if span.upperBound < tags.count, let kind = tags[span.upperBound].kind {
                tags[span.upperBound] = .begin(kind)
            }
            canonical[span.lowerBound] = agency.agency
        }
        return canonical
    }

    /// Tokens for words given one by one (a CoNLL column), with their kinds as the tokenizer reads them.
    public static func tokens<Words: Sequence>(_ words: Words) -> [Token] where Words.Element: StringProtocol {
        words.map { word in
            let text = String(word)
            return Token(kind: Tokenizer.tokenize(text).first?.kind ?? .symbol, range: 0..<text.utf8.count, text: text)
        }
    }
}
