import Foundation

/// The order of Khabar's stages, in one place: read → clean → analyse → dedupe → cluster →
/// extract → summarise. The CLI and the server call this; stages never
/// call each other. Reading, dedupe and clustering are sequential; cleaning and analysis of each
/// batch run across `jobs` cores.
public struct Pipeline: Sendable {
    public var reader: InputReader
    public var cleaner: Cleaner
    /// Articles cleaned at once across cores; order of output is always the input order.
    public var batchSize = 512
    /// Articles between two looks for stories a digest run can write and let go (the indexes
    /// prune at this pace too).
    var finishedStoriesCheck = 4096
    public var jobs: Int

    public init(reader: InputReader = InputReader(), cleaner: Cleaner = Cleaner(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.reader = reader
        self.cleaner = cleaner
        self.jobs = max(1, jobs)
    }

    /// Reads and cleans every input; `emit` gets each article or input error, in input order.
    public func clean(paths: [String], emit: (Result<CleanArticle, InputError>) -> Void) {
        let cleaner = self.cleaner
        process(paths: paths, cleaner.clean, emit: emit)
    }

    /// Reads, cleans and extracts the facts of every input (across cores); `emit` gets each article
    /// with its facts (entities not yet in a catalog), or an input error, in input order.
    public func extract(paths: [String], emit: (Result<(CleanArticle, ArticleFacts), InputError>) -> Void) {
        let cleaner = self.cleaner
        let extractors = FactExtractorPool()
        process(paths: paths, { raw -> (CleanArticle, ArticleFacts) in
            let article = cleaner.clean(raw)
            return (article, extractors.extract(article))
        }, emit: emit)
    }

    /// Reads, cleans and analyses every input, then feeds the articles to `tracker` in input order
    /// (dedupe, then clustering). `emit` gets each article's clean form and first assignment, or an
    /// input error, in input order.
    public func track(paths: [String], analyser: ArticleAnalyser, into tracker: inout StoryTracker,
                      emit: (Result<(CleanArticle, StoryAssignment), InputError>) -> Void) {
        let cleaner = self.cleaner
        process(paths: paths, { raw -> (CleanArticle, ArticleProfile) in
            let article = cleaner.clean(raw)
            return (article, analyser.profile(article))
        }, emit: { outcome in
            emit(outcome.map { article, profile in (article, tracker.add(profile)) })
        })
    }

    /// The whole pipeline: reads, cleans, analyses and extracts every input (across cores), feeds the
    /// articles to the story stages in input order, groups entities across all articles, anchors
    /// the relative dates of undated articles in their story, and digests every story, most
    /// important first. `onError` gets each input error; `onArticle` ticks once per input. The
    /// whole digest is held in memory (what the Markdown and HTML pages need); `spilledDigest`
    /// gives the JSON document in bounded memory.
    public func digest(paths: [String], analyser: ArticleAnalyser = ArticleAnalyser(),
                       tracker: inout StoryTracker, digester: StoryDigester = StoryDigester(),
                       onError: (InputError) -> Void, onArticle: () -> Void = {}) -> Digest {
        var stories: [Int: StoryDigest] = [:]
        var articles: [Int: DigestArticle] = [:]
        let end = digestStories(paths: paths, analyser: analyser, tracker: &tracker, digester: digester,
                                onError: onError, onArticle: onArticle, finish: { story, members in (story, members) },
                                take: { finished in
            for (story, members) in finished {
                stories[story.id] = story
                for (index, article) in members { articles[index] = article }
            }
        })
        return Digest(stories: end.ranked.compactMap { summary in stories[summary.id].map { end.settled($0, summary) } },
                      articles: articles.keys.sorted().map { articles[$0]! })
    }

    /// The same run as `digest`, for the JSON document: each story's digest and its articles go
    /// to an unlinked temporary file in `directory` as soon as the story can change no more (it
    /// left the live window), so memory holds the live window's articles, not all of them.
    public func spilledDigest(paths: [String], analyser: ArticleAnalyser = ArticleAnalyser(),
                              tracker: inout StoryTracker, digester: StoryDigester = StoryDigester(),
                              directory: String = NSTemporaryDirectory(),
                              onError: (InputError) -> Void, onArticle: () -> Void = {}) throws -> SpilledDigest {
        let spill = try SpilledDigest(directory: directory)
        let end = digestStories(paths: paths, analyser: analyser, tracker: &tracker, digester: digester,
                                onError: onError, onArticle: onArticle, finish: SpilledDigest.render,
                                take: { spill.append($0) })
        try spill.seal(ranked: end.ranked, entities: end.entities, finishedEarly: end.finishedEarly,
                        mostArticlesHeld: end.mostArticlesHeld)
        return spill
    }

    /// What a digest run knows only at its end: the ranking (importance decays up to the newest
    /// article) and each entity's kind (the one most of its mentions carry, over the whole run).
    struct DigestRunEnd {
        var ranked: [StorySummary]
        var entities: [CatalogEntity]
        /// Stories digested before the end of the input, and the most articles held at once.
        var finishedEarly: Int
        var mostArticlesHeld: Int

        /// A story digested before the end, with the run's final importance and entity kinds.
        func settled(_ story: StoryDigest, _ summary: StorySummary) -> StoryDigest {
            var story = story
            story.importance = summary.importance
            for i in story.entities.indices {
                if let entity = StoryDigester.entity(story.entities[i].id, in: entities) { story.entities[i].kind = entity.kind }
            }
            return story
        }
    }

    /// The digest run's core. Each story is digested (across cores) once it can change no more —
    /// it left the clusterer's live window and the copy index forgot its articles — or at the end;
    /// `finish` turns it and its articles into `Finished` on a worker, `take` gets those in order
    /// on this thread, and the story's articles and facts are let go.
    func digestStories<Finished>(paths: [String], analyser: ArticleAnalyser, tracker: inout StoryTracker,
                                 digester: StoryDigester, onError: (InputError) -> Void, onArticle: () -> Void,
                                 finish: @escaping @Sendable (StoryDigest, [(index: Int, article: DigestArticle)]) -> Finished,
                                 take: ([Finished]) -> Void) -> DigestRunEnd {
        let cleaner = self.cleaner
        let extractors = FactExtractorPool()
        var held: [Int: (article: CleanArticle, facts: ArticleFacts)] = [:]
        var catalog = EntityCatalog()
        var finishedEarly = 0, mostHeld = 0
        tracker.reportsFinishedStories = true
        let dates = DateExtractor()
        func digestFinished(_ stories: [(story: Int, members: [Int])], tracker: StoryTracker) {
            // Largest first, so that no slice ends on one long story while the other cores wait;
            // in slices, so that what a slice makes before it is taken stays small.
            let all = stories.sorted { $0.members.count > $1.members.count || ($0.members.count == $1.members.count && $0.story < $1.story) }
            for slice in stride(from: 0, to: all.count, by: Self.storiesPerSlice) {
                digestSlice(Array(all[slice..<min(all.count, slice + Self.storiesPerSlice)]), tracker: tracker)
            }
        }
        func digestSlice(_ finished: [(story: Int, members: [Int])], tracker: StoryTracker) {
            let entities = catalog.all
            let stories = finished.map { tracker.summary(ofStory: $0.story) }
            let members = finished.map { $0.members.map { i in (i, held[i]!, tracker.assignment(i).duplicateOf) } }
            let results = Self.concurrentMap(count: finished.count, jobs: jobs) { k -> Finished in
                var storyMembers = members[k].map { _, kept, duplicateOf in
                    StoryMember(article: kept.article, facts: kept.facts, duplicateOf: duplicateOf)
                }
                dates.anchorUndated(&storyMembers)
                let digest = digester.digest(stories[k], members: storyMembers, entities: entities)
                let articles = zip(members[k], storyMembers).map { member, storyMember in
                    (member.0, DigestArticle(article: member.1.article, story: stories[k].id,
                                             duplicateOf: member.2, inferredPublication: storyMember.inferredPublication))
                }
                return finish(digest, articles)
            }
            for story in finished { for i in story.members { held[i] = nil } }
            take(results)
        }
        // read → clean → analyse + extract (parallel), then dedupe → cluster (in order)
        process(paths: paths, { raw -> (CleanArticle, ArticleProfile, ArticleFacts) in
            var article = cleaner.clean(raw)
            let facts = extractors.extract(article)
            let profile = analyser.profile(article)
            // Articles are held until their story is digested: the junk blocks, which no digest
            // shows, are not.
            article.removed = []
            return (article, profile, facts)
        }, emit: { outcome in
            switch outcome {
            case .success(let (article, profile, found)):
                let index = tracker.articleCount
                tracker.add(profile)
                // Entities across all articles, in arrival order (spelling variants merge as they
                // come), on this thread while the next batch is worked on.
                var found = found
                catalog.add(&found)
                held[index] = (article, found)
                mostHeld = max(mostHeld, held.count)
                if (index + 1) % finishedStoriesCheck == 0 {
                    let finished = tracker.takeFinishedStories()
                    finishedEarly += finished.count
                    digestFinished(finished, tracker: tracker)
                }
            case .failure(let error):
                onError(error)
            }
            onArticle()
        })
        digestFinished(tracker.takeRemainingStories(), tracker: tracker)
        return DigestRunEnd(ranked: tracker.stories(), entities: catalog.all,
                            finishedEarly: finishedEarly, mostArticlesHeld: mostHeld)
    }

    /// Stories digested at once across cores.
    static let storiesPerSlice = 256

    /// Reads every input in batches of `batchSize`, runs `work` on each batch across `jobs` cores,
    /// and hands the results (or input errors) to `emit` in input order.
    ///
    /// With more than one job the stages overlap: while batch k is emitted (the order-dependent
    /// part: dedupe, clustering, writing) on this thread, batch k+1 is already being worked on and
    /// batch k+2 read. At most two batches are in flight, so memory stays bounded.
    func process<Output>(paths: [String], _ work: @escaping @Sendable (RawArticle) -> Output,
                         emit: (Result<Output, InputError>) -> Void) {
        var pending: [ReadOutcome] = []
        pending.reserveCapacity(batchSize)
        guard jobs > 1 else {
            func flush() {
                for outcome in mapBatch(pending, work) { emit(outcome) }
                pending.removeAll(keepingCapacity: true)
            }
            reader.read(paths: paths) { outcome in
                pending.append(outcome)
                if pending.count >= batchSize { flush() }
            }
            flush()
            return
        }
        var inFlight: BatchInFlight<Output>?
        func finish(_ batch: BatchInFlight<Output>?) {
            guard let batch else { return }
            for outcome in batch.wait() { emit(outcome) }
        }
        let jobs = self.jobs
        func dispatch() {
            let next = BatchInFlight(pending, jobs: jobs, work)
            pending = []
            pending.reserveCapacity(batchSize)
            finish(inFlight)
            inFlight = next
        }
        reader.read(paths: paths) { outcome in
            pending.append(outcome)
            if pending.count >= batchSize { dispatch() }
        }
        if !pending.isEmpty { dispatch() }
        finish(inFlight)
    }

    /// Cleans one article (for callers that already hold a `RawArticle`).
    public func clean(_ raw: RawArticle) -> CleanArticle { cleaner.clean(raw) }

    /// `work` over every article of a batch, across `jobs` cores; results in batch order.
    func mapBatch<Output>(_ batch: [ReadOutcome], _ work: @Sendable (RawArticle) -> Output) -> [Result<Output, InputError>] {
        Self.concurrentMap(count: batch.count, jobs: jobs) { batch[$0].map(work) }
    }

    /// `work(i)` for every i in 0..<count across `jobs` threads, each taking the next index not yet taken;
    /// results in index order.
    public static func concurrentMap<Output>(count: Int, jobs: Int, _ work: @Sendable (Int) -> Output) -> [Output] {
        guard jobs > 1, count > 1 else { return (0..<count).map(work) }
        let results = ResultSlots<Output>(count: count)
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
            // Each worker takes the next item not yet taken: one long item (a large story) does
            // not leave the other cores idle behind a fixed share.
            while let i = next.take(below: count) { results.set(i, work(i)) }
        }
        return results.values
    }
}

