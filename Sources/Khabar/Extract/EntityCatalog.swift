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
/// Two mentions are the same entity when their name keys (`NameKey`, of the canonical name when the
/// mention has one) are equal, or through the clitic, short-form and cut-short rules of `existing(_:)`.
/// A one-word name also has to be spelled like one of the entity's words (`SpellingCheck`): a
/// one-word skeleton is too dense to merge on by itself (الرياض and ورد are both RD, جدة and القاضي
/// both KDV). A mention made of two known names side by side becomes two mentions (`sideBySide`).
public struct EntityCatalog: Sendable {
    private var entities: [CatalogEntity] = []
    private var spellingCounts: [[String: Int]] = []
    private var kindCounts: [[Int]] = []
    /// Per entity, the folded spellings of its one-word names and of its names' first and last words,
    /// with how often each was seen and when first: most frequent first, ties in first-seen order.
    private var wordSpellings: [[(letters: [Unicode.Scalar], count: Int, order: Int)]] = []
    /// Name key → the entities with a name of that key (several only for one-word keys whose
    /// spellings differ too much to be one name).
    private var byKey: [String: [Int]] = [:]
    /// First and last word keys of multi-word names → the entities with them (for short forms).
    private var byEdgeWord: [String: Set<Int>] = [:]
    /// Multi-word keys by their first two words, for names the tagger cut short ("كيم جونج" of
    /// "كيم جونغ أون"): two multi-word names can only be one the start of the other when those agree.
    private var multiWordKeys: [String: [(key: [Substring], entity: Int)]] = [:]
    /// The same by their last two words (names with words swallowed in front).
    private var multiWordKeysByEnd: [String: [(key: [Substring], entity: Int)]] = [:]
    /// Every entity's variants together: `firstSeenWithClitic` builds a name key only for a glued
    /// spelling some entity has (most have none, and a key costs far more than this lookup).
    private var allVariants: Set<String> = []
    /// Ids of the articles added so far: an article seen for the first time is in no entity's
    /// list yet, so only a repeated id needs the (linear) look through an entity's articles.
    private var articleIDs: Set<String> = []

    public init() {}

    /// Assigns every mention of `facts` to an entity (creating entities as needed).
    /// Identity is the name, not the tag: "بيونغ يانغ" tagged once LOC and once ORG is one entity,
    /// whose kind is the one most mentions carry.
    public mutating func add(_ facts: inout ArticleFacts) {
        let seenBefore = !articleIDs.insert(facts.id).inserted
        var i = 0
        while i < facts.mentions.count {
            let mention = facts.mentions[i]
            if mention.canonical == nil, let trimmed = withoutClitic(mention) {
                facts.mentions[i] = trimmed
                continue
            }
            // A catalog's canonical name (news agencies) stands for every spelling of the entity.
            let name = NameKey(mention.canonical ?? mention.text)
            guard !name.isEmpty else { i += 1; continue }
            var entity = existing(name)
            if entity == nil, mention.canonical == nil, let parts = sideBySide(mention) {
                facts.mentions.replaceSubrange(i...i, with: parts)
                continue
            }
            var bareAfterClitic = false
            if entity == nil, mention.canonical == nil, let glued = firstSeenWithClitic(mention.text) {
                entity = glued
                bareAfterClitic = true
            }
            if entity == nil { entity = newEntity(mention) }
            index(name, as: entity!)
            record(mention, in: entity!, article: facts.id, seenBefore: seenBefore)
            if bareAfterClitic { entities[entity!].name = mention.text }
            facts.mentions[i].entity = entity
            i += 1
        }
    }

    /// One-letter conjunctions and prepositions written on the next word (و ب ل ف ك), in the order
    /// they are tried (an array: the order must not change between runs).
    static let clitics: [Character] = ["و", "ب", "ل", "ف", "ك"]

