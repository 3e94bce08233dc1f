import Foundation

/// The order of Khabar's stages, in one place: read → clean → analyse → dedupe → cluster
/// (→ extract → summarise, as those stages land). The CLI and the server call this; stages never
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

    /// Reads every input in batches of `batchSize`, runs `work` on each batch across `jobs` cores,
    /// and hands the results (or input errors) to `emit` in input order.
    func process<Output>(paths: [String], _ work: @Sendable (RawArticle) -> Output,
                         emit: (Result<Output, InputError>) -> Void) {
        var pending: [ReadOutcome] = []
        func flush() {
            for outcome in mapBatch(pending, work) { emit(outcome) }
            pending.removeAll(keepingCapacity: true)
        }
        reader.read(paths: paths) { outcome in
            pending.append(outcome)
            if pending.count >= batchSize { flush() }
        }
        flush()
    }

    /// Cleans one article (for callers that already hold a `RawArticle`).
    public func clean(_ raw: RawArticle) -> CleanArticle { cleaner.clean(raw) }

    /// `work` over every article of a batch, across `jobs` cores; results in batch order.
    func mapBatch<Output>(_ batch: [ReadOutcome], _ work: @Sendable (RawArticle) -> Output) -> [Result<Output, InputError>] {
        guard jobs > 1, batch.count > 1 else {
            return batch.map { $0.map(work) }
        }
        let results = UnsafeMutableBufferPointer<Result<Output, InputError>?>.allocate(capacity: batch.count)
        results.initialize(repeating: nil)
        // Deinitialise before freeing: the results hold strings and arrays that would otherwise leak.
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        let chunks = min(jobs, batch.count)
        let resultsBase = UncheckedSendable(results)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // Each worker writes only its own stripe of the buffer.
            var i = chunk
            while i < batch.count {
                resultsBase.value[i] = batch[i].map(work)
                i += chunks
            }
        }
        return results.map { $0! }
    }
}

/// Wraps a value the compiler cannot prove is safe to share, where the code above guarantees it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
