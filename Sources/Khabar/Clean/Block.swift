import KhabarText

/// One line of input text, the unit the cleaner keeps or removes. Carries the forms every rule needs
/// so that no rule normalises or tokenises again.
struct Block {
    /// Position among the non-empty lines of the article.
    let index: Int
    /// The line for display: spaces and invisible marks cleaned, letters as written.
    var text: String
    /// Matching form: letters folded, marks and diacritics removed, Latin lower-cased.
    let key: String
    /// Matching-normalised words (Arabic, Latin, numbers), in order.
    let words: BlockWords
    /// A blank line came before this one (paragraph structure of the source).
    let blankBefore: Bool

    var wordCount: Int { words.count }

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
    var contentStems: [String] {
        let buffer = words.article.buffer
        return words.range.compactMap { k in
            buffer.withWord(k) { w in
                // Scalars are counted by their lead bytes.
                guard w.lazy.filter({ $0 & 0xC0 != 0x80 }).count >= 2, !StopWords.isStopWord(utf8: w),
                      !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(w[0]) else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: w[LightStemmer.stemRange(w)]), as: UTF8.self)
            }
        }
    }
}

/// All the words of one article, shared by its blocks (one buffer instead of a String per word).
final class ArticleWords {
    let buffer: WordBuffer
    init(_ buffer: WordBuffer) { self.buffer = buffer }
}

/// The words of one block: a run of the article's word buffer.
struct BlockWords {
    let article: ArticleWords
    /// Word indices in `article.buffer`.
    let range: Range<Int>

    var count: Int { range.count }

    /// The words as Strings, for the few rules that compare them as text.
    var strings: [String] { range.map(article.buffer.string) }

    /// The first word as a String.
    var first: String? { range.isEmpty ? nil : article.buffer.string(range.lowerBound) }

    /// The same words, byte for byte (how lines were always compared for repeats).
    func sameWords(as other: BlockWords) -> Bool {
        withBytes { mine in other.withBytes { mine.elementsEqual($0) } }
    }

    /// Calls `body` with the words' bytes, each word followed by a space: equal runs of words
    /// have equal bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let span = article.buffer.span(of: range)
        return try article.buffer.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[span])) }
    }
}

enum BlockSplitter {
    /// Splits text into non-empty lines, display-normalised and trimmed, remembering blank lines.
    static func split(_ text: String) -> [Block] {
        var lines: [(text: String, key: String, words: Range<Int>, blankBefore: Bool)] = []
        var words = WordBuffer()
        var blank = false
        var display = ArabicNormalizer.normalize(text, .display)
        display.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
                // Trimmed on bytes, so that each line becomes one String.
                if let (from, to) = Whitespace.trimmedBounds(bytes[start..<end]) {
                    let lineBytes = UnsafeBufferPointer(rebasing: bytes[from..<to])
                    let line = String(decoding: lineBytes, as: UTF8.self)
                    let firstWord = words.count
                    words.append(wordsOf: lineBytes)
                    lines.append((line, ArabicNormalizer.normalize(line, Tokenizer.wordOptions), firstWord..<words.count, blank))
                    blank = false
                } else {
                    blank = true
                }
                // "\r\n" counts as one break.
                if end + 1 < bytes.count, bytes[end] == 0x0D, bytes[end + 1] == 0x0A { end += 1 }
                start = end + 1
            }
        }
        let article = ArticleWords(words)
        return lines.enumerated().map { index, line in
            Block(index: index, text: line.text, key: line.key, words: BlockWords(article: article, range: line.words),
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