    /// A clitic glued to a name is not part of it; the mention without it, when that is surely a name:
    /// - "و" before the article, on anything but a person ("والعراق", "والمعهد"; persons keep it:
    ///   والتر، والاس);
    /// - any clitic before a name the catalog already knows, when the whole word is not another
    ///   name ("وأوروبا", "لفرنسا"; at least four letters must remain after ب ل ف ك, three after و,
    ///   so "بكين" is never Kane).
    /// The mention's text and start move past the clitic, so spellings never list "وروسيا".
    private func withoutClitic(_ mention: EntityMention) -> EntityMention? {
        guard let first = mention.text.first, Self.clitics.contains(first) else { return nil }
        let rest = String(mention.text.dropFirst())
        let restWord = rest.prefix { $0 != " " }
        let conjunctionBeforeArticle = first == "و" && restWord.hasPrefix("ال") && restWord.count >= 5
            && mention.kind != .person
        if !conjunctionBeforeArticle {
            guard restWord.count >= Self.lettersAfter(first), let named = existing(NameKey(rest)) else { return nil }
            if let whole = known(NameKey(mention.text)), whole != named { return nil }
        }
        var trimmed = mention
        trimmed.text = rest
        trimmed.start += String(first).utf8.count
        return trimmed
    }

    /// Letters a word must keep after a clitic for the clitic to be read as one.
    private static func lettersAfter(_ clitic: Character) -> Int { clitic == "و" ? 3 : 4 }

    /// A name whose earlier mentions all carried a clitic, before the bare name was known ("وأوروبا"
    /// first, "أوروبا" later): the bare name joins that entity.
    private func firstSeenWithClitic(_ text: String) -> Int? {
        guard text.count >= 3 else { return nil }
        for clitic in Self.clitics {
            let glued = String(clitic) + text
            guard allVariants.contains(glued) else { continue }
            if let id = known(NameKey(glued)), entities[id].variants.contains(glued) { return id }
        }
        return nil
    }

    /// The entity a name's key names directly (a one-word name only when spelled alike).
    private func known(_ name: NameKey) -> Int? {
        guard let candidates = byKey[name.key] else { return nil }
        guard name.tokens.count == 1 else { return candidates.first }
        let word = SpellingCheck.fold(name.spellings[0])
        return candidates.first { spelledAlike(word, $0) }
    }

    /// Whether a word is spelled like one of the entity's most frequent word spellings: only those,
    /// so that spellings cannot drift one letter at a time (كيري → كاري → غاري).
    private func spelledAlike(_ folded: [Unicode.Scalar], _ id: Int) -> Bool {
        wordSpellings[id].prefix(Self.anchorSpellings).contains { SpellingCheck.alike(folded, $0.letters) }
    }

    /// How many of an entity's word spellings a new spelling is checked against (the most frequent).
    private static let anchorSpellings = 3

    /// Two known names side by side, tagged as one: Arabic's verb–subject–object order puts the
    /// subject's and the object's names together ("هنأ بوتين كيم"), and keyword lines list names.
    /// When the mention splits at a space into two parts that are already different entities, it is
    /// those two mentions; a new name never splits (only names the catalog holds).
    private func sideBySide(_ mention: EntityMention) -> [EntityMention]? {
        let words = mention.text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count >= 2, !words.contains(where: \.isEmpty) else { return nil }
        for cut in 1..<words.count {
            let left = words[..<cut].joined(separator: " "), right = words[cut...].joined(separator: " ")
            guard let a = existing(NameKey(left)), let b = existing(NameKey(right)), a != b else { continue }
            var first = mention, second = mention
            first.text = left
            first.end = mention.start + left.utf8.count
            second.text = right
            second.start = mention.end - right.utf8.count
            return [first, second]
        }
        return nil
    }

