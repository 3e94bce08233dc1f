import Foundation
import KhabarText

/// One line of input text, the unit the cleaner keeps or removes. Carries the forms every rule needs
/// so that no rule normalises or tokenises again.
struct Block {
    /// Position among the non-empty lines of the article.
    let index: Int
    /// The line for display: spaces and invisible marks cleaned, letters as written.
    var text: String
    /// The line as split. `text` may be shortened later (an inline dateline cut off); the key stays
    /// that of the whole line.
    let line: String
    /// Matching-normalised words (Arabic, Latin, numbers), in order.
    let words: BlockWords
    /// The start of the matching key (see `key`), normalised when the line was split.
    let keyHead: KeyHead
    /// A blank line came before this one (paragraph structure of the source).
    let blankBefore: Bool

    var wordCount: Int { words.count }

    /// Matching form: letters folded, marks and diacritics removed, Latin lower-cased. Most rules
    /// only test how it starts (`keyMayStart`); the whole key is built for the few that go on.
    var key: String {
        keyHead.isWhole ? keyHead.withBytes { String(decoding: $0, as: UTF8.self) }
            : ArabicNormalizer.normalize(line, Tokenizer.wordOptions)
    }

    /// Calls `body` with the whole key's UTF-8.
    func withKey<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if keyHead.isWhole { return keyHead.withBytes(body) }
        return withUTF8Bytes(key, body)
    }

    /// The key when it is at most `maxBytes` long, else nil.
    func key(ifAtMost maxBytes: Int) -> String? {
        // The head is a prefix of the key: when it is too long, so is the key.
        if keyHead.count > maxBytes { return nil }
        let whole = key
        return whole.utf8.count <= maxBytes ? whole : nil
    }

    /// False when the key surely starts with none of `prefixes`; true when one may match and the
    /// rule has to look at the whole key.
    func keyMayStart(withAnyOf prefixes: PrefixList) -> Bool {
        keyHead.withBytes { prefixes.mayStart($0, headIsWhole: keyHead.isWhole) }
    }

    /// The last visible scalar, ignoring closing quotes and brackets.
    var lastSignificantScalar: Unicode.Scalar? {
        for s in text.unicodeScalars.reversed() {
            switch s {
            case " ", "\"", "'", "»", "”", "’", ")", "]", "*", "\u{201C}": continue
            default: return s
            }
        }
        return nil
    }

    /// Ends like a sentence does (period, question or exclamation mark, colon of a quote intro).
    var endsLikeSentence: Bool {
        guard let s = lastSignificantScalar else { return false }
        return s == "." || s == "؟" || s == "?" || s == "!" || s == "…" || s == "؛"
    }

    /// Share of letters that are Arabic.
    var arabicRatio: Double { ArabicScript.arabicLetterRatio(text) }

    /// Content words: not stop words, not numbers, at least two letters; stemmed.
    var contentStems: [StemKey] {
        let buffer = words.article.words
        return words.range.compactMap { k in
            buffer.withWord(k) { w in
                // Scalars are counted by their lead bytes.
                guard w.lazy.filter({ $0 & 0xC0 != 0x80 }).count >= 2, !StopWords.isStopWord(utf8: w),
                      !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(w[0]) else { return nil }
                return StemKey(UnsafeBufferPointer(rebasing: w[LightStemmer.stemRange(w)]))
            }
        }
    }
}

/// A stem as sets of stems compare it: equal when the Strings would be equal (canonically
/// equivalent), hashed from UTF-8 held inline. Hashing a String normalises it first, which made
/// the cohesion sets one of the costliest steps.
struct StemKey: Hashable {
    // Up to 16 bytes inline (stems are short), a String for the rest.
    private let low: UInt64, high: UInt64
    private let long: String?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // ASCII and the Arabic block have no canonical equivalents among normalised words (their
        // marks are stripped), so their bytes decide; anything else is compared in NFC.
        if bytes.count <= 16, bytes.allSatisfy({ $0 < 0xC0 || ($0 >= 0xD8 && $0 <= 0xDB) }) {
            var low: UInt64 = 0, high: UInt64 = 0
            for (k, b) in bytes.enumerated() {
                if k < 8 { low |= UInt64(b) << (8 * UInt64(k)) } else { high |= UInt64(b) << (8 * UInt64(k - 8)) }
            }
            (self.low, self.high, self.long) = (low, high, nil)
        } else {
            (self.low, self.high) = (0, 0)
            self.long = String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping
        }
    }
}

/// What the splitter computed for a whole article, shared by its blocks: every line's words in one
/// buffer and every line's key head in another, instead of Strings per word and per line.
final class ArticleForms {
    let words: WordBuffer
    let keyHeads: [UInt8]
    init(words: WordBuffer, keyHeads: [UInt8]) {
        self.words = words
        self.keyHeads = keyHeads
    }
}

