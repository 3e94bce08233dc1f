import Foundation

/// Online story clustering: each article joins the most similar live story or opens a new one.
///
/// - An article is its content terms weighted TF-IDF (sublinear TF on the analyser's position
///   weights, IDF from the articles seen so far), cut to its `articleTerms` heaviest and unit-length.
/// - A story is the sum of its members' vectors (its centre), with the time span it covers.
/// - Similarity is the cosine of article and centre, times exp(−gap / `decay`) where gap is how far
///   the article's time lies outside the story's span: events last days, not months.
/// - Candidates come from an inverted index (term → stories whose members had it among their
///   heaviest terms), so each article is scored against a handful of stories, never all of them.
///
/// The same instance serves a batch (articles fed in file order) and a server (one at a time):
/// results depend only on the order articles arrive in.
public struct StoryClusterer: Sendable {
    /// Cosine (after decay) an article needs to join a story.
    public var threshold = 0.25
    /// Time constant of the similarity decay, in seconds.
    public var decay: Double = 2 * 86_400
    /// Stories idle for longer than this are no longer candidates.
    public var window: Double = 7 * 86_400
    /// Stories whose last article came more than this many arrivals ago are no longer candidates
    /// either: undated articles have no time window, and a flood of them must not keep every
    /// story in the index (each lookup would grow with the flood).
    public var arrivalWindow = 100_000
    /// Articles between two prunes of the index.
    var pruneInterval = 4096
    /// Terms kept per article vector.
    public var articleTerms = 80
    /// Terms kept per story centre (pruned back to this when it grows to twice as many).
    public var centreTerms = 200
    /// An article's heaviest terms used to look up candidate stories (and indexed for its story).
    public var queryTerms = 20
    /// Fill `Placement.sharedTerms` (only `--explain` shows them; ranking them costs a sort per article).
    public var collectsSharedTerms = false

    /// The IDF prior (see `BackgroundFrequencies`).
    public var background: BackgroundFrequencies

    private var documentFrequency = TermTable<Int32>(minimumCapacity: 1 << 16)
    private var documents = 0
    private var stories: [StoryState] = []
    /// Stories still in the posting lists, in the order they opened.
    private var indexedStories: [Int32] = []
    private var postings: [UInt64: [Int32]] = [:]
    /// Stories scored exactly per article: those sharing the most query-term weight with it.
    public var candidatesScored = 24

    /// Per story, the query-term weight it shares with the article being placed (scratch, kept zeroed).
    private var sharedWeight: [Float] = []
    private var newestTime = -Double.infinity
    private var addsSincePrune = 0
    /// Record the stories each prune drops from the index (for `takeExpired()`).
    public var recordsExpired = false
    private var expiredSinceTaken: [Int] = []

    public init(background: BackgroundFrequencies = .shipped) {
        self.background = background
    }

    public var storyCount: Int { stories.count }

    /// The outcome of adding one article.
    public struct Placement: Sendable {
        public var story: Int
        /// Decayed cosine with the story it joined; nil when it opened a new story.
        public var similarity: Double?
        /// Terms that contributed most to the similarity, heaviest first (when `collectsSharedTerms`).
        public var sharedTerms: [UInt64]
    }

    /// Adds an article. `story` forces the story (a near-copy goes where its original went).
    public mutating func add(_ profile: ArticleProfile, into forced: Int? = nil) -> Placement {
        let vector = weightedVector(profile.terms)
        let time = profile.time
        if let time { newestTime = max(newestTime, time) }

        var best: (story: Int, score: Double)?
        if let forced {
            best = (forced, score(vector, stories[forced], time))
        } else {
            for story in candidates(vector, at: time) {
                let similarity = score(vector, stories[story], time)
                if similarity > (best?.score ?? 0) { best = (story, similarity) }
            }
            if let b = best, b.score < threshold { best = nil }
        }

        let placement: Placement
        if let best {
            placement = Placement(story: best.story, similarity: best.score,
                                  sharedTerms: collectsSharedTerms ? sharedTerms(vector, stories[best.story]) : [])
            stories[best.story].add(vector, profile, centreTerms: centreTerms)
            stories[best.story].lastArrival = documents
        } else {
            stories.append(StoryState(vector, profile))
            stories[stories.count - 1].lastArrival = documents
            sharedWeight.append(0)
            placement = Placement(story: stories.count - 1, similarity: nil, sharedTerms: [])
        }
        index(vector.prefix(queryTerms), story: placement.story)

        addsSincePrune += 1
        if addsSincePrune >= pruneInterval { pruneIndex() }
        return placement
    }

    /// Counts one more duplicate in a story (copies join their original's story through `add(_:into:)`).
    public mutating func noteDuplicate(inStory story: Int) { stories[story].duplicates += 1 }

    // MARK: - Vectors