    /// The entity a name stands for: the same key (spelled alike, for a one-word name); the name
    /// without a leading clitic (و ب ل ف: "وروسيا", "لروسيا", for the parts `sideBySide` tries); a
    /// one-word short form spelled like the first or last word of exactly one known longer name
    /// ("كيم", "بوتين"); or a longer name one known name is the start or the end of, or vice versa.
    private func existing(_ name: NameKey) -> Int? {
        if let id = known(name) { return id }
        let words = name.key.split(separator: " ")
        if words.count == 1 {
            let letters = name.spellings[0]
            if !name.hadArticle[0], let first = letters.first.map(Character.init), first != "ك",
               Self.clitics.contains(first), letters.count >= Self.lettersAfter(first) + 1 {
                let rest = String(String.UnicodeScalarView(letters.dropFirst()))
                if let id = existing(NameKey(rest)) { return id }
            }
            if let candidates = byEdgeWord[name.key] {
                let word = SpellingCheck.fold(letters)
                let alike = candidates.filter { spelledAlike(word, $0) }
                if alike.count == 1 { return alike.first }
            }
        } else {
            // Cut short at the end ("كيم جونج" of "كيم جونغ أون"), or with words swallowed in front
            // ("للكرملين دميتري بيسكوف" of "دميتري بيسكوف"): two or more words shared at one end.
            let candidates = (multiWordKeys[words[0] + " " + words[1]] ?? [])
                + (multiWordKeysByEnd[words[words.count - 2] + " " + words[words.count - 1]] ?? [])
            let related = Set(candidates.filter { known in
                let n = min(known.key.count, words.count)
                guard known.key.count != words.count else { return false }
                if Array(known.key.prefix(n)) == Array(words.prefix(n)) { return true }
                guard Array(known.key.suffix(n)) == Array(words.suffix(n)) else { return false }
                // "محمد بن سلمان" is not سلمان: a name after بن/ابن/بنت is the father's.
                let longer = known.key.count > words.count ? known.key : words
                return !Self.sonOf.contains(String(longer[longer.count - n - 1]))
            }.map(\.entity))
            if related.count == 1 { return related.first }
        }
        return nil
    }

    public var all: [CatalogEntity] { entities }

    private mutating func newEntity(_ mention: EntityMention) -> Int {
        let id = entities.count
        entities.append(CatalogEntity(id: id, name: mention.text, kind: mention.kind, variants: [],
                                      mentions: 0, articles: []))
        spellingCounts.append([:])
        kindCounts.append([Int](repeating: 0, count: EntityKind.allCases.count))
        wordSpellings.append([])
        return id
    }

    /// Makes a name of entity `id` findable: by its key, with the spelling of its first and last
    /// words; a multi-word name also by its edge words (for short forms: "كيم" finds "كيم جونغ أون")
    /// and by its first and last two words (for names cut short).
    private mutating func index(_ name: NameKey, as id: Int) {
        let key = name.key
        let newKey = !(byKey[key]?.contains(id) ?? false)
        if newKey { byKey[key, default: []].append(id) }
        for k in name.tokens.count > 1 ? [0, name.tokens.count - 1] : [0] {
            let letters = SpellingCheck.fold(name.spellings[k])
            if var seen = wordSpellings[id].firstIndex(where: { $0.letters == letters }) {
                wordSpellings[id][seen].count += 1
                // Keep the order (count down, then first seen): move it ahead of those it now passes.
                while seen > 0, Self.precedes(wordSpellings[id][seen], wordSpellings[id][seen - 1]) {
                    wordSpellings[id].swapAt(seen, seen - 1)
                    seen -= 1
                }
            } else if wordSpellings[id].count < Self.spellingsKept {
                wordSpellings[id].append((letters, 1, wordSpellings[id].count))
            }
        }
        let words = key.split(separator: " ")
        guard newKey, words.count >= 2 else { return }
        byEdgeWord[String(words[0]), default: []].insert(id)
        byEdgeWord[String(words[words.count - 1]), default: []].insert(id)
        multiWordKeys[words[0] + " " + words[1], default: []].append((words, id))
        multiWordKeysByEnd[words[words.count - 2] + " " + words[words.count - 1], default: []].append((words, id))
    }

    private static func precedes(_ a: (letters: [Unicode.Scalar], count: Int, order: Int),
                                 _ b: (letters: [Unicode.Scalar], count: Int, order: Int)) -> Bool {
        a.count > b.count || (a.count == b.count && a.order < b.order)
    }

    /// Skeletons of بن، ابن، بنت (and bin/ben): what comes after them is another person's name.
    private static let sonOf: Set<String> = [NameKey("بن").key, NameKey("ابن").key, NameKey("بنت").key, "bin", "ben"]

    /// Word spellings kept per entity for the spelling check (the first ones: the most common
    /// spellings come early).
    private static let spellingsKept = 32

