import KhabarText

/// One entity across articles: its spellings, how often and where it is mentioned.
public struct CatalogEntity: Sendable {
    public var id: Int
    /// The most frequent spelling.
    public var name: String
    public var kind: EntityKind
    /// Every spelling seen, first seen first.
    public var variants: [String]
    public var mentions: Int
    public var articles: [String]
}

/// Groups entity mentions across articles into entities, despite spelling variants and short forms.
///
/// Two mentions of one kind are the same entity when their name keys (`nameKey`) are equal. A
/// one-word person mention ("بوتين") joins the person whose longer name ends with that word's key
/// ("فلاديمير بوتين") when exactly one such person is known.
public struct EntityCatalog: Sendable {
    /// The key that spelling variants share.
    public var nameKey: @Sendable (String) -> String

    private var entities: [CatalogEntity] = []
    private var spellingCounts: [[String: Int]] = []
    private var byKey: [String: Int] = [:]
    /// Last word's key of multi-word person names → the entities with it.
    private var byLastWord: [String: Set<Int>] = [:]

    public init(nameKey: @escaping @Sendable (String) -> String = EntityCatalog.plainKey) {
        self.nameKey = nameKey
    }

    /// Matching-normalised words, joined: merges spellings that differ in hamza, ta marbuta, harakat.
    public static let plainKey: @Sendable (String) -> String = { name in
        Tokenizer.words(name).joined(separator: " ")
    }

    /// Assigns every mention of `facts` to an entity (creating entities as needed).
    public mutating func add(_ facts: inout ArticleFacts) {
        for i in facts.mentions.indices {
            let mention = facts.mentions[i]
            let key = nameKey(mention.text)
            guard !key.isEmpty else { continue }
            let kindKey = "\(mention.kind.rawValue)|\(key)"
            var id = byKey[kindKey]
            if id == nil, mention.kind == .person, !key.contains(" "),
               let candidates = byLastWord[key], candidates.count == 1 {
                id = candidates.first
            }
            let entity = id ?? newEntity(mention, kindKey: kindKey, key: key)
            byKey[kindKey] = entity
            record(mention, in: entity, article: facts.id)
            facts.mentions[i].entity = entity
        }
    }

    public var all: [CatalogEntity] { entities }

    private mutating func newEntity(_ mention: EntityMention, kindKey: String, key: String) -> Int {
        let id = entities.count
        entities.append(CatalogEntity(id: id, name: mention.text, kind: mention.kind, variants: [],
                                      mentions: 0, articles: []))
        spellingCounts.append([:])
        if mention.kind == .person, let last = key.split(separator: " ").last, key.contains(" ") {
            byLastWord[String(last), default: []].insert(id)
        }
        return id
    }

    private mutating func record(_ mention: EntityMention, in id: Int, article: String) {
        entities[id].mentions += 1
        if entities[id].articles.last != article, !entities[id].articles.contains(article) {
            entities[id].articles.append(article)
        }
        let count = spellingCounts[id][mention.text, default: 0] + 1
        spellingCounts[id][mention.text] = count
        if count == 1 { entities[id].variants.append(mention.text) }
        if count > spellingCounts[id][entities[id].name, default: 0] { entities[id].name = mention.text }
    }
}

extension EntityCatalog {
    /// The `khabar extract` document: `{"entities": [...], "articles": [...]}` (see the README).
    public static func json(entities: [CatalogEntity], articles: [ArticleFacts]) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("entities")
        json.beginArray()
        for entity in entities {
            json.beginObject()
            json.key("id"); json.value(entity.id)
            json.field("name", entity.name)
            json.field("kind", entity.kind.label)
            json.field("variants", strings: entity.variants)
            json.key("mentions"); json.value(entity.mentions)
            json.field("articles", strings: entity.articles)
            json.endObject()
        }
        json.endArray()
        json.key("articles")
        json.beginArray()
        for facts in articles {
            json.beginObject()
            json.field("id", facts.id)
            json.key("mentions")
            json.beginArray()
            for mention in facts.mentions {
                json.beginObject()
                json.key("entity")
                if let entity = mention.entity { json.value(entity) } else { json.value(nil as String?) }
                json.field("text", mention.text)
                json.key("start"); json.value(mention.start)
                json.key("end"); json.value(mention.end)
                json.endObject()
            }
            json.endArray()
            json.key("quotes")
            json.beginArray()
            for quote in facts.quotes {
                json.beginObject()
                json.key("speaker")
                if let speaker = speakerEntity(of: quote, in: facts) { json.value(speaker) } else { json.value(nil as String?) }
                json.field("speaker_text", quote.speakerText)
                json.field("text", quote.text)
                json.field("kind", quote.kind.rawValue)
                json.endObject()
            }
            json.endArray()
            json.key("dates")
            json.beginArray()
            for date in facts.dates {
                json.beginObject()
                json.field("text", date.text)
                json.field("value", date.value)
                json.key("start"); json.value(date.start)
                json.key("end"); json.value(date.end)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.string
    }

    /// The entity named in a quote's speaker span: the last person (else organisation) mention inside it.
    public static func speakerEntity(of quote: Quote, in facts: ArticleFacts) -> Int? {
        guard let start = quote.speakerStart, let end = quote.speakerEnd else { return nil }
        let inside = facts.mentions.filter { $0.start >= start && $0.end <= end && $0.entity != nil }
        return (inside.last { $0.kind == .person } ?? inside.last { $0.kind == .organisation })?.entity
    }
}
