/// Writes one story's digest from its members: the stages of summarising in order — sentences and
/// their vectors, fact alignment across articles, then headline, summary, entities, quotes,
/// timeline, coverage and contradictions, each from the same alignment.
public struct StoryDigester: Sendable {
    let vectorizer: SentenceVectorizer
    var selector = SummarySelector()
    var timeline = TimelineBuilder()
    /// Single-outlet facts listed in the coverage (the multi-outlet ones are all listed).
    public var singleOutletFacts = 8
    /// Longest lead sentence that may stand as the headline, in words.
    public var headlineWords = 35
    /// Pair judgements kept across digests, for a caller that remakes growing stories (the desk).
    public var memos: DigestMemos?
    /// Most members whose sentences a digest compares (the week's largest story has 86).
    public var maxMembersRead = 300

    public init(background: BackgroundFrequencies = .shipped) {
        vectorizer = SentenceVectorizer(background: background)
    }

    /// `story` is the clustering's view (id, ranking, outlets, times); `members` its articles in
    /// arrival order with their facts; `entities` the whole run's entity catalog.
    public func digest(_ story: StorySummary, members all: [StoryMember], entities: [CatalogEntity]) -> StoryDigest {
        // Sentences are compared pairwise; a flood (thousands of copies of one item) is read
        // through its first `maxMembersRead` members, originals before copies. Every member is
        // still listed, counted in the outlets and dates, and searched for entities.
        let members = Self.membersRead(all, limit: maxMembersRead)
        let parts = members.map { $0.digestParts ?? self.parts(of: $0) }
        var sentences: [StorySentence] = []
        for (index, memberParts) in parts.enumerated() {
            for var sentence in memberParts.sentences {
                sentence.member = index
                sentences.append(sentence)
            }
        }
        let alignment = FactAlignment(sentences: sentences)
        let distinct = members.filter { $0.duplicateOf == nil }.count
        let headline = pickHeadline(alignment, members: members, titleVectors: parts.map(\.titleVector))
        let people = storyEntities(all, entities)
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let summary = selector.select(alignment, members: members, distinctArticles: distinct).map { i in
            CitedSentence(text: sentences[i].text, article: members[sentences[i].member].article.id,
                          citedBy: unique(alignment.citingMembers(of: i).map { members[$0].article.id }))
        }
        return StoryDigest(
            id: story.id, headline: headline.text, headlineArticle: headline.article,
            articles: all.map(\.article.id), outlets: outlets(all),
            first: all.compactMap(\.article.published).min(),
            last: all.compactMap(\.article.published).max(),
            importance: story.importance, summary: summary,
            entities: people,
            quotes: QuoteMerger(vectorizer: vectorizer, memo: memos?.sameStatements).merge(members, quoteWords: parts.map(\.quotes)) {
                names[$0] ?? Self.entity($0, in: entities)?.name
            },
            timeline: timeline.build(alignment, members: members),
            coverage: coverage(alignment, members: members),
            contradictions: ContradictionFinder(memo: memos?.claimChecks).find(alignment, members: members))
    }

    /// All members when there are at most `limit`; else the first `limit` originals in arrival
    /// order, topped up with the first copies, kept in arrival order.
    static func membersRead(_ members: [StoryMember], limit: Int) -> [StoryMember] {
        guard members.count > limit else { return members }
        var chosen = members.indices.filter { members[$0].duplicateOf == nil }.prefix(limit)
        if chosen.count < limit {
            chosen += members.indices.filter { members[$0].duplicateOf != nil }.prefix(limit - chosen.count)
        }
        return chosen.sorted().map { members[$0] }
    }

