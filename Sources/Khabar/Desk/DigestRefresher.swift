import Foundation

/// Remakes touched stories' digests a moment after they change (debounced): a burst of articles
/// into one story costs one digest, and a story page is never more than `delay` plus one digest
/// behind its articles.
public final class DigestRefresher: @unchecked Sendable {
    public let desk: StoryDesk
    public let delay: Double
    private let queue = DispatchQueue(label: "khabar.digests", qos: .utility)
    private let lock = NSLock()
    private var scheduled = false

    public init(desk: StoryDesk, delay: Double = 1.0) {
        self.desk = desk
        self.delay = delay
    }

    /// Call after an ingest: schedules one refresh unless one is already due.
    public func storiesChanged() {
        lock.lock()
        defer { lock.unlock() }
        guard !scheduled else { return }
        scheduled = true
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            lock.lock()
            scheduled = false
            lock.unlock()
            desk.refreshDigests()
        }
    }

    /// Refreshes now, on the caller's thread (shutdown, `khabar ingest`).
    public func flush() {
        queue.sync {}
        desk.refreshDigests()
    }
}
