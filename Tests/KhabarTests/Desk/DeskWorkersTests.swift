import Foundation
import Testing
@testable import Khabar

@Suite("Desk workers")
struct DeskWorkersTests {
    @Test func resultsComeInIndexOrder() {
        let workers = DeskWorkers(count: 2)
        #expect(workers.map(count: 1000) { $0 * $0 } == (0..<1000).map { $0 * $0 })
        #expect(workers.map(count: 0) { $0 }.isEmpty)
    }

    /// A long map (a digest refresh) and a short one started after it (a batch to prepare): the
    /// workers take items from both in turn, so the short one finishes long before the long one.
    @Test func callersShareTheWorkersInTurn() throws {
        let workers = DeskWorkers(count: 2)
        let longDone = Date.Box(), shortDone = Date.Box()
        // Callers on threads of their own, as the desk's ingest calls are.
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            _ = workers.map(count: 200) { i -> Int in Thread.sleep(forTimeInterval: 0.005); return i }
            longDone.set()
            group.leave()
        }
        Thread.sleep(forTimeInterval: 0.05) // the long map is under way
        group.enter()
        Thread.detachNewThread {
            _ = workers.map(count: 10) { i -> Int in Thread.sleep(forTimeInterval: 0.005); return i }
            shortDone.set()
            group.leave()
        }
        group.wait()
        let long = try #require(longDone.value), short = try #require(shortDone.value)
        // In turn: the short map's 10 items take about 10 long items' time; first come, first
        // served would have made it wait for all 200.
        #expect(short < long.addingTimeInterval(-0.2))
    }

    #if os(Linux)
    @Test func workersRunBelowNormalPriority() {
        let workers = DeskWorkers(count: 1, nice: 5)
        let nice = workers.map(count: 1) { _ in getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        #expect(nice == [5])
    }
    #endif
}

extension Date {
    /// When something happened, set from another thread.
    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var date: Date?
        func set() { lock.withLock { date = Date() } }
        var value: Date? { lock.withLock { date } }
    }
}
