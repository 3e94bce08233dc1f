import Foundation

/// A digest as the desk stores it: `{"story": <one story of khabar digest --format json>,
/// "inferred_published": {article id: day}}`, read back for the story and entity pages.
struct StoredDigest {
    var story: StoryDigest
    var inferred: [String: String]

    private static let inferredKey = ",\"inferred_published\":{"

    /// The story object exactly as written (the API copies it through unchanged). The key cannot
    /// occur unescaped inside the story: quotes in strings are written as \".
    static func storyJSON(_ stored: String) -> String? {
        guard stored.hasPrefix("{\"story\":"), let end = stored.range(of: inferredKey, options: .backwards) else { return nil }
        return String(stored[stored.index(stored.startIndex, offsetBy: 9)..<end.lowerBound])
    }

    init(json: String) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let s = root["story"] as? [String: Any] else { throw StoreError("a stored digest is not a JSON object") }
        inferred = root["inferred_published"] as? [String: String] ?? [:]
        func strings(_ v: Any?) -> [String] { v as? [String] ?? [] }
        func objects(_ v: Any?) -> [[String: Any]] { v as? [[String: Any]] ?? [] }
        func text(_ o: [String: Any], _ k: String) -> String { o[k] as? String ?? "" }
        func date(_ v: Any?) -> PublishedDate? { (v as? String).flatMap(PublishedDate.init(parsing:)) }
        story = StoryDigest(
            id: s["id"] as? Int ?? 0, headline: text(s, "headline"), headlineArticle: text(s, "headline_article"),
            articles: strings(s["articles"]), outlets: strings(s["outlets"]), first: date(s["first"]), last: date(s["last"]),
            importance: s["importance"] as? Double ?? 0,
            summary: objects(s["summary"]).map { CitedSentence(text: text($0, "text"), article: text($0, "article"), citedBy: strings($0["cited_by"])) },
            entities: objects(s["entities"]).map {
                StoryEntity(id: $0["id"] as? Int ?? -1, name: text($0, "name"),
                            kind: EntityKind(label: Substring(text($0, "kind"))) ?? .miscellaneous,
                            variants: strings($0["variants"]), mentions: $0["mentions"] as? Int ?? 0,
                            outlets: strings($0["outlets"]), articles: strings($0["articles"]))
            },
            quotes: objects(s["quotes"]).map {
                MergedQuote(speaker: text($0, "speaker"), speakerEntity: $0["speaker_entity"] as? Int, text: text($0, "text"),
                            variants: strings($0["variants"]), sources: strings($0["sources"]))
            },
            timeline: objects(s["timeline"]).map {
                TimelineEntry(date: text($0, "date"), text: text($0, "text"), expression: text($0, "expression"),
                              inferred: $0["inferred"] as? Bool ?? false, sources: strings($0["sources"]))
            },
            coverage: objects(s["coverage"]).map {
                CoveredFact(fact: text($0, "fact"), outlets: strings($0["outlets"]), sources: strings($0["sources"]))
            },
            contradictions: objects(s["contradictions"]).map {
                Contradiction(fact: text($0, "fact"), kind: text($0, "kind"), values: objects($0["values"]).map {
                    Contradiction.Value(value: text($0, "value"), text: text($0, "text"), sources: strings($0["sources"]))
                })
            })
    }
}