    private mutating func record(_ mention: EntityMention, in id: Int, article: String, seenBefore: Bool) {
        entities[id].mentions += 1
        if entities[id].articles.last != article, !seenBefore || !entities[id].articles.contains(article) {
            entities[id].articles.append(article)
        }
        let count = spellingCounts[id][mention.text, default: 0] + 1
        spellingCounts[id][mention.text] = count
        if count == 1 {
            entities[id].variants.append(mention.text)
            allVariants.insert(mention.text)
        }
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
        writeEntities(entities, to: &json)
        json.key("articles")
        json.beginArray()
        for facts in articles { writeArticle(facts, to: &json) }
        json.endArray()
        json.endObject()
        return json.string
    }

    /// `"entities": [...]`, the document's first key.
    static func writeEntities(_ entities: [CatalogEntity], to json: inout JSONWriter) {
        json.objects("entities", entities) { json, entity in
            json.entityHead(id: entity.id, name: entity.name, kind: entity.kind, variants: entity.variants,
                            mentions: entity.mentions)
            json.field("articles", strings: entity.articles)
        }
    }

    /// One article's object in the document's `"articles"`.
    static func writeArticle(_ facts: ArticleFacts, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", facts.id)
        json.objects("mentions", facts.mentions) { json, mention in
            json.field("entity", mention.entity)
            json.field("text", mention.text)
            json.key("start"); json.value(mention.start)
            json.key("end"); json.value(mention.end)
        }
        json.objects("quotes", facts.quotes) { json, quote in
            json.field("speaker", speakerEntity(of: quote, in: facts))
            writeQuoteText(quote, to: &json)
        }
        writeDates(of: facts, to: &json)
        json.endObject()
    }

    /// `khabar extract --format jsonl`: one line per article, each mention and quote speaker with
    /// its entity's id, name and kind inline (ids index `entities`, as in the JSON document). With
    /// `settledLater` the names and kinds, final only at the end of a run, are placeholders that
    /// `SpilledFacts` fills in.
    public static func jsonLine(_ facts: ArticleFacts, entities: [CatalogEntity], settledLater: Bool = false) -> [UInt8] {
        var json = JSONWriter()
        func entityFields(_ id: Int?, _ json: inout JSONWriter) {
            json.field("entity", id)
            if settledLater, let id {
                json.key("name"); json.raw(SpillFile.placeholder(.name, id))
                json.key("kind"); json.raw(SpillFile.placeholder(.kind, id))
                return
            }
            let entity = id.flatMap { $0 < entities.count ? entities[$0] : nil }
            json.field("name", entity?.name)
            json.field("kind", entity?.kind.label)
        }
        json.beginObject()
        json.field("id", facts.id)
        json.objects("mentions", facts.mentions) { json, mention in
            entityFields(mention.entity, &json)
            json.field("text", mention.text)
            json.key("start"); json.value(mention.start)
            json.key("end"); json.value(mention.end)
        }
        json.objects("quotes", facts.quotes) { json, quote in
            json.key("speaker")
            json.beginObject()
            entityFields(speakerEntity(of: quote, in: facts), &json)
            json.endObject()
            writeQuoteText(quote, to: &json)
        }
        writeDates(of: facts, to: &json)
        json.endObject()
        return json.takeBytes()
    }

    private static func writeQuoteText(_ quote: Quote, to json: inout JSONWriter) {
        json.field("speaker_text", quote.speakerText)
        json.field("text", quote.text)
        json.field("kind", quote.kind.rawValue)
    }

    private static func writeDates(of facts: ArticleFacts, to json: inout JSONWriter) {
        json.objects("dates", facts.dates) { json, date in
            json.field("text", date.text)
            json.field("value", date.value)
            json.key("start"); json.value(date.start)
            json.key("end"); json.value(date.end)
        }
    }

    /// The entity named in a quote's speaker span: the last person (else organisation) mention inside it.
    public static func speakerEntity(of quote: Quote, in facts: ArticleFacts) -> Int? {
        guard let start = quote.speakerStart, let end = quote.speakerEnd else { return nil }
        let inside = facts.mentions.filter { $0.start >= start && $0.end <= end && $0.entity != nil }
        return (inside.last { $0.kind == .person } ?? inside.last { $0.kind == .organisation })?.entity
    }
}

