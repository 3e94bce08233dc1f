import KhabarText

/// Groups a story's quotes by speaker and merges the wordings of one statement: outlets translate
/// the same words differently ("سعيد بلقائك", "أنا سعيد للغاية بلقائك", «سعيد جدا» للقاء كيم).
///
/// Two quotes of one speaker are one statement when most of the shorter one's content (by IDF, at
/// least two words) has a form in the longer one (`WordCores`: "بلقائك" ~ "للقاء"). The names of
/// the story's recurring actors do not count: two statements about Putin and Kim are not one
/// statement for that.
struct QuoteMerger {
    var containment: Float = 0.6
    let vectorizer: SentenceVectorizer
    /// Statement checks kept from earlier digests (the desk's growing stories), if any.
    var memo: PairMemo<Bool>?

    struct Item {
        let speakerKey: String
        let speaker: String
        let entity: Int?
        let text: String
        let isDirect: Bool
        let member: Int
        /// Each content word's possible cores and its weight (background IDF of its stem).
        let words: [(cores: [UInt64], weight: Float)]

        /// A hash of `words`, all that `sameStatement` looks at.
        var wordsHash: UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for word in words {
                for core in word.cores { h = TermHash.mix(h ^ core) }
                h = TermHash.mix(h ^ UInt64(word.weight.bitPattern))
            }
            return h
        }
    }

    /// One quote of a member as the merge needs it; depends on that member alone, so a story's
    /// growing digest makes it once per article.
    struct QuoteWords: Sendable {
        let speakerEntity: Int?
        let speakerText: String?
        let text: String
        let isDirect: Bool
        /// Content words (not stop words), each with the entities of the mentions inside the
        /// quote that cover it: the word drops out when one of those is a recurring actor.
        let words: [(cores: [UInt64], weight: Float, insideEntities: [Int])]
    }

    /// The quotes of one member with their content words.
    func quoteWords(of member: StoryMember) -> [QuoteWords] {
        member.facts.quotes.map { quote in
            let inside = member.facts.mentions.compactMap { m -> (start: Int, end: Int, entity: Int)? in
                guard m.start >= quote.start && m.end <= quote.end, let entity = m.entity else { return nil }
                return (m.start - quote.start, m.end - quote.start, entity)
            }
            let words = Tokenizer.tokenize(quote.text).filter(\.isWord)
            let content = words.compactMap { word -> (cores: [UInt64], weight: Float, insideEntities: [Int])? in
                guard word.kind == .arabic || word.kind == .latin else { return nil }
                let normalized = word.normalized
                guard !StopWords.isStopWord(normalized) else { return nil }
                let cores = word.kind == .arabic ? WordCores.coreKeys(of: normalized) : [TermHash.hash(normalized)]
                guard !cores.isEmpty else { return nil }
                let stem = word.kind == .arabic ? LightStemmer.stem(normalized) : normalized
                let covering = inside.filter { $0.start <= word.range.lowerBound && word.range.lowerBound < $0.end }.map(\.entity)
                return (cores, vectorizer.idf(TermHash.hash(stem)), covering)
            }
            return QuoteWords(speakerEntity: EntityCatalog.speakerEntity(of: quote, in: member.facts),
                              speakerText: quote.speakerText, text: quote.text, isDirect: quote.kind == .direct,
                              words: content)
        }
    }

    func merge(_ members: [StoryMember], entityName: (Int) -> String?) -> [MergedQuote] {
        merge(members, quoteWords: members.map(quoteWords(of:)), entityName: entityName)
    }

    /// `quoteWords[i]`: member i's quotes (made with `quoteWords(of:)`).
    func merge(_ members: [StoryMember], quoteWords: [[QuoteWords]], entityName: (Int) -> String?) -> [MergedQuote] {
        var articlesPerEntity: [Int: Set<Int>] = [:]
        for (index, member) in members.enumerated() {
            for mention in member.facts.mentions { if let e = mention.entity { articlesPerEntity[e, default: []].insert(index) } }
        }
        let recurring = Set(articlesPerEntity.filter { $0.value.count >= 2 }.keys)
        var items: [Item] = []
        for (index, quotes) in quoteWords.enumerated() {
            for quote in quotes {
                let entity = quote.speakerEntity
                let name = entity.flatMap(entityName) ?? quote.speakerText
                guard let name, !name.isEmpty else { continue } // nobody to attribute it to
                // The names of the story's recurring actors do not count.
                let content = quote.words.compactMap { word -> (cores: [UInt64], weight: Float)? in
                    word.insideEntities.contains(where: recurring.contains) ? nil : (word.cores, word.weight)
                }
                guard !content.isEmpty else { continue }
                let key = entity.map { "e\($0)" } ?? "t" + ArabicNormalizer.normalize(name, Tokenizer.wordOptions)
                items.append(Item(speakerKey: key, speaker: name, entity: entity, text: quote.text,
                                  isDirect: quote.isDirect, member: index, words: content))
            }
        }
        // Union-find over the quotes of each speaker.
        var parent = Array(items.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        let bySpeaker = Dictionary(grouping: items.indices, by: { items[$0].speakerKey })
        let hashes = memo == nil ? [] : items.map(\.wordsHash)
        for (_, quotes) in bySpeaker {
            for a in quotes.indices {
                for b in quotes.indices where b > a {
                    let (x, y) = (quotes[a], quotes[b])
                    // Already one statement through others: joining again changes nothing.
                    guard root(y) != root(x) else { continue }
                    let same = memo.map { $0.value(for: PairKey(hashes[x], hashes[y])) { sameStatement(items[x], items[y]) } }
                        ?? sameStatement(items[x], items[y])
                    if same { parent[root(y)] = root(x) }
                }
            }
        }
        let groups = Dictionary(grouping: items.indices, by: root).values.map { $0.sorted() }
        var merged: [(quote: MergedQuote, first: Int)] = []
        for group in groups {
            // The fullest direct wording stands for the statement.
            let lead = group.max { a, b in
                (items[a].isDirect ? 1 : 0, items[a].text.count) < (items[b].isDirect ? 1 : 0, items[b].text.count)
            }!
            var variants: [String] = []
            for i in group where items[i].text != items[lead].text && !variants.contains(items[i].text) {
                variants.append(items[i].text)
            }
            var sources: [String] = []
            for i in group where !sources.contains(members[items[i].member].article.id) {
                sources.append(members[items[i].member].article.id)
            }
            let speaker = items[group.first { items[$0].entity != nil } ?? lead]
            merged.append((MergedQuote(speaker: speaker.speaker, speakerEntity: speaker.entity, text: items[lead].text,
                                       variants: variants, sources: sources), group[0]))
        }
        // Speakers with most quoted statements first, then statements by how many articles carry them.
        var statementsPerSpeaker: [String: Int] = [:]
        for m in merged { statementsPerSpeaker[m.quote.speaker, default: 0] += 1 }
        return merged.sorted { a, b in
            let sa = statementsPerSpeaker[a.quote.speaker]!, sb = statementsPerSpeaker[b.quote.speaker]!
            if sa != sb { return sa > sb }
            if a.quote.speaker != b.quote.speaker { return a.quote.speaker < b.quote.speaker }
            if a.quote.sources.count != b.quote.sources.count { return a.quote.sources.count > b.quote.sources.count }
            return a.first < b.first
        }.map(\.quote)
    }

    func sameStatement(_ a: Item, _ b: Item) -> Bool {
        let (short, long) = a.words.count <= b.words.count ? (a, b) : (b, a)
        var found = 0
        var foundWeight: Float = 0
        for word in short.words where long.words.contains(where: { WordCores.match(word.cores, $0.cores) }) {
            found += 1
            foundWeight += word.weight
        }
        let total = short.words.reduce(Float(0)) { $0 + $1.weight }
        return found >= 2 && foundWeight / total >= containment
    }
}
