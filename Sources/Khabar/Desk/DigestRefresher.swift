import Foundation

/// Remakes touched stories' digests a moment after they change (debounced): a burst of articles
/// into one story costs one digest, and a story page is never more than `delay` plus one digest
/// behind its articles. Under a heavy ingest the wait grows with the last refresh's duration, so
/// digests take at most about a third of the machine and ingest keeps the rest.
public final class DigestRefresher: @unchecked Sendable {
    public let desk: StoryDesk
    public let delay: Double
    private let queue = DispatchQueue(label: "khabar.digests", qos: .utility)
    private let lock = NSLock()
    private var scheduled = false
    private var lastDuration = 0.0
    /// The first change since the last refresh started, and the first change the running refresh
    /// is digesting: what `lagSeconds` measures from.
    private var pendingSince: Date?
    private var refreshingSince: Date?
    /// One refresh at a time here too (the desk serialises them anyway), so the bookkeeping of
    /// a flush and a scheduled refresh never crosses.
    private let oneRefresh = NSLock()

    /// Starts with one refresh once the desk has replayed its store (digests left stale by a crash).
    public init(desk: StoryDesk, delay: Double = 1.0) {
        self.desk = desk
        self.delay = delay
        // Stories another desk on a shared store left without a digest.
        desk.onStoriesChanged = { [weak self] in self?.storiesChanged() }
        queue.async { [self] in
            desk.waitUntilReady()
            if !desk.staleStories.isEmpty { storiesChanged() }
        }
    }

    /// Call after an ingest: schedules one refresh unless one is already due.
    public func storiesChanged() {
        lock.lock()
        defer { lock.unlock() }
        if pendingSince == nil { pendingSince = Date() }
        guard !scheduled else { return }
        scheduled = true
        queue.asyncAfter(deadline: .now() + max(delay, 2 * lastDuration)) { [self] in
            // The refresh blocks for as long as the digests take: on a thread of its own, not
            // one of the shared pool's.
            Thread.detachNewThread { [self] in
                lock.withLock { scheduled = false }
                let started = Date()
                refresh()
                lock.withLock { lastDuration = Date().timeIntervalSince(started) }
            }
        }
    }

    /// Refreshes now, on the caller's thread (shutdown, `khabar ingest`).
    public func flush() {
        queue.sync {}
        refresh()
    }

    /// Seconds since the oldest story change that no finished refresh has digested yet; 0 when
    /// every change is in a digest.
    public var lagSeconds: Double {
        lock.withLock {
            let oldest = [refreshingSince, pendingSince].compactMap { $0 }.min()
            return oldest.map { max(0, Date().timeIntervalSince($0)) } ?? 0
        }
    }

    /// One refresh: the changes noted so far are its own until it ends; later ones wait for the next.
    private func refresh() {
        oneRefresh.lock()
        defer { oneRefresh.unlock() }
        lock.withLock {
            refreshingSince = pendingSince
            pendingSince = nil
        }
        desk.refreshDigests()
        lock.withLock { refreshingSince = nil }
    }
}