/// Whether two spellings of one word, whose `NameKey` skeletons agree, can be one name. Skeletons
/// drop every vowel letter, a leading و or ي and doubled letters, and fold letter classes: right for
/// transliterations (بوتين/بوتن), too coarse for a word on its own (الرياض and ورد are both RD,
/// جدة and القاضي both KDV, المملكة and الملكي both MLKV). So the spellings must also be at most
/// one edit apart, two from seven letters (a swap of neighbours counts as one: بيرنجر/برينجر; غ and
/// ج are one letter, both write a foreign g: شويغو/شويجو). Words of four letters or fewer may differ
/// only by one vowel letter written or left out (كيري/جيري/غاري are three people).
enum SpellingCheck {
    /// A spelling with غ folded to ج (what `alike` compares).
    static func fold<Letters: Sequence>(_ spelling: Letters) -> [Unicode.Scalar] where Letters.Element == Unicode.Scalar {
        spelling.map { $0 == "\u{063A}" ? "\u{062C}" : $0 }
    }

    static func alike(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a == b { return true }
        let longest = max(a.count, b.count)
        if longest <= 4 { return oneVowelApart(a, b) }
        let allowed = longest >= 7 ? 2 : 1
        // In a short word a consonant written or left out makes another word (بيونج/يونج).
        return abs(a.count - b.count) <= allowed && editDistance(a, b, consonantIndel: longest >= 7 ? 1 : 2) <= allowed
    }

    /// Edit distance with a swap of neighbouring letters as one edit (optimal string alignment);
    /// writing or leaving out a vowel letter, or one of a doubled letter (غريلو/غريللو), costs 1,
    /// any other consonant `consonantIndel`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], consonantIndel: Int = 1) -> Int {
        func indel(_ word: [Unicode.Scalar], _ k: Int) -> Int {
            let letter = word[k]
            if vowelLetters.contains(letter) { return 1 }
            let doubled = (k > 0 && word[k - 1] == letter) || (k + 1 < word.count && word[k + 1] == letter)
            return doubled ? 1 : consonantIndel
        }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: 1, through: a.count, by: 1) { d[i][0] = d[i - 1][0] + indel(a, i - 1) }
        for j in stride(from: 1, through: b.count, by: 1) { d[0][j] = d[0][j - 1] + indel(b, j - 1) }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + indel(a, i - 1), d[i][j - 1] + indel(b, j - 1),
                              d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// One vowel letter or hamza written in one spelling and left out of the other (ريال/ريل).
    static func oneVowelApart(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        for i in long.indices where vowelLetters.contains(long[i]) {
            var without = long
            without.remove(at: i)
            if without == short { return true }
        }
        return false
    }

    /// ا و ي ى ء ؤ ئ ة ه after the matching normalisation.
    static let vowelLetters: Set<Unicode.Scalar> = ["\u{0627}", "\u{0648}", "\u{064A}", "\u{0649}", "\u{0621}",
                                                     "\u{0624}", "\u{0626}", "\u{0629}", "\u{0647}"]
}

extension EntityCatalog {
    /// Whether a catalog that sees name `a` and then name `b` (two one-mention articles) makes them
    /// one entity: the catalog's merging on a pair of spellings, for `khabar-bench variants-eval`.
    public static func mergesSpellings(_ a: String, _ b: String, kind: EntityKind = .person) -> Bool {
        var catalog = EntityCatalog()
        var first = ArticleFacts(id: "a", mentions: [EntityMention(text: a, kind: kind, start: 0, end: a.utf8.count)],
                                 quotes: [], dates: [])
        var second = ArticleFacts(id: "b", mentions: [EntityMention(text: b, kind: kind, start: 0, end: b.utf8.count)],
                                  quotes: [], dates: [])
        catalog.add(&first)
        catalog.add(&second)
        return first.mentions.first?.entity != nil && first.mentions.first?.entity == second.mentions.first?.entity
    }
}
