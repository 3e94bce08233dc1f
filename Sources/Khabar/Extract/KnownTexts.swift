import Foundation

/// Values worked out from short UTF-8 texts (tokens), kept so that each distinct text is worked out
/// once: news repeats its words (في, الرئيس, .), and normalising and hashing every occurrence again
/// was a large part of extraction. A hit is confirmed byte for byte, so a hash collision cannot hand
/// one text another's value.
///
/// Memory stays bounded with two generations of at most `capacity` texts each: when the current one
/// is full it becomes the previous one (the one before is dropped), and a text found only in the
/// previous one moves to the current one. Frequent words so stay, rare ones age out.
struct KnownTexts<Value> {
    let capacity: Int
    private var current: Generation
    private var previous: Generation

    init(capacity: Int) {
        self.capacity = capacity
        current = Generation(capacity: capacity)
        previous = Generation(capacity: capacity)
    }

    mutating func lookup(_ text: UnsafeBufferPointer<UInt8>) -> Value? {
        let hash = TermHash.hash(text)
        if let value = current.lookup(text, hash: hash) { return value }
        guard let value = previous.lookup(text, hash: hash) else { return nil }
        insert(text, hash: hash, value)
        return value
    }

    mutating func insert(_ text: UnsafeBufferPointer<UInt8>, _ value: Value) {
        insert(text, hash: TermHash.hash(text), value)
    }

    private mutating func insert(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64, _ value: Value) {
        if current.count >= capacity {
            swap(&current, &previous)
            current.removeAll()
        }
        current.insert(text, hash: hash, value)
    }

    private struct Generation {
        /// Text hash → index in `values`.
        private var index: TermTable<Int32>
        private var values: [Value] = []
        /// The texts back to back; value k's is `texts[textStarts[k]..<textStarts[k + 1]]`.
        private var texts: [UInt8] = []
        private var textStarts: [Int] = [0]

        init(capacity: Int) { index = TermTable<Int32>(minimumCapacity: capacity) }

        var count: Int { values.count }

        func lookup(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
            guard let k = index[hash].map(Int.init) else { return nil }
            let start = textStarts[k], end = textStarts[k + 1]
            guard end - start == text.count else { return nil }
            let same = text.isEmpty || texts.withUnsafeBufferPointer { texts in
                memcmp(texts.baseAddress! + start, text.baseAddress!, text.count) == 0
            }
            return same ? values[k] : nil
        }

        /// Adds `text` unless its hash is taken (by a colliding text, which then stays uncached).
        mutating func insert(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64, _ value: Value) {
            guard index[hash] == nil else { return }
            index[hash] = Int32(values.count)
            values.append(value)
            texts.append(contentsOf: text)
            textStarts.append(texts.count)
        }

        mutating func removeAll() {
            index.removeAll()
            values.removeAll(keepingCapacity: true)
            texts.removeAll(keepingCapacity: true)
            textStarts.removeAll(keepingCapacity: true)
            textStarts.append(0)
        }
    }
}
