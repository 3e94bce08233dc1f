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
        let words = tokens.map { $0.isWord ? $0.normalized : "" }
        var found: [Found] = []
        var i = 0
        while i < words.count {
            guard !words[i].isEmpty, let match = match(at: i, words) else { i += 1; continue }
            found.append(match)
            i = match.tokens.upperBound
        }
        return found
    }

    private static func match(at i: Int, _ words: [String]) -> Found? {
        var firsts = [words[i]]
        if words[i].count > 3, let clitic = words[i].first, PlaceNameRule.clitics.contains(clitic) {
            firsts.append(String(words[i].dropFirst()))
        }
        for first in firsts {
            // Longest patterns first (the catalog keeps them sorted so).
            for pattern in AgencyCatalog.patternsByFirstWord[Array(first.utf8)] ?? []
            where i + pattern.words.count <= words.count {
                let rest = pattern.words.indices.dropFirst()
                guard rest.allSatisfy({ words[i + $0] == pattern.words[$0] }) else { continue }
                if pattern.weak && !(i > 0 && AgencyCatalog.creditContext.contains(words[i - 1])) { continue }
                return Found(tokens: i..<(i + pattern.words.count), agency: pattern.agency)
            }
        }
        return nil
    }
}
