/// What a token is made of.
public enum TokenKind: Sendable, Hashable {
    /// Arabic-script word (with any harakat, tatweel and joiners inside it).
    case arabic
    /// Word in Latin or any other non-Arabic script.
    case latin
    /// Digits, with single `.` `,` `٫` `٬` allowed between digits: 2.4, 1,500, ١٬٥٠٠.
    case number
    /// One punctuation character.
    case punctuation
    /// One symbol character (currency, maths, emoji…).
    case symbol
}

public struct Token: Sendable, Hashable {
    public let kind: TokenKind
    /// UTF-8 offsets in the tokenized text.
    public let range: Range<Int>
    /// The token as written in the input.
    public let text: String

    public init(kind: TokenKind, range: Range<Int>, text: String) {
        self.kind = kind
        self.range = range
        self.text = text
    }

    /// Matching form (`.matching`, Latin lower-cased): the same string `Tokenizer.words` yields.
    public var normalized: String { ArabicNormalizer.normalize(text, Tokenizer.wordOptions) }

    /// True for arabic, latin and number tokens.
    public var isWord: Bool { kind.isWord }
}

extension TokenKind {
    /// Arabic, Latin and number tokens carry words; punctuation and symbols do not.
    public var isWord: Bool {
        switch self {
        case .arabic, .latin, .number: return true
        case .punctuation, .symbol: return false
        }
    }
}

/// Splits text into words, numbers, punctuation and symbols.
///
/// Rules: whitespace and invisible marks separate tokens; a change of script or between letters
/// and digits ends a token, so "و1,500" is "و" + "1,500" and "sport24" is "sport" + "24";
/// an apostrophe between Latin letters stays inside the word ("don't"); every punctuation or
/// symbol character is a token of its own.
public enum Tokenizer {
    /// Options behind `words` and `Token.normalized`.
    public static let wordOptions: NormalizationOptions = NormalizationOptions.matching.union(.lowercaseLatin)

    public static func tokenize(_ text: String) -> [Token] {
        withUTF8Bytes(text) { bytes in
            var tokens: [Token] = []
            tokens.reserveCapacity(bytes.count / 5)
            forEachToken(in: bytes) { kind, range in
                let slice = UnsafeBufferPointer(rebasing: bytes[range])
                tokens.append(Token(kind: kind, range: range, text: String(decoding: slice, as: UTF8.self)))
            }
            return tokens
        }
    }

    /// Normalised words (arabic/latin/number tokens only, matching-normalised, Latin lowercased).
    public static func words(_ text: String) -> [String] {
        withUTF8Bytes(text) { bytes in
            var words: [String] = []
            words.reserveCapacity(bytes.count / 6)
            var scratch: [UInt8] = []
            scratch.reserveCapacity(64)
            let arabicTable = ArabicBlockTables.words
            forEachToken(in: bytes) { kind, range in
                guard kind.isWord else { return }
                words.append(ArabicNormalizer.normalize(UnsafeBufferPointer(rebasing: bytes[range]),
                                                        wordOptions, arabicTable: arabicTable, scratch: &scratch))
            }
            return words
        }
    }

    /// Allocation-light path for hot loops: calls body with kind and UTF-8 byte range for each token, no String creation.
    public static func forEachToken(in utf8: UnsafeBufferPointer<UInt8>, _ body: (TokenKind, Range<Int>) -> Void) {
        let classes = CharacterClassifier()
        var i = 0
        while let (kind, range) = nextToken(utf8, &i, classes) { body(kind, range) }
    }

    /// The next token at or after `i`, which moves past it; nil at the end. Loops that keep state
    /// of their own (`WordBuffer`) call this directly rather than pass a closure.
    @inline(__always)
    static func nextToken(_ utf8: UnsafeBufferPointer<UInt8>, _ i: inout Int,
                          _ classes: CharacterClassifier) -> (TokenKind, Range<Int>)? {
        let n = utf8.count
        while i < n {
            let start = i
            let (cls, length) = classify(utf8, i, classes)
            switch cls {
            case .separator, .arabicMark, .otherMark:
                i += length // stray marks with no letter before them are dropped
            case .arabicLetter:
                i = scanArabicWord(utf8, from: start + length, classes)
                return (.arabic, start..<i)
            case .otherLetter:
                i = scanOtherWord(utf8, from: start + length, classes)
                return (.latin, start..<i)
            case .digit:
                i = scanNumber(utf8, from: start + length, classes)
                return (.number, start..<i)
            case .punctuation:
                i += length
                return (.punctuation, start..<i)
            case .symbol:
                i += length
                return (.symbol, start..<i)
            }
        }
        return nil
    }

    /// Class and byte length of the scalar at `i`; the Arabic block is looked up without decoding.
    @inline(__always)
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ classes: CharacterClassifier) -> (CharacterClass, Int) {
        let b = bytes[i]
        if b &- 0xD8 < 4 { return (classes.arabicBlock[Int(b &- 0xD8) << 6 | Int(bytes[i + 1] & 0x3F)], 2) }
        let (value, length) = scalar(bytes, i)
        return (classes.classify(value), length)
    }

    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b = bytes[i]
        return b < 0x80 ? (UInt32(b), 1) : decodeScalar(bytes, at: i)
    }

    /// End of an Arabic word: letters and marks; trailing joiners (ZWNJ/ZWJ) are left out.
    @inline(__always)
    static func scanArabicWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                               _ classes: CharacterClassifier) -> Int {
        var j = start, end = start
        while j < bytes.count {
            // The Arabic block first, looked up without decoding: the bulk of every word.
            let b = bytes[j]
            if b &- 0xD8 < 4 {
                let cls = classes.arabicBlock[Int(b &- 0xD8) << 6 | Int(bytes[j + 1] & 0x3F)]
                guard cls == .arabicLetter || cls == .arabicMark else { break }
                j += 2
                end = j
                continue
            }
            let (value, length) = scalar(bytes, j)
            let cls = classes.classify(value)
            guard cls == .arabicLetter || cls == .arabicMark else { break }
            j += length
            if value != 0x200C && value != 0x200D { end = j }
        }
        return end
    }

    @inline(__always)
    static func scanOtherWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                               _ classes: CharacterClassifier) -> Int {
        var j = start
        while j < bytes.count {
            let (value, length) = scalar(bytes, j)
            let cls = classes.classify(value)
            if cls == .otherLetter || cls == .otherMark {
                j += length
            } else if value == 0x27 || value == 0x2019, j + length < bytes.count,
                      classes.classify(scalar(bytes, j + length).0) == .otherLetter {
                j += length // apostrophe inside a word: don't, O'Neil, l’ONU
            } else {
                break
            }
        }
        return j
    }

    @inline(__always)
    static func scanNumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                               _ classes: CharacterClassifier) -> Int {
        var j = start
        while j < bytes.count {
            let (value, length) = scalar(bytes, j)
            if classes.classify(value) == .digit {
                j += length
            } else if isNumberSeparator(value), j + length < bytes.count,
                      classes.classify(scalar(bytes, j + length).0) == .digit {
                j += length // only between two digits: "2.4", "1,500"; "2015." keeps its full stop apart
            } else {
                break
            }
        }
        return j
    }

    @inline(__always)
    static func isNumberSeparator(_ v: UInt32) -> Bool {
        v == 0x2E || v == 0x2C || v == 0x066B || v == 0x066C
    }
}
