/// Document memory for the second pass: a name is often tagged right where its context is clear
/// ("المدرب الفرنسي أرسين فينغر") and missed where it is not ("يرجع إلى فينغر"). Per token, the code
/// says what the first pass tagged the other occurrences of the same clitic-stripped word as, within
/// blocks of `blockSize` consecutive sentences (ANERcorp has no document breaks; news articles are
/// about that long).
enum EntityMemory {
    static let blockSize = 40

    /// `stripped[s][i]`, `tags[s][i]`: the stripped-word hashes and first-pass tags of each sentence.
    /// Code 0 = the word occurs nowhere else; else 1 + the majority among the other occurrences
    /// (0 = O, 1 + kind), plus 8 when the other occurrences disagree.
    static func codes(stripped: [[UInt64]], tags: [[EntityTag]]) -> [[UInt8]] {
        var codes: [[UInt8]] = stripped.map { [UInt8](repeating: 0, count: $0.count) }
        var blockStart = 0
        while blockStart < stripped.count {
            let block = blockStart..<min(stripped.count, blockStart + blockSize)
            // Per word: counts of O and of each kind over the block.
            // (A SIMD value, not an array: no allocation per word.)
            var counts = TermTable<SIMD8<Int32>>(minimumCapacity: 1024)
            for s in block {
                for (i, word) in stripped[s].enumerated() {
                    counts[word, default: .zero][tags[s][i].kind.map { $0.rawValue + 1 } ?? 0] += 1
                }
            }
            for s in block {
                for (i, word) in stripped[s].enumerated() {
                    guard var others = counts[word] else { continue }
                    others[tags[s][i].kind.map { $0.rawValue + 1 } ?? 0] -= 1 // not itself
                    let total = others.wrappedSum()
                    guard total > 0 else { continue }
                    var majority = 0
                    for k in 1..<5 where others[k] > others[majority] { majority = k }
                    codes[s][i] = UInt8(1 + majority) | (others[majority] < total ? 8 : 0)
                }
            }
            blockStart = block.upperBound
        }
        return codes
    }
}