    /// TF-IDF over the article's terms: document frequencies count the background sample, the
    /// articles seen so far and this one.
    private mutating func weightedVector(_ terms: [WeightedTerm]) -> [WeightedTerm] {
        documents += 1
        let n = Double(documents + background.documents)
        var vector: [WeightedTerm] = []
        vector.reserveCapacity(terms.count)
        for t in terms {
            let df = documentFrequency[t.term, default: 0] + 1
            documentFrequency[t.term] = df
            let tf = 1 + log(Double(t.weight))
            let idf = log((n + 1) / (Double(df) + Double(background.frequency(of: t.term)) + 0.5))
            if idf > 0 { vector.append(WeightedTerm(term: t.term, weight: Float(tf * idf))) }
        }
        vector.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.term < $1.term) }
        if vector.count > articleTerms { vector.removeSubrange(articleTerms...) }
        var norm: Float = 0
        for t in vector { norm += t.weight * t.weight }
        norm = norm.squareRoot()
        if norm > 0 { for i in vector.indices { vector[i].weight /= norm } }
        return vector
    }

    private func score(_ vector: [WeightedTerm], _ story: StoryState, _ time: Double?) -> Double {
        guard story.norm > 0 else { return 0 }
        var dot: Float = 0
        for t in vector { if let w = story.centre[t.term] { dot += t.weight * w } }
        return Double(dot / story.norm) * story.decayFactor(at: time, decay: decay)
    }

    private func sharedTerms(_ vector: [WeightedTerm], _ story: StoryState, limit: Int = 8) -> [UInt64] {
        var contributions: [(UInt64, Float)] = []
        for t in vector { if let w = story.centre[t.term] { contributions.append((t.term, t.weight * w)) } }
        contributions.sort { $0.1 > $1.1 }
        return contributions.prefix(limit).map(\.0)
    }

    // MARK: - Index

    /// The live stories most worth scoring: posting lists of the article's heaviest terms add up,
    /// per story, the weight of the terms it shares; the `candidatesScored` best go on to the exact
    /// cosine. Cheap array sums instead of a centre lookup for every story that shares any term.
    private mutating func candidates(_ vector: [WeightedTerm], at time: Double?) -> [Int] {
        var touched: [Int32] = []
        for term in vector.prefix(queryTerms) {
            guard let list = postings[term.term] else { continue }
            for s in list {
                if sharedWeight[Int(s)] == 0 { touched.append(s) }
                sharedWeight[Int(s)] += term.weight
            }
        }
        var ranked = touched.map { (story: Int($0), weight: sharedWeight[Int($0)]) }
        for s in touched { sharedWeight[Int(s)] = 0 }
        if ranked.count > candidatesScored {
            ranked.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.story < $1.story) }
        }
        var result: [Int] = []
        for c in ranked where isLive(stories[c.story], at: time) && documents - stories[c.story].lastArrival <= arrivalWindow {
            result.append(c.story)
            if result.count == candidatesScored { break }
        }
        return result
    }

    private mutating func index(_ terms: ArraySlice<WeightedTerm>, story: Int) {
        for t in terms where stories[story].indexed.insert(t.term).inserted {
            postings[t.term, default: []].append(Int32(story))
        }
        // (A copy can bring an expired story back into the index: it is listed again.)
        if !stories[story].listed && !stories[story].indexed.isEmpty {
            stories[story].listed = true
            indexedStories.append(Int32(story))
        }
    }

    private func isLive(_ story: StoryState, at time: Double?) -> Bool {
        guard let time, let first = story.first, let last = story.last else { return true }
        return time - last <= window && first - time <= window
    }

    /// Drops stories that fell out of the window from the posting lists, so that lookups stay as
    /// cheap after a million articles as after a thousand.
    private mutating func pruneIndex() {
        addsSincePrune = 0
        let horizon = newestTime.isFinite ? newestTime - window : -Double.infinity
        var expired = Set<Int32>()
        var expiredTerms = Set<UInt64>()
        var kept: [Int32] = []
        for s in indexedStories {
            let i = Int(s)
            guard !stories[i].indexed.isEmpty else { stories[i].listed = false; continue }
            guard (stories[i].last.map { $0 < horizon } ?? false) || documents - stories[i].lastArrival > arrivalWindow else {
                kept.append(s)
                continue
            }
            stories[i].listed = false
            expired.insert(s)
            if recordsExpired { expiredSinceTaken.append(i) }
            expiredTerms.formUnion(stories[i].indexed)
            stories[i].frozenHeadline = stories[i].headline()
            stories[i].indexed = []
            stories[i].centre = TermTable()
            // The frozen headline stands for them now: a long-running desk keeps no vectors of
            // stories that left the window.
            stories[i].headlineCandidates = []
        }
        indexedStories = kept
        guard !expired.isEmpty else { return }
        // Only the lists that hold an expired story are rewritten.
        for term in expiredTerms {
            guard let list = postings[term] else { continue }
            let kept = list.filter { !expired.contains($0) }
            if kept.isEmpty { postings[term] = nil } else if kept.count != list.count { postings[term] = kept }
        }
    }

    // MARK: - Stories

    /// Every story so far, ranked by importance (distinct outlets, size, recency) at the newest time seen.
    public func rankedStories(memberIDs: [[String]]) -> [StorySummary] {
        var summaries = stories.indices.map { i in summary(of: i, memberIDs: i < memberIDs.count ? memberIDs[i] : []) }
        summaries.sort { $0.importance > $1.importance || ($0.importance == $1.importance && $0.id < $1.id) }
        return summaries
    }

    /// One story as a list shows it; its importance decays with the time since its last article,
    /// measured from the newest article seen (so a replay ranks as the live run did).
    public func summary(of i: Int, memberIDs: [String]) -> StorySummary {
        let story = stories[i]
        var importance = baseImportance(of: i)
        if newestTime.isFinite, let last = story.last { importance *= exp(-(newestTime - last) / decay) }
        return StorySummary(id: i, headline: story.headline(), outlets: outletsByCount(of: i),
                            articleCount: story.count, duplicateCount: story.duplicates,
                            first: story.first, last: story.last, importance: importance, articles: memberIDs)
    }

    /// Distinct outlets and original articles folded into one number, before any time decay.
    public func baseImportance(of i: Int) -> Double {
        let story = stories[i]
        let originals = story.count - story.duplicates
        return Double(max(1, story.outlets.count)) + 0.5 * log2(1 + Double(originals))
    }

    /// The story's outlets, most articles first.
    func outletsByCount(of i: Int) -> [String] {
        stories[i].outlets.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map(\.key)
    }

    /// Stories dropped from the index since the last call (when `recordsExpired`): only a copy of
    /// one of their articles can bring them back.
    public mutating func takeExpired() -> [Int] {
        defer { expiredSinceTaken = [] }
        return expiredSinceTaken
    }

    /// Whether the story is in the index (new articles can find it); false once it left the
    /// window, and for a story none of whose terms were worth indexing.
    public func isListed(_ story: Int) -> Bool { stories[story].listed }

    /// Time of the story's latest dated article.
    public func lastTime(ofStory i: Int) -> Double? { stories[i].last }

    /// Time of the newest article seen, if any article had one.
    public var newestArticleTime: Double? { newestTime.isFinite ? newestTime : nil }
}

