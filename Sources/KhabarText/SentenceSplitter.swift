public struct Sentence: Sendable, Hashable {
    public let text: String
    /// UTF-8 offsets in the split text; leading and trailing whitespace is excluded.
    public let range: Range<Int>

    public init(text: String, range: Range<Int>) {
        self.text = text
        self.range = range
    }
}

/// Splits news text into sentences.
///
/// A sentence ends at a line break, or after `.` `!` `?` `؟` `۔` (plus any terminators and closing
/// quotes/brackets glued to it). Not a sentence end:
/// - a full stop inside a number (the tokenizer keeps "2.4" whole) or an ellipsis ("..." and "…"),
///   since Arabic writers use them as pauses;
/// - a full stop followed directly by a letter or digit ("أ.ف.ب", "example.com");
/// - a full stop after a one-letter abbreviation ("د." doctor, "م." engineer, "U.S.") or a Latin
///   title ("Dr.", "Mr."); but "م." / "هـ." right after a number is a year marker and may end a sentence;
/// - anything inside «…», “…”, "…" or (…) when the closing mark comes within
///   `maxQuotedBytes` on the same line.
public enum SentenceSplitter {
    /// How far (UTF-8 bytes, about 50 Arabic words) a closing quote may be for the quote to count as one unit.
    public static let maxQuotedBytes = 600

