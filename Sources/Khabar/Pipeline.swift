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
    /// articles to the story stages in input order, then groups entities across all articles, anchors
    /// the relative dates of undated articles in their story, and writes every story's digest, most
    /// important first. `onError` gets each input error; `onArticle` ticks once per input.
    public func digest(paths: [String], analyser: ArticleAnalyser = ArticleAnalyser(),
                       tracker: inout StoryTracker, digester: StoryDigester = StoryDigester(),
                       onError: (InputError) -> Void, onArticle: () -> Void = {}) -> Digest {
        let cleaner = self.cleaner
        let extractors = FactExtractorPool()
        var articles: [CleanArticle] = []
        var facts: [ArticleFacts] = []
        var catalog = EntityCatalog()
        // read → clean → analyse + extract (parallel), then dedupe → cluster (in order)
        process(paths: paths, { raw -> (CleanArticle, ArticleProfile, ArticleFacts) in
            var article = cleaner.clean(raw)
            let facts = extractors.extract(article)
            let profile = analyser.profile(article)
            // Every article is held to the end: the junk blocks, which no digest shows, are not.
            article.removed = []
            return (article, profile, facts)
        }, emit: { outcome in
            switch outcome {
            case .success(let (article, profile, found)):
                tracker.add(profile)
                // Entities across all articles, in arrival order (spelling variants merge as they
                // come), on this thread while the next batch is worked on.
                var found = found
                catalog.add(&found)
                articles.append(article)
                facts.append(found)
            case .failure(let error):
                onError(error)
            }
            onArticle()
        })
        let assignments = tracker.assignments()
        let stories = tracker.stories()
        var grouped: [Int: [Int]] = [:]
        for (i, assignment) in assignments.enumerated() { grouped[assignment.story, default: []].append(i) }
        let membersOf = grouped
        let dates = DateExtractor()
        let entities = catalog.all
        // One digest per story, across cores; each story's members are its own.
        let (cleaned, extracted) = (articles, facts)
        let results = Self.concurrentMap(count: stories.count, jobs: jobs) { k -> (StoryDigest, inferred: [(Int, PublishedDate)]) in
            let indices = membersOf[stories[k].id] ?? []
            var members = indices.map { i in
                StoryMember(article: cleaned[i], facts: extracted[i], duplicateOf: assignments[i].duplicateOf)
            }
            dates.anchorUndated(&members)
            let inferred = zip(indices, members).compactMap { i, m in m.inferredPublication.map { (i, $0) } }
            return (digester.digest(stories[k], members: members, entities: entities), inferred)
        }
        var listed = articles.indices.map { i in
            DigestArticle(article: articles[i], story: assignments[i].story, duplicateOf: assignments[i].duplicateOf)
        }
        for result in results {
            for (i, day) in result.inferred { listed[i].inferredPublication = day }
        }
        return Digest(stories: results.map(\.0), articles: listed)
    }

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

    /// `work(i)` for every i in 0..<count across `jobs` threads, each taking every jobs-th index;
    /// results in index order.
    public static func concurrentMap<Output>(count: Int, jobs: Int, _ work: @Sendable (Int) -> Output) -> [Output] {
        guard jobs > 1, count > 1 else { return (0..<count).map(work) }
        let results = ResultSlots<Output>(count: count)
        let stripes = min(jobs, count)
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            // Each worker fills only its own stripe of the slots.
            var i = stripe
            while i < count {
                results.set(i, work(i))
                i += stripes
            }
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
