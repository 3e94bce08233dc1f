import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The desk's own threads for its bulk work (preparing articles, making digests), at a lower CPU
/// priority than the threads that answer requests: under a heavy ingest a story page or a search
/// still answers quickly, and the ingest takes the rest of the machine.
///
/// Several callers share the workers fairly: the workers take one item at a time from each
/// caller's work in turn, so a long digest refresh does not hold up the next batch's preparation
/// (nor the other way round).
final class DeskWorkers: Sendable {
    /// One caller's items: the next index to hand out, how many are still running or waiting.
    private final class Work: @unchecked Sendable {
        let count: Int
        let item: @Sendable (Int) -> Void
        var next = 0
        var unfinished: Int
        let finished = DispatchSemaphore(value: 0)

        init(count: Int, item: @escaping @Sendable (Int) -> Void) {
            self.count = count
            self.item = item
            unfinished = count
        }
    }

    /// The callers' work in turn; the workers hold this, not the `DeskWorkers`, so that they stop
    /// when the desk goes.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var works: [Work] = []
        var turn = 0
        var stopped = false

        func add(_ work: Work) {
            condition.lock()
            works.append(work)
            condition.broadcast()
            condition.unlock()
        }

        /// The next item, taking callers in turn; nil once stopped.
        func next() -> (Work, Int)? {
            condition.lock()
            defer { condition.unlock() }
            while !stopped {
                if let k = (0..<works.count).lazy.map({ (self.turn + $0) % self.works.count })
                    .first(where: { self.works[$0].next < self.works[$0].count }) {
                    let work = works[k]
                    let index = work.next
                    work.next += 1
                    turn = k + 1
                    return (work, index)
                }
                condition.wait()
            }
            return nil
        }

        func finished(_ work: Work) {
            condition.lock()
            work.unfinished -= 1
            let done = work.unfinished == 0
            if done { works.removeAll { $0 === work } }
            condition.unlock()
            if done { work.finished.signal() }
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
                while let (work, index) = queue.next() {
                    work.item(index)
                    queue.finished(work)
                }
            }
            thread.name = "khabar-desk-\(n)"
            thread.start()
        }
    }

    deinit { queue.stop() }

    /// `work(i)` for every i in 0..<count on the workers; results in index order. Blocks the
    /// caller until all are done. `work` must not call `map` itself.
    func map<Output>(count: Int, _ work: @escaping @Sendable (Int) -> Output) -> [Output] {
        guard count > 0 else { return [] }
        let results = ResultSlots<Output>(count: count)
        let items = Work(count: count) { i in results.set(i, work(i)) }
        queue.add(items)
        items.finished.wait()
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