    public static func split(_ text: String) -> [Sentence] {
        withUTF8Bytes(text) { bytes in
            splitRanges(bytes).map { range in
                Sentence(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self),
                         range: range)
            }
        }
    }

    /// Sentence ranges over raw UTF-8, for callers that don't need the strings.
    public static func splitRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        splitRanges(bytes, TokenRanges(bytes))
    }

    /// The same, over `tokens` that the caller already has from `Tokenizer.tokenize` of these bytes
    /// (no second tokenizer pass).
    public static func splitRanges(_ bytes: UnsafeBufferPointer<UInt8>, tokens: [Token]) -> [Range<Int>] {
        splitRanges(bytes, tokens.lazy.map { ($0.kind, $0.range) })
    }

    /// `tokens`: each token's kind and range, in order.
    private static func splitRanges<Tokens: Sequence>(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: Tokens) -> [Range<Int>]
    where Tokens.Element == (TokenKind, Range<Int>) {
        var sentences: [Range<Int>] = []
        var sentenceStart: Int? = nil
        var sentenceEnd = 0
        var pendingBreak = false   // saw a terminator; closing quotes may still join the sentence
        var protectedUntil = 0     // terminators before this offset are inside a quote
        var previousEnd = 0
        var previous: (kind: TokenKind, range: Range<Int>)? = nil
        var beforePrevious: TokenKind? = nil

        func closeSentence() {
            if let start = sentenceStart { sentences.append(start..<sentenceEnd) }
            sentenceStart = nil
            pendingBreak = false
        }

        for (kind, range) in tokens {
            let gapIsEmpty = previousEnd == range.lowerBound
            let value = kind == .punctuation ? Tokenizer.scalar(bytes, range.lowerBound).0 : 0
            defer {
                beforePrevious = previous?.kind
                previous = (kind, range)
                previousEnd = range.upperBound
            }

            if sentenceStart != nil {
                if containsLineBreak(bytes, previousEnd..<range.lowerBound) {
                    closeSentence()
                } else if pendingBreak {
                    if gapIsEmpty, kind == .punctuation, isCloser(value) || isTerminator(value) {
                        sentenceEnd = range.upperBound
                        continue
                    }
                    closeSentence()
                }
            }
            if sentenceStart == nil { sentenceStart = range.lowerBound }
            sentenceEnd = range.upperBound
            guard kind == .punctuation, range.lowerBound >= protectedUntil else { continue }

            if let closer = closingMark(for: value) {
                if let closerEnd = findCloser(bytes, from: range.upperBound, opener: value, closer: closer) {
                    protectedUntil = closerEnd
                }
            } else if value == 0x2E {
                let followedByDot = range.upperBound < bytes.count && bytes[range.upperBound] == 0x2E
                let precededByDot = range.lowerBound > 0 && bytes[range.lowerBound - 1] == 0x2E
                if followedByDot || precededByDot { continue } // ellipsis
                if !endsAtBoundary(bytes, range.upperBound) { continue }
                if let previous, previous.range.upperBound == range.lowerBound,
                   isAbbreviation(bytes, previous.kind, previous.range, before: beforePrevious) { continue }
                pendingBreak = true
            } else if isTerminator(value) {
                pendingBreak = true
            }
        }
        closeSentence()
        return sentences
    }

    /// The tokenizer's (kind, range) pairs as a sequence.
    private struct TokenRanges: Sequence, IteratorProtocol {
        let bytes: UnsafeBufferPointer<UInt8>
        let classes = CharacterClassifier()
        var offset = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func next() -> (TokenKind, Range<Int>)? { Tokenizer.nextToken(bytes, &offset, classes) }
    }

    // MARK: - Rules

    @inline(__always)
    static func isTerminator(_ v: UInt32) -> Bool {
        v == 0x2E || v == 0x21 || v == 0x3F || v == 0x061F || v == 0x06D4
    }

    @inline(__always)
    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0xBB, 0x201D, 0x22, 0x27, 0x2019, 0x29, 0x5D, 0x7D, 0x203A, 0x2033: return true
        default: return false
        }
    }

    /// The mark that closes `opener`, or nil when `opener` opens nothing.
    @inline(__always)
    static func closingMark(for opener: UInt32) -> UInt32? {
        switch opener {
        case 0xAB: return 0xBB         // « »
        case 0x201C: return 0x201D     // “ ”
        case 0x22: return 0x22         // " "
        case 0x28: return 0x29         // ( )
        default: return nil
        }
    }

    /// End offset of the matching closer within `maxQuotedBytes` on the same line, else nil.
    static func findCloser(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                           opener: UInt32, closer: UInt32) -> Int? {
        let limit = min(bytes.count, start + maxQuotedBytes)
        var j = start
        while j < limit {
            let (value, length) = Tokenizer.scalar(bytes, j)
            if value == closer { return j + length }
            if value == opener || isLineBreak(value) { return nil } // unbalanced or runs past the line
            j += length
        }
        return nil
    }

    /// A full stop ends a sentence only when followed by space, the end, or closing/terminal punctuation.
    static func endsAtBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        if offset >= bytes.count { return true }
        let value = Tokenizer.scalar(bytes, offset).0
        switch CharacterClass.of(value) {
        case .separator: return true
        case .punctuation: return isCloser(value) || isTerminator(value)
        default: return false
        }
    }

    /// One-letter Arabic or Latin abbreviations and common Latin titles.
    static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, _ kind: TokenKind, _ range: Range<Int>,
                               before: TokenKind?) -> Bool {
        switch kind {
        case .arabic:
            var letters = 0
            var firstLetter: UInt32 = 0
            var j = range.lowerBound
            while j < range.upperBound {
                let (value, length) = Tokenizer.scalar(bytes, j)
                if CharacterClass.of(value) == .arabicLetter {
                    letters += 1
                    if letters == 1 { firstLetter = value }
                }
                j += length
            }
            guard letters == 1 else { return false }
            // "2015م." / "1436هـ." : calendar marker after a year, a normal place for a sentence to end.
            let isCalendarMarker = firstLetter == 0x0645 || firstLetter == 0x0647
            return !(isCalendarMarker && before == .number)
        case .latin:
            if range.count == 1 { return true }
            guard range.count <= 5 else { return false }
            var word = ""
            for k in range { word.unicodeScalars.append(Unicode.Scalar(bytes[k] | 0x20)) }
            return latinTitles.contains(word)
        default:
            return false
        }
    }

    static let latinTitles: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "capt", "sgt", "gov",
        "sen", "rep", "no", "vs", "inc", "ltd", "co", "corp", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    ]

    @inline(__always)
    static func isLineBreak(_ v: UInt32) -> Bool {
        v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    static func containsLineBreak(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var j = range.lowerBound
        while j < range.upperBound {
            let (value, length) = Tokenizer.scalar(bytes, j)
            if isLineBreak(value) { return true }
            j += length
        }
        return false
    }
}
