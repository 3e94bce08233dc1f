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
    let words: [String]
    /// A blank line came before this one (paragraph structure of the source).
    let blankBefore: Bool

    init(index: Int, text: String, blankBefore: Bool) {
        self.index = index
        self.text = text
        self.key = ArabicNormalizer.normalize(text, Tokenizer.wordOptions)
        self.words = Tokenizer.words(text)
        self.blankBefore = blankBefore
    }

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
        words.compactMap { w in
            guard w.unicodeScalars.count >= 2, !StopWords.isStopWord(w),
                  let f = w.unicodeScalars.first, !("0"..."9").contains(f) else { return nil }
            return LightStemmer.stem(w)
        }
    }
}

enum BlockSplitter {
    /// Splits text into non-empty lines, display-normalised and trimmed, remembering blank lines.
    static func split(_ text: String) -> [Block] {
        var blocks: [Block] = []
        var blank = false
        var display = ArabicNormalizer.normalize(text, .display)
        display.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                let trimmed = line.trimmingWhitespace()
                if trimmed.isEmpty {
                    blank = true
                } else {
                    blocks.append(Block(index: blocks.count, text: trimmed, blankBefore: blank))
                    blank = false
                }
                // "\r\n" counts as one break.
                if end + 1 < bytes.count, bytes[end] == 0x0D, bytes[end + 1] == 0x0A { end += 1 }
                start = end + 1
            }
        }
        return blocks
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
