import Foundation

/// Everything the desk holds in memory about placed articles: the story tracker, the entity
/// catalog, and the live stories' articles and facts (for their digests). Closed stories keep
/// only their ids here; their articles live in the store alone.
struct PlacedState {
    var tracker = StoryTracker()
    var catalog = EntityCatalog()
    /// Per article, in arrival order (index = seq − 1).
    var ids: [String] = []
    var stories: [Int] = []
    var duplicateOf: [String?] = []
    /// Article and facts of articles in live stories; nil once their story is closed.
    var articles: [CleanArticle?] = []
    var facts: [ArticleFacts?] = []
    /// What the story's digest takes from the article alone, once made (see `MemberDigestParts`).
    var digestParts: [MemberDigestParts?] = []
    var indexByID: [String: Int] = [:]
    var indexByText: [String: Int] = [:]
    /// Member indices of each story, in arrival order.
    var storyMembers: [Int: [Int]] = [:]
    var closed = Set<Int>()
    /// Stories placed into since their last digest.
    var dirty = Set<Int>()
    /// Each entity's kind as the stories' digests last saw it, and the stories that name it: when
    /// a later mention changes the catalog's kind, those digests are stale. (A digest names its
    /// entities by the story's own spellings, so the catalog's name changing leaves it as it is.)
    var entitySeen: [Int: EntityKind] = [:]
    var storiesOfEntity: [Int: Set<Int>] = [:]
    private var placedAtLastClose = 0

    /// Places one prepared article: copies, story, catalog. Returns the row to store, the
    /// earlier articles whose `duplicate_of` this arrival changed, and other stories whose digest
    /// it made stale (an entity they name changed kind in the catalog).
    mutating func place(_ article: inout PreparedArticle, sameAs: String? = nil, received: Double)
        -> (stored: StoredArticle, duplicateChanges: [(article: String, duplicateOf: String?)], staled: Set<Int>) {
        let index = ids.count
        let assignment = tracker.add(article.profile)
        catalog.add(&article.facts)
        ids.append(article.clean.id)
        stories.append(assignment.story)
        duplicateOf.append(assignment.duplicateOf)
        articles.append(article.clean)
        facts.append(article.facts)
        digestParts.append(nil)
        indexByID[article.clean.id] = index
        if sameAs == nil { indexByText[article.textHash] = index }
        var staled = Set<Int>()
        let catalog = self.catalog.all
        for id in Set(article.facts.mentions.compactMap(\.entity)) where catalog.indices.contains(id) {
            let now = catalog[id].kind
            if let seen = entitySeen[id], seen != now {
                staled.formUnion(storiesOfEntity[id] ?? [])
            }
            entitySeen[id] = now
            storiesOfEntity[id, default: []].insert(assignment.story)
        }
        staled.remove(assignment.story)
        storyMembers[assignment.story, default: []].append(index)
        // An earlier-dated copy arriving late becomes the one the others duplicate.
        var changes: [(article: String, duplicateOf: String?)] = []
        if assignment.duplicateOf != nil {
            for member in storyMembers[assignment.story]! where member != index {
                let now = tracker.assignment(member).duplicateOf
                if now != duplicateOf[member] {
                    duplicateOf[member] = now
                    changes.append((ids[member], now))
                }
            }
        }
        let stored = StoredArticle(seq: Int64(index + 1), article: article.clean, story: assignment.story,
                                   duplicateOf: assignment.duplicateOf, textHash: article.textHash, sameAs: sameAs,
                                   received: received)
        return (stored, changes, staled)
    }

    func isLive(_ story: Int) -> Bool { !closed.contains(story) }

    /// The story's members that are still in memory, for its digest, with their article indices.
    func members(of story: Int) -> [(index: Int, member: StoryMember)] {
        (storyMembers[story] ?? []).compactMap { i in
            guard let article = articles[i], let facts = facts[i] else { return nil }
            return (i, StoryMember(article: article, facts: facts, duplicateOf: duplicateOf[i], digestParts: digestParts[i]))
        }
    }

    /// Keeps digest parts made for articles still in memory.
    mutating func keep(_ parts: [(index: Int, parts: MemberDigestParts)]) {
        for (i, made) in parts where i < articles.count && articles[i] != nil { digestParts[i] = made }
    }

    func summary(of story: Int) -> StorySummary {
        tracker.clusterer.summary(of: story, memberIDs: (storyMembers[story] ?? []).map { ids[$0] })
    }

    /// The list fields of a story as they stand now (its digest is made separately).
    func listRecord(_ story: Int) -> StoryRecord {
        let summary = summary(of: story)
        return StoryRecord(id: story, headline: summary.headline, articleCount: summary.articleCount,
                           outlets: summary.outlets, first: summary.first, last: summary.last,
                           importance: tracker.clusterer.baseImportance(of: story))
    }

    /// Closes stories whose last article is more than `window` behind the newest article: their
    /// articles and facts leave memory (the store keeps them), so memory stays flat over months.
    /// Runs at most once per `every` placements: a pass looks at every open story.
    /// Returns how many stories it closed.
    @discardableResult
    mutating func closeStoriesOutsideWindow(_ window: Double, every: Int) -> Int {
        guard ids.count - placedAtLastClose >= every,
              let newest = tracker.clusterer.newestArticleTime else { return 0 }
        placedAtLastClose = ids.count
        var closing = 0
        // A story whose digest is due stays open until it is made: a backfill of old news closes
        // its stories as soon as newer articles arrive, and they must not close undigested.
        for (story, members) in storyMembers where !closed.contains(story) && !dirty.contains(story) {
            guard let last = tracker.clusterer.lastTime(ofStory: story), newest - last > window else { continue }
            closed.insert(story)
            closing += 1
            for i in members {
                articles[i] = nil
                facts[i] = nil
                digestParts[i] = nil
            }
        }
        return closing
    }
}
