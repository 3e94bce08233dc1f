import Foundation

/// Articles in, stories out: the story stages in their order — analyse (done by the caller, in
/// parallel), near-duplicates, then clustering. One tracker serves a whole batch or a server's
/// lifetime; feeding it articles one at a time or all at once gives the same stories.
public struct StoryTracker: Sendable {
    public var duplicates = NearDuplicateIndex()
    public var clusterer = StoryClusterer()
    /// Whether two near-identical texts say incompatible things (then they are not copies).
    public var contradicts: @Sendable (String, String) -> Bool

    /// Per article (in arrival order): its story, its copy group (first member's index), its time.
    private var articles: [(id: String, story: Int, group: Int, time: Double?, similarity: Double?, shared: [UInt64])] = []
    /// Per copy group (keyed by its first member), the member with the earliest time.
    private var earliestInGroup: [Int: Int] = [:]
    private var members: [[String]] = []
    private var termNames: [UInt64: String] = [:]
    /// Keep track of which stories can change no more (`takeFinishedStories()`): a digest run
    /// writes those and lets their articles go.
    public var reportsFinishedStories = false {
        didSet { clusterer.recordsExpired = reportsFinishedStories }
    }
    /// Per story, its articles' arrival indices, while it is not finished (`reportsFinishedStories`).
    private var memberIndices: [[Int32]] = []
    /// Stories out of the clusterer's index whose articles the copy index may still match.
    private var unfinished = Set<Int>()
    /// Keep the shared terms and their names for each article (what `--explain` prints).
    public var keepTermNames = false {
        didSet { clusterer.collectsSharedTerms = keepTermNames }
    }

    /// By default the relation judge decides (`khabar compare`): a near-copy it calls `contradicts`
    /// stays in the story but is never hidden as a duplicate.
    public init(contradicts: @escaping @Sendable (String, String) -> Bool = StoryTracker.judgeContradicts) {
        self.contradicts = contradicts
    }

    public static let judgeContradicts: @Sendable (String, String) -> Bool = { earlier, later in
        // A text never contradicts itself: re-posts skip the judge's analysis of both texts.
        if earlier.utf8.count == later.utf8.count && earlier.utf8.elementsEqual(later.utf8) { return false }
        return RelationJudge().judge(recentlyJudged.analysed(earlier), RelationText(later)).relation == .contradicts
    }

    /// The earlier side of a pair is most often an original that many copies are judged against.
    private static let recentlyJudged = RecentRelationTexts()

    public var articleCount: Int { articles.count }

    /// Adds one analysed article and returns where it went now (later arrivals never move it to
    /// another story; only `duplicate_of` can change, when an earlier-dated copy arrives later).
    @discardableResult
    public mutating func add(_ profile: ArticleProfile) -> StoryAssignment {
        let index = articles.count
        let copy = duplicates.add(profile, contradicts: contradicts)
        let placement: StoryClusterer.Placement
        if let copy {
            placement = clusterer.add(profile, into: articles[copy.group].story)
            clusterer.noteDuplicate(inStory: placement.story)
        } else {
            placement = clusterer.add(profile)
        }
        let group = copy?.group ?? index
        articles.append((profile.id, placement.story, group, profile.time,
                         copy?.overlap ?? placement.similarity, placement.sharedTerms))
        if placement.story == members.count { members.append([]) }
        members[placement.story].append(profile.id)
        if reportsFinishedStories {
            if placement.story == memberIndices.count { memberIndices.append([]) }
            memberIndices[placement.story].append(Int32(index))
            // A story with no indexed term is found by no later article: only copies can join it.
            if !clusterer.isListed(placement.story) { unfinished.insert(placement.story) }
        }
        if keepTermNames {
            for term in placement.sharedTerms where termNames[term] == nil { termNames[term] = profile.termNames[term] }
        }
        if copy != nil {
            let earliest = earliestInGroup[group] ?? group
            if let t = profile.time, let e = articles[earliest].time, t < e {
                earliestInGroup[group] = index
            } else {
                earliestInGroup[group] = earliest
            }
        }
        return assignment(index)
    }

    /// Where article number `index` (arrival order) stands now.
    public func assignment(_ index: Int) -> StoryAssignment {
        let a = articles[index]
        var duplicateOf: String?
        if let earliest = earliestInGroup[a.group], earliest != index {
            duplicateOf = articles[earliest].id
        }
        return StoryAssignment(article: a.id, story: a.story, duplicateOf: duplicateOf, similarity: a.similarity,
                               sharedTerms: a.shared.compactMap { termNames[$0] })
    }

    /// Every article's final assignment, in arrival order.
    public func assignments() -> [StoryAssignment] { articles.indices.map(assignment) }

    /// Stories that can change no more, each returned once (with `reportsFinishedStories`): out of
    /// the clusterer's index and none of their articles matchable as the original of a copy — so
    /// no later article can join them and their copies' `duplicate_of` is settled.
    public mutating func takeFinishedStories() -> [(story: Int, members: [Int])] {
        unfinished.formUnion(clusterer.takeExpired())
        var finished: [(story: Int, members: [Int])] = []
        for story in unfinished.sorted() {
            if clusterer.isListed(story) {
                // A copy brought it back; the clusterer reports it again when it leaves.
                unfinished.remove(story)
            } else if memberIndices[story].allSatisfy({ duplicates.isForgotten(Int($0)) }) {
                unfinished.remove(story)
                finished.append((story, memberIndices[story].map(Int.init)))
                memberIndices[story] = []
            }
        }
        return finished
    }

    /// Every story not taken yet, with its articles' arrival indices (the end of a run, with
    /// `reportsFinishedStories`).
    public mutating func takeRemainingStories() -> [(story: Int, members: [Int])] {
        unfinished = []
        var remaining: [(story: Int, members: [Int])] = []
        for story in memberIndices.indices where !memberIndices[story].isEmpty {
            remaining.append((story, memberIndices[story].map(Int.init)))
            memberIndices[story] = []
        }
        return remaining
    }

    /// One story as the clusterer sees it now (its importance still decays until the run ends).
    public func summary(ofStory story: Int) -> StorySummary { clusterer.summary(of: story, memberIDs: members[story]) }

    /// Stories ranked by importance.
    public func stories() -> [StorySummary] { clusterer.rankedStories(memberIDs: members) }
}

/// The last few earlier texts the relation judge analysed: a wire item syndicated fifty times is
/// judged against its original fifty times, and the original is analysed once.
final class RecentRelationTexts: @unchecked Sendable {
    private var recent: [(text: String, analysed: RelationText)] = []
    private let lock = NSLock()
    private let capacity = 8

    func analysed(_ text: String) -> RelationText {
        lock.lock()
        let known = recent.first { $0.text.utf8.count == text.utf8.count && $0.text.utf8.elementsEqual(text.utf8) }
        lock.unlock()
        if let known { return known.analysed }
        let analysed = RelationText(text)
        lock.lock()
        if recent.count == capacity { recent.removeFirst() }
        recent.append((text, analysed))
        lock.unlock()
        return analysed
    }
}
