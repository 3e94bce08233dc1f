/// Normalised text that remembers, byte by byte, where it came from in the original.
///
/// Normalisation drops characters (harakat, bidi marks) and replaces others, so offsets shift.
/// Search the normalised `text`, then map hits back to the original for display or highlighting.
public struct MappedText: Sendable {
    /// The normalised text.
    public let text: String
    /// UTF-8 length of the original text.
    public let originalUTF8Count: Int
    /// `offsets[k]` = original UTF-8 offset of normalised byte `k`; one extra entry for the end.
    /// `nil` when normalisation changed nothing (identity mapping).
    private let offsets: [Int32]?

    init(text: String, originalUTF8Count: Int, offsets: [Int32]) {
        self.text = text
        self.originalUTF8Count = originalUTF8Count
        self.offsets = offsets
    }

    init(identity text: String, utf8Count: Int) {
        self.text = text
        self.originalUTF8Count = utf8Count
        self.offsets = nil
    }

    /// UTF-8 length of `text`.
    public var utf8Count: Int { offsets.map { $0.count - 1 } ?? originalUTF8Count }

    /// For each UTF-8 offset in `text` (0...text.utf8.count), the UTF-8 offset in the original it came from.
    /// Bytes of a replaced or expanded character all map to that character's start.
    public func originalOffset(_ normalizedUTF8Offset: Int) -> Int {
        precondition(normalizedUTF8Offset >= 0 && normalizedUTF8Offset <= utf8Count, "offset out of range")
        guard let offsets else { return normalizedUTF8Offset }
        return Int(offsets[normalizedUTF8Offset])
    }

    /// The original range a normalised range came from. Characters dropped right after the range
    /// (e.g. the harakat on its last letter) are included; a range ending inside the expansion of
    /// one original character (e.g. half of ﻻ → لا) is widened to cover that whole character.
    public func originalRange(_ normalizedUTF8Range: Range<Int>) -> Range<Int> {
        guard let offsets else { return normalizedUTF8Range }
        let lower = originalOffset(normalizedUTF8Range.lowerBound)
        if normalizedUTF8Range.isEmpty { return lower..<lower }
        var end = normalizedUTF8Range.upperBound
        precondition(end <= utf8Count, "range out of bounds")
        let lastSource = offsets[end - 1]
        while end < utf8Count, offsets[end] == lastSource { end += 1 }
        return lower..<Int(offsets[end])
    }

    /// The first normalised offset whose source is at or after `originalUTF8Offset` (inverse mapping).
    public func normalizedOffset(forOriginal originalUTF8Offset: Int) -> Int {
        guard let offsets else { return originalUTF8Offset }
        var low = 0, high = offsets.count - 1
        while low < high {
            let mid = (low + high) / 2
            if Int(offsets[mid]) < originalUTF8Offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
