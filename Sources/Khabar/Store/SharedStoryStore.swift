import Foundation

/// A store that several desks (one per `khabar serve` process) share. Articles arrive through a
/// queue whose order is the arrival order; one desk at a time holds the placing lease, catches up
/// with what the others placed, and places the queue in order. Cleaning, analysis and extraction
/// stay with the desk that accepted the article, in parallel across desks.
///
/// A desk that dies holding the lease loses nothing: its transaction is rolled back, the lease
/// goes with its connection, and the next desk places what is still queued.
public protocol SharedStoryStore: StoryStore {
    /// Queues clean articles for placing, in this order; returns their queue ids and the highest
    /// arrival number stored when they were queued.
    /// The facts go along: whichever desk places the article does not extract them again.
    func enqueue(_ articles: [(article: CleanArticle, facts: ArticleFacts?, received: Double)]) throws -> QueueTicket
    /// Runs `body` holding the placing lease: at most one desk of all that share the store at once.
    func withPlacingLease<T>(_ body: () throws -> T) throws -> T
    /// Queued articles up to and including queue id `last` (all when nil), oldest first.
    func queued(upTo last: Int64?, limit: Int) throws -> [QueuedArticle]
    /// `commit`, and the placed queue entries dequeued in the same transaction.
    func commit(_ batch: PlacedBatch, dequeuing: [Int64]) throws
    /// Stored articles after arrival number `seq`, in arrival order.
    func forEachArticle(after seq: Int64, _ body: (StoredArticle) throws -> Void) throws
    /// Goes up with every commit and digest write, by any desk: a reader's cache is good while
    /// it stays the same.
    func changeCount() throws -> Int64
    /// Stories whose digest is behind and that nobody placed into for `seconds`: their desk died
    /// before remaking the digest, and another should.
    func abandonedStaleStories(unchangedFor seconds: Double) throws -> [Int]
}

public struct QueueTicket: Sendable {
    public var ids: [Int64]
    /// Articles with arrival numbers up to this one were stored before the queueing.
    public var storedBefore: Int64

    public init(ids: [Int64], storedBefore: Int64) {
        self.ids = ids
        self.storedBefore = storedBefore
    }
}

public struct QueuedArticle: Sendable {
    public var queueID: Int64
    public var article: CleanArticle
    public var facts: ArticleFacts?
    public var received: Double

    public init(queueID: Int64, article: CleanArticle, facts: ArticleFacts? = nil, received: Double) {
        self.queueID = queueID
        self.article = article
        self.facts = facts
        self.received = received
    }
}