    /// Distinct outlets, most articles first (ties: first seen); an article without an outlet stands
    /// for itself.
    func outlets(_ members: [StoryMember]) -> [String] {
        let names = members.map(\.outletName)
        let counts = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +)
        return unique(names).enumerated().sorted { a, b in
            counts[a.element]! != counts[b.element]! ? counts[a.element]! > counts[b.element]! : a.offset < b.offset
        }.map(\.element)
    }

    /// The title or short lead sentence that most outlets' articles echo: for each candidate, the
    /// distinct other outlets with a sentence aligned to it, plus the summed similarity of the best
    /// sentence of each other member (ties: earlier member). `titleVectors[i]`: member i's title
    /// vector, nil when it has no title.
    func pickHeadline(_ alignment: FactAlignment, members: [StoryMember],
                      titleVectors: [[(term: UInt64, weight: Float)]?]) -> (text: String, article: String) {
        var candidates: [(text: String, member: Int, vector: [(term: UInt64, weight: Float)])] = []
        for (index, member) in members.enumerated() {
            if let title = member.article.title, let vector = titleVectors[index] {
                candidates.append((title, index, vector))
            }
        }
        for s in alignment.sentences where s.position == 0 && s.wordCount <= headlineWords && s.wordCount >= 4 {
            candidates.append((s.text, s.member, s.vector))
        }
        var best: (index: Int, score: Float)?
        for (c, candidate) in candidates.enumerated() {
            var bestPerMember: [Int: Float] = [:]
            for s in alignment.sentences where s.member != candidate.member && members[s.member].duplicateOf == nil {
                let similarity = StorySentence.dot(candidate.vector, s.vector)
                if similarity > bestPerMember[s.member] ?? 0 { bestPerMember[s.member] = similarity }
            }
            let outlets = Set(bestPerMember.filter { $0.value >= FactAlignment.threshold }.map { members[$0.key].outletName })
                .subtracting([members[candidate.member].outletName])
            let score = Float(outlets.count) + bestPerMember.values.sorted().reduce(0, +)
            if best.map({ score > $0.score }) ?? true { best = (c, score) }
        }
        if let best {
            return (candidates[best.index].text, members[candidates[best.index].member].article.id)
        }
        let first = members[0].article
        return (first.title ?? alignment.sentences.first { $0.member == 0 }?.text ?? first.id, first.id)
    }

    /// The catalog numbers entities by their position.
    static func entity(_ id: Int, in catalog: [CatalogEntity]) -> CatalogEntity? {
        catalog.indices.contains(id) && catalog[id].id == id ? catalog[id] : catalog.first { $0.id == id }
    }

    func storyEntities(_ members: [StoryMember], _ catalog: [CatalogEntity]) -> [StoryEntity] {
        struct Tally { var mentions = 0; var spellings: [String: Int] = [:]; var order: [String] = []; var articles: [String] = []; var outlets: [String] = [] }
        var tallies: [Int: Tally] = [:]
        var firstSeen: [Int] = []
        for member in members {
            for mention in member.facts.mentions {
                guard let id = mention.entity else { continue }
                if tallies[id] == nil { firstSeen.append(id) }
                var tally = tallies[id, default: Tally()]
                tally.mentions += 1
                if tally.spellings[mention.text] == nil { tally.order.append(mention.text) }
                tally.spellings[mention.text, default: 0] += 1
                if tally.articles.last != member.article.id { tally.articles.append(member.article.id) }
                if !tally.outlets.contains(member.outletName) { tally.outlets.append(member.outletName) }
                tallies[id] = tally
            }
        }
        return firstSeen.compactMap { id -> StoryEntity? in
            guard let tally = tallies[id], let entity = Self.entity(id, in: catalog) else { return nil }
            let variants = tally.order.enumerated().sorted { a, b in
                let ca = tally.spellings[a.element]!, cb = tally.spellings[b.element]!
                return ca != cb ? ca > cb : a.offset < b.offset
            }.map(\.element)
            // The story's own most frequent spelling names it (the run-wide one may come from other stories).
            return StoryEntity(id: id, name: variants.first ?? entity.name, kind: entity.kind, variants: variants, mentions: tally.mentions,
                               outlets: tally.outlets, articles: unique(tally.articles))
        }.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.id < $1.id }
    }

    /// Facts (aligned sentence groups) with the outlets that report them: every fact two or more
    /// outlets report, then the most central facts only one outlet has. Nothing for a one-outlet story.
    func coverage(_ alignment: FactAlignment, members: [StoryMember]) -> [CoveredFact] {
        let outlets = Set(members.map(\.outletName))
        guard outlets.count > 1 else { return [] }
        var shared: [CoveredFact] = []
        var single: [(fact: CoveredFact, position: Int)] = []
        for group in alignment.factGroups() {
            let lead = group[0]
            guard selector.isCandidate(alignment.sentences[lead]) else { continue }
            let groupMembers = group.map { alignment.sentences[$0].member }
            let fact = CoveredFact(fact: alignment.sentences[lead].text,
                                   outlets: unique(groupMembers.map { members[$0].outletName }),
                                   sources: unique(groupMembers.map { members[$0].article.id }))
            if fact.outlets.count > 1 { shared.append(fact) } else { single.append((fact, alignment.sentences[lead].position)) }
        }
        shared.sort { $0.outlets.count > $1.outlets.count }
        return shared + single.sorted { $0.position < $1.position }.prefix(singleOutletFacts).map(\.fact)
    }
}

/// The elements in first-seen order without repeats.
func unique(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
}
