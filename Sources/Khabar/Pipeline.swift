import Foundation

/// The order of Khabar's stages, in one place: read → clean (→ dedupe → cluster → extract →
/// summarise, as those stages land). The CLI and the server call this; stages never call each other.
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
        var pending: [ReadOutcome] = []
        func flush() {
            for outcome in cleanBatch(pending) { emit(outcome) }
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

    func cleanBatch(_ batch: [ReadOutcome]) -> [Result<CleanArticle, InputError>] {
        let cleaner = self.cleaner
        guard jobs > 1, batch.count > 1 else {
            return batch.map { $0.map(cleaner.clean) }
        }
        let results = UnsafeMutableBufferPointer<Result<CleanArticle, InputError>?>.allocate(capacity: batch.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let chunks = min(jobs, batch.count)
        let resultsBase = UncheckedSendable(results)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // Each worker writes only its own stripe of the buffer.
            var i = chunk
            while i < batch.count {
                resultsBase.value[i] = batch[i].map(cleaner.clean)
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