/// One story's running state.
struct StoryState: Sendable {
    var centre = TermTable<Float>()
    var norm: Float = 0
    var first: Double?
    var last: Double?
    var count = 0
    var duplicates = 0
    var outlets: [String: Int] = [:]
    /// Terms already in the posting lists for this story.
    var indexed = Set<UInt64>()
    /// Whether the story is in the clusterer's list of indexed stories (the ones pruning visits).
    var listed = false
    /// Arrival number of its latest article.
    var lastArrival = 0
    /// The first members' headlines and vectors: the story's headline is the one closest to the centre.
    var headlineCandidates: [(headline: String, vector: [WeightedTerm])] = []

    /// The headline, fixed when the story expires and its centre is dropped.
    var frozenHeadline: String?

    static let maxHeadlineCandidates = 8

    init(_ vector: [WeightedTerm], _ profile: ArticleProfile) {
        add(vector, profile, centreTerms: Int.max / 2)
    }

    mutating func add(_ vector: [WeightedTerm], _ profile: ArticleProfile, centreTerms: Int) {
        for t in vector { centre[t.term, default: 0] += t.weight }
        if centre.count > 2 * centreTerms {
            var all: [(UInt64, Float)] = []
            centre.forEach { all.append(($0, $1)) }
            all.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            centre = TermTable(minimumCapacity: centreTerms)
            for (term, weight) in all.prefix(centreTerms) { centre[term] = weight }
        }
        var sum: Float = 0
        centre.forEach { _, w in sum += w * w }
        norm = sum.squareRoot()
        if let t = profile.time {
            first = min(first ?? t, t)
            last = max(last ?? t, t)
        }
        count += 1
        if let outlet = profile.outlet, !outlet.isEmpty { outlets[outlet, default: 0] += 1 }
        if headlineCandidates.count < Self.maxHeadlineCandidates, !profile.headline.isEmpty {
            headlineCandidates.append((profile.headline, Array(vector.prefix(20))))
        }
    }

    /// exp(−gap/decay), gap = how far `time` lies outside the story's span (0 inside it).
    func decayFactor(at time: Double?, decay: Double) -> Double {
        guard let time, let first, let last else { return 1 }
        let gap = time > last ? time - last : (time < first ? first - time : 0)
        return exp(-gap / decay)
    }

    func headline() -> String {
        if let frozenHeadline { return frozenHeadline }
        var best = ("", -Float.infinity)
        for candidate in headlineCandidates {
            var dot: Float = 0
            for t in candidate.vector { if let w = centre[t.term] { dot += t.weight * w } }
            if dot > best.1 { best = (candidate.headline, dot) }
        }
        return best.0
    }
}
