import Foundation
import Hummingbird

/// Threads of our own for the routes' store reads. The store protocol is synchronous, and a read
/// from PostgreSQL waits on the network: run on Swift's cooperative pool (one thread per core)
/// two slow reads would stall every other request. Requests that reach the routes run here
/// instead; those the read cache answers never leave the pool.
final class BlockingReadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "khabar-reads-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    private func work() {
        while true {
            let job: UnownedJob = condition.withLock {
                while jobs.isEmpty { condition.wait() }
                return jobs.removeFirst()
            }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

struct BlockingReadsMiddleware<Context: RequestContext>: RouterMiddleware {
    let executor: BlockingReadExecutor

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(executor) { try await next(request, context) }
    }
}