/// One batch being worked on across cores in the background; `wait` gives its results in order.
final class BatchInFlight<Output>: @unchecked Sendable {
    private let done = DispatchGroup()
    private let slots: ResultSlots<Result<Output, InputError>>

    /// One thread per stripe of the batch. Not GCD: the CLI's caller already holds one of the
    /// default pool's threads (one per core), so pool blocks would leave a core idle.
    init(_ batch: [ReadOutcome], jobs: Int, _ work: @escaping @Sendable (RawArticle) -> Output) {
        let slots = ResultSlots<Result<Output, InputError>>(count: batch.count)
        self.slots = slots
        let stripes = max(1, min(jobs, batch.count))
        for stripe in 0..<stripes {
            done.enter()
            let thread = Thread { [done] in
                var i = stripe
                while i < batch.count {
                    slots.set(i, batch[i].map(work))
                    i += stripes
                }
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The batch's results in order, once every stripe is done.
    func wait() -> [Result<Output, InputError>] {
        done.wait()
        return slots.values
    }
}

/// A counter the workers of `concurrentMap` share.
final class NextIndex: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < count else { return nil }
        value += 1
        return value - 1
    }
}

/// One slot per index that several threads fill, each slot by one thread only; read back in
/// index order once all are filled.
final class ResultSlots<Output>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Output?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    // Deinitialise before freeing: the results hold strings and arrays that would otherwise leak.
    deinit {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }

    func set(_ i: Int, _ value: Output) { buffer[i] = value }

    var values: [Output] { buffer.map { $0! } }
}
