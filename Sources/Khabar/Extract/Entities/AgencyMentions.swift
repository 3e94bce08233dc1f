import KhabarText

/// Mentions of the news agencies the cleaner knows (`AgencyCatalog`) in body text, as organisations.
/// Each carries the agency's canonical name, so that all its spellings ("وكالة الأنباء المركزية الكورية
/// الشمالية", "KCNA") become one entity. Strong variants count anywhere; weak ones (a city, a common
/// adjective: "الفرنسية") only right after a credit word ("وكالة", "بحسب", "نقلت"): running text has
/// more room than a credit line for "عن الخارجية الفرنسية".
enum AgencyMentions {
    struct Found: Equatable {
        /// Token indices (half-open) of the agency's name.
        let tokens: Range<Int>
        /// The catalog's canonical name.
        let agency: String
    }

    /// Agency names in one document's tokens, longest first where they overlap. A one-letter clitic
    /// on the first word is allowed ("لوكالة", "ورويترز").
    static func find(in tokens: [Token]) -> [Found] {
        find(in: BodyWords(tokens: tokens))
    }

    static func find(in body: BodyWords) -> [Found] {
        let words = body.tokens.indices.map { body.tokens[$0].isWord ? body.forms[$0] : "" }
        var found: [Found] = []
        var i = 0
        while i < words.count {
            guard !words[i].isEmpty, let match = match(at: i, words, body.wordKey(i)) else { i += 1; continue }
            found.append(match)
            i = match.tokens.upperBound
        }
        return found
    }

    /// The catalog's patterns by the hash of their first word's bytes (its table is keyed by the
    /// bytes themselves: a lookup there costs an Array per token).
    private static let patternsByFirstWord: TermTable<[AgencyCatalog.Pattern]> = {
        var table = TermTable<[AgencyCatalog.Pattern]>(minimumCapacity: AgencyCatalog.patternsByFirstWord.count)
        for (bytes, patterns) in AgencyCatalog.patternsByFirstWord {
            table[bytes.withUnsafeBufferPointer { TermHash.hash($0) }] = patterns
        }
        return table
    }()


    private static func match(at i: Int, _ words: [String], _ key: WordKey) -> Found? {
        if let found = match(at: i, words, firstWordHash: key.hash) { return found }
        // Then without a one-letter clitic (tested second, and only then: this runs on every word).
        guard key.count > 3, PlaceNameRule.cliticScalars.contains(key.first) else { return nil }
        return match(at: i, words, firstWordHash: key.tailHash)
    }

    private static func match(at i: Int, _ words: [String], firstWordHash first: UInt64) -> Found? {
        // Longest patterns first (the catalog keeps them sorted so).
        for pattern in patternsByFirstWord[first] ?? []
        where i + pattern.words.count <= words.count {
            let rest = pattern.words.indices.dropFirst()
            guard rest.allSatisfy({ words[i + $0] == pattern.words[$0] }) else { continue }
            if pattern.weak && !(i > 0 && AgencyCatalog.creditContext.contains(words[i - 1])) { continue }
            return Found(tokens: i..<(i + pattern.words.count), agency: pattern.agency)
        }
        return nil
    }
}
