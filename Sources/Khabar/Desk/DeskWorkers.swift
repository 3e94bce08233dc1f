import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The desk's own threads for its bulk work (preparing articles, making digests), at a lower CPU
/// priority than the threads that answer requests: under a heavy ingest a story page or a search
/// still answers quickly, and the ingest takes the rest of the machine. Callers on several threads
/// share the workers; jobs run in the order they come.
final class DeskWorkers: Sendable {
    /// Jobs waiting for a worker; the workers hold this, not the `DeskWorkers`, so that they stop
    /// when the desk goes.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [@Sendable () -> Void] = []
        var stopped = false

        func add(_ job: @escaping @Sendable () -> Void) {
            condition.lock()
            jobs.append(job)
            condition.signal()
            condition.unlock()
        }

        func next() -> (@Sendable () -> Void)? {
            condition.lock()
            defer { condition.unlock() }
            while jobs.isEmpty && !stopped { condition.wait() }
            return stopped ? nil : jobs.removeFirst()
        }

        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }

    private let queue = Queue()
    let count: Int

    /// `count` threads, each `nice` steps below normal priority (Linux; elsewhere normal).
    init(count: Int, nice: Int32 = 5) {
        self.count = max(1, count)
        for n in 0..<self.count {
            let thread = Thread { [queue] in
                Self.lowerPriority(by: nice)
                while let job = queue.next() { job() }
            }
            thread.name = "khabar-desk-\(n)"
            thread.start()
        }
    }

    deinit { queue.stop() }

    /// `work(i)` for every i in 0..<count on the workers (each takes every n-th index); results in
    /// index order. Blocks the caller until all are done. `work` must not call `map` itself.
    func map<Output>(count: Int, _ work: @escaping @Sendable (Int) -> Output) -> [Output] {
        guard count > 0 else { return [] }
        let results = StripedResults<Output>(count: count, stripes: min(self.count, count))
        let done = DispatchGroup()
        for stripe in 0..<results.stripes {
            done.enter()
            queue.add {
                results.run(stripe: stripe, work)
                done.leave()
            }
        }
        done.wait()
        return results.values
    }

    /// Lowers the calling thread's priority: on Linux the nice value belongs to each thread, and
    /// `setpriority` on "process 0" sets the caller's.
    private static func lowerPriority(by nice: Int32) {
        #if os(Linux)
        guard nice > 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        #endif
    }
}