/// The first bytes of a line's matching key.
struct KeyHead {
    /// Lines are normalised this far for the key head: past the longest prefix a rule tests.
    static let sourceBytes = 128

    let article: ArticleForms
    let range: Range<Int>
    /// The head is the whole key (the line was short).
    let isWhole: Bool

    var count: Int { range.count }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        article.keyHeads.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}

/// The words of one block: a run of the article's word buffer.
struct BlockWords {
    let article: ArticleForms
    /// Word indices in `article.words`.
    let range: Range<Int>

    var count: Int { range.count }

    /// The words as Strings, for the few rules that compare them as text.
    var strings: [String] { range.map(article.words.string) }

    /// The first word as a String.
    var first: String? { range.isEmpty ? nil : article.words.string(range.lowerBound) }

    /// The same words, byte for byte (how lines were always compared for repeats).
    func sameWords(as other: BlockWords) -> Bool {
        withBytes { mine in other.withBytes { mine.elementsEqual($0) } }
    }

    /// Calls `body` with the words' bytes, each word followed by a space: equal runs of words
    /// have equal bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let span = article.words.span(of: range)
        return try article.words.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[span])) }
    }
}

enum BlockSplitter {
    /// Splits text into non-empty lines, display-normalised and trimmed, remembering blank lines.
    static func split(_ text: String) -> [Block] {
        var lines: [(text: String, words: Range<Int>, keyHead: Range<Int>, keyIsWhole: Bool, blankBefore: Bool)] = []
        var words = WordBuffer()
        var keyHeads: [UInt8] = []
        var blank = false
        withUTF8Bytes(text) { raw in
            // The display form is only sliced into lines, so it needs no String of its own.
            ArabicNormalizer.normalizedUTF8(raw, .display) { normalized in
                let bytes = normalized ?? raw
                var start = 0
                while start <= bytes.count {
                    var end = start
                    while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
                    // Trimmed on bytes, so that each line becomes one String.
                    if let (from, to) = Whitespace.trimmedBounds(bytes[start..<end]) {
                        let lineBytes = UnsafeBufferPointer(rebasing: bytes[from..<to])
                        let firstWord = words.count
                        words.append(wordsOf: lineBytes)
                        // The key head: the line's first bytes, cut where a scalar starts.
                        var headEnd = min(lineBytes.count, KeyHead.sourceBytes)
                        while headEnd < lineBytes.count, lineBytes[headEnd] & 0xC0 == 0x80 { headEnd += 1 }
                        let headStart = keyHeads.count
                        ArabicNormalizer.append(UnsafeBufferPointer(rebasing: lineBytes[..<headEnd]), Tokenizer.wordOptions, to: &keyHeads)
                        lines.append((String(decoding: lineBytes, as: UTF8.self), firstWord..<words.count,
                                      headStart..<keyHeads.count, headEnd == lineBytes.count, blank))
                        blank = false
                    } else {
                        blank = true
                    }
                    // "\r\n" counts as one break.
                    if end + 1 < bytes.count, bytes[end] == 0x0D, bytes[end + 1] == 0x0A { end += 1 }
                    start = end + 1
                }
            }
        }
        let article = ArticleForms(words: words, keyHeads: keyHeads)
        return lines.enumerated().map { index, line in
            Block(index: index, text: line.text, line: line.text, words: BlockWords(article: article, range: line.words),
                  keyHead: KeyHead(article: article, range: line.keyHead, isWhole: line.keyIsWhole),
                  blankBefore: line.blankBefore)
        }
    }
}

extension String {
    /// Trims spaces, tabs and line breaks at both ends, on UTF-8 bytes (the cleaner trims every
    /// line; display normalisation has already turned other spaces into plain ones).
    func trimmingWhitespace() -> String {
        guard let (start, end) = Whitespace.trimmedBounds(utf8) else { return "" }
        if start == utf8.startIndex && end == utf8.endIndex { return self }
        return String(self[start..<end])
    }
}

extension String {
    /// Prefix test on UTF-8 bytes. Keys are normalised already, so bytes decide; String.hasPrefix
    /// would compare grapheme by grapheme.
    func hasBytePrefix(_ prefix: String) -> Bool {
        utf8.count >= prefix.utf8.count && utf8.starts(with: prefix.utf8)
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        guard let (start, end) = Whitespace.trimmedBounds(utf8) else { return "" }
        return String(self[start..<end])
    }
}

enum Whitespace {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The bounds without leading and trailing ASCII whitespace; nil when nothing is left.
    static func trimmedBounds<View: BidirectionalCollection>(_ bytes: View) -> (View.Index, View.Index)? where View.Element == UInt8 {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start {
            let before = bytes.index(before: end)
            guard isSpace(bytes[before]) else { break }
            end = before
        }
        return start < end ? (start, end) : nil
    }
}
