import Foundation

/// What the desk keeps between the digests of its growing stories: a refresh sees the same
/// sentence pairs and quote pairs again, and judging them is the costliest step of finding
/// contradictions and merging quotes. Both depend on the two texts alone, so they are keyed by
/// the texts' 64-bit hashes.
public struct DigestMemos: Sendable {
    let claimChecks = PairMemo<ClaimDifference?>()
    let sameStatements = PairMemo<Bool>()

    public init() {}
}

/// Two 64-bit hashes, in order.
struct PairKey: Hashable, Sendable {
    let a: UInt64, b: UInt64
    init(_ a: UInt64, _ b: UInt64) { self.a = a; self.b = b }
}

/// Values of pairs kept for reuse, across threads. Two generations bound memory: when the newer
/// is full, the older is dropped (what is still used moves up on its next hit).
final class PairMemo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var newer: [PairKey: Value] = [:]
    private var older: [PairKey: Value] = [:]
    let capacity: Int

    init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    /// The kept value of `key`, or `make()`'s (made outside the lock, then kept).
    func value(for key: PairKey, make: () -> Value) -> Value {
        let kept: Value? = lock.withLock {
            if let hit = newer[key] { return hit }
            if let hit = older[key] {
                newer[key] = hit
                return hit
            }
            return nil
        }
        if let kept { return kept }
        let made = make()
        lock.withLock {
            if newer.count >= capacity {
                older = newer
                newer = [:]
            }
            newer[key] = made
        }
        return made
    }
}
