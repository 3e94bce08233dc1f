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
/// Two mentions are the same entity when their name keys (`nameKey`, of the canonical name when the
/// mention has one) are equal, or through the clitic, short-form and cut-short rules of `existing(_:_:)`.
/// A mention made of two known names side by side becomes two mentions (`sideBySide`).
public struct EntityCatalog: Sendable {
    /// The key that spelling variants share.
    public var nameKey: @Sendable (String) -> String

    private var entities: [CatalogEntity] = []
    private var spellingCounts: [[String: Int]] = []
    private var kindCounts: [[Int]] = []
    private var byKey: [String: Int] = [:]
    /// First and last word keys of multi-word names → the entities with them (for short forms).
    private var byEdgeWord: [String: Set<Int>] = [:]
    /// Multi-word keys by their first two words, for names the tagger cut short ("كيم جونج" of
    /// "كيم جونغ أون"): two multi-word names can only be one the start of the other when those agree.
    private var multiWordKeys: [String: [(key: [Substring], entity: Int)]] = [:]
    /// The same by their last two words (names with words swallowed in front).
    private var multiWordKeysByEnd: [String: [(key: [Substring], entity: Int)]] = [:]

    public init(nameKey: @escaping @Sendable (String) -> String = EntityCatalog.variantKey) {
        self.nameKey = nameKey
    }

    /// The phonetic skeleton (`NameKey`): merges transliteration variants (بوتين/بوتن, جونغ/جونج).
    public static let variantKey: @Sendable (String) -> String = { NameKey($0).key }

    /// Assigns every mention of `facts` to an entity (creating entities as needed).
    /// Identity is the name, not the tag: "بيونغ يانغ" tagged once LOC and once ORG is one entity,
    /// whose kind is the one most mentions carry.
    public mutating func add(_ facts: inout ArticleFacts) {
        var i = 0
        while i < facts.mentions.count {
            let mention = facts.mentions[i]
            // A catalog's canonical name (news agencies) stands for every spelling of the entity.
            let name = mention.canonical ?? mention.text
            let key = nameKey(name)
            guard !key.isEmpty else { i += 1; continue }
            var entity = existing(key, name)
            if entity == nil, mention.canonical == nil, let parts = sideBySide(mention) {
                facts.mentions.replaceSubrange(i...i, with: parts)
                continue
            }
            if entity == nil { entity = newEntity(mention, key: key) }
            byKey[key] = entity!
            record(mention, in: entity!, article: facts.id)
            facts.mentions[i].entity = entity
            i += 1
        }
    }

    /// Two known names side by side, tagged as one: Arabic's verb–subject–object order puts the
    /// subject's and the object's names together ("هنأ بوتين كيم"), and keyword lines list names.
    /// When the mention splits at a space into two parts that are already different entities, it is
    /// those two mentions; a new name never splits (only names the catalog holds).
    private func sideBySide(_ mention: EntityMention) -> [EntityMention]? {
        let words = mention.text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count >= 2, !words.contains(where: \.isEmpty) else { return nil }
        for cut in 1..<words.count {
            let left = words[..<cut].joined(separator: " "), right = words[cut...].joined(separator: " ")
            guard let a = existing(nameKey(left), left), let b = existing(nameKey(right), right), a != b else { continue }
            var first = mention, second = mention
            first.text = left
            first.end = mention.start + left.utf8.count
            second.text = right
            second.start = mention.end - right.utf8.count
            return [first, second]
        }
        return nil
    }

    /// The entity a mention's key names: the same key; the key without a leading clitic (و ب ل ف:
    /// "وروسيا", "لروسيا"); a one-word short form of exactly one known longer name (its first or
    /// last word: "كيم", "بوتين"); or a longer name one known name is the start or the end of, or
    /// vice versa.
    private func existing(_ key: String, _ text: String) -> Int? {
        if let id = byKey[key] { return id }
        let clitics: Set<Character> = ["و", "ب", "ل", "ف"]
        if let first = text.first, clitics.contains(first), text.count > 3 {
            let rest = String(text.dropFirst())
            if let id = existing(nameKey(rest), rest) { return id }
        }
        let words = key.split(separator: " ")
        if words.count == 1, let candidates = byEdgeWord[key], candidates.count == 1 { return candidates.first }
        if words.count >= 2 {
            // Cut short at the end ("كيم جونج" of "كيم جونغ أون"), or with words swallowed in front
            // ("للكرملين دميتري بيسكوف" of "دميتري بيسكوف"): two or more words shared at one end.
            let candidates = (multiWordKeys[words[0] + " " + words[1]] ?? [])
                + (multiWordKeysByEnd[words[words.count - 2] + " " + words[words.count - 1]] ?? [])
            let related = Set(candidates.filter { known in
                let n = min(known.key.count, words.count)
                return known.key.count != words.count
                    && (Array(known.key.prefix(n)) == Array(words.prefix(n)) || Array(known.key.suffix(n)) == Array(words.suffix(n)))
            }.map(\.entity))
            if related.count == 1 { return related.first }
        }
        return nil
    }

    public var all: [CatalogEntity] { entities }

    private mutating func newEntity(_ mention: EntityMention, key: String) -> Int {
        let id = entities.count
        entities.append(CatalogEntity(id: id, name: mention.text, kind: mention.kind, variants: [],
                                      mentions: 0, articles: []))
        spellingCounts.append([:])
        kindCounts.append([Int](repeating: 0, count: EntityKind.allCases.count))
        let words = key.split(separator: " ")
        if words.count >= 2 {
            byEdgeWord[String(words[0]), default: []].insert(id)
            byEdgeWord[String(words[words.count - 1]), default: []].insert(id)
            multiWordKeys[words[0] + " " + words[1], default: []].append((words, id))
            multiWordKeysByEnd[words[words.count - 2] + " " + words[words.count - 1], default: []].append((words, id))
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
        kindCounts[id][mention.kind.rawValue] += 1
        if let top = kindCounts[id].indices.max(by: { kindCounts[id][$0] < kindCounts[id][$1] }),
           let kind = EntityKind(rawValue: top) {
            entities[id].kind = kind
        }
    }
}

extension EntityCatalog {
    /// The `khabar extract` document: `{"entities": [...], "articles": [...]}` (see the README).
    public static func json(entities: [CatalogEntity], articles: [ArticleFacts]) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.objects("entities", entities) { json, entity in
            json.entityHead(id: entity.id, name: entity.name, kind: entity.kind, variants: entity.variants,
                            mentions: entity.mentions)
            json.field("articles", strings: entity.articles)
        }
        json.objects("articles", articles) { json, facts in
            json.field("id", facts.id)
            json.objects("mentions", facts.mentions) { json, mention in
                json.field("entity", mention.entity)
                json.field("text", mention.text)
                json.key("start"); json.value(mention.start)
                json.key("end"); json.value(mention.end)
            }
            json.objects("quotes", facts.quotes) { json, quote in
                json.field("speaker", speakerEntity(of: quote, in: facts))
                json.field("speaker_text", quote.speakerText)
                json.field("text", quote.text)
                json.field("kind", quote.kind.rawValue)
            }
            json.objects("dates", facts.dates) { json, date in
                json.field("text", date.text)
                json.field("value", date.value)
                json.key("start"); json.value(date.start)
                json.key("end"); json.value(date.end)
            }
        }
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
