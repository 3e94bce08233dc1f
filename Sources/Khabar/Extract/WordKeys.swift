import KhabarText

/// What the extract rules ask of one word's matching form, worked out once from its UTF-8 bytes:
/// its hash (the lexicons are `TermHash` tables, not `Set<String>`: hashing or comparing non-ASCII
/// Strings normalises Unicode first and dominated the extract profile), its length in Characters,
/// its first Character when that is one scalar, and the hash without that first Character.
///
/// Byte equality stands in for String equality here. The two agree on these words: matching
/// normalisation strips every Arabic combining mark, so an Arabic form is already in NFC and no
/// other spelling of it is canonically equivalent; the lexicons' Latin keys are lower-case ASCII.
struct WordKey {
    var hash: UInt64
    /// The form without its first Character (`String(form.dropFirst())`); 0 for an empty form.
    var tailHash: UInt64
    /// The first Character's scalar when that Character is a single scalar, else 0.
    var first: UInt32
    /// `form.count` (Characters).
    var count: Int
    /// Every scalar of the form is a Character of its own (`standsAlone`), so byte offsets of
    /// scalars are offsets of Characters.
    var scalarsStandAlone: Bool

    static let empty = WordKey(hash: TermHash.hash(""), tailHash: 0, first: 0, count: 0, scalarsStandAlone: true)

    init(hash: UInt64, tailHash: UInt64, first: UInt32, count: Int, scalarsStandAlone: Bool) {
        self.hash = hash
        self.tailHash = tailHash
        self.first = first
        self.count = count
        self.scalarsStandAlone = scalarsStandAlone
    }

    init(_ form: String) {
        var copy = form
        self = copy.withUTF8 { bytes in
            WordKey(simple: bytes) ?? WordKey(complex: form, bytes)
        }
    }

    /// Bytes whose scalars are each a Character of their own (the common case), or nil.
    private init?(simple w: UnsafeBufferPointer<UInt8>) {
        var i = 0, count = 0, firstLength = 0, first: UInt32 = 0
        while i < w.count {
            let (value, length) = Self.scalar(w, i)
            guard Self.standsAlone(value) else { return nil }
            if count == 0 { first = value; firstLength = length }
            count += 1
            i += length
        }
        hash = TermHash.hash(w)
        tailHash = count == 0 ? 0 : TermHash.hash(UnsafeBufferPointer(rebasing: w[firstLength...]))
        self.first = first
        self.count = count
        scalarsStandAlone = true
    }

    /// The String way, for forms with combining or joined scalars (rare after normalisation).
    private init(complex form: String, _ w: UnsafeBufferPointer<UInt8>) {
        hash = TermHash.hash(w)
        count = form.count
        tailHash = form.isEmpty ? 0 : TermHash.hash(String(form.dropFirst()))
        let scalars = form.first.map { Array($0.unicodeScalars) } ?? []
        first = scalars.count == 1 ? scalars[0].value : 0
        scalarsStandAlone = false
    }

    /// True when `value` never joins the scalar before or after it into one Character: printable
    /// ASCII, and the Arabic block except its combining marks, prepended signs and the letter mark.
    @inline(__always)
    static func standsAlone(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x20 && value < 0x7F }
        guard value >= 0x0606, value <= 0x06FF else { return false }
        switch value {
        case 0x0610...0x061A, 0x061C, 0x064B...0x065F, 0x0670, 0x06D6...0x06DD, 0x06DF...0x06E4,
             0x06E7...0x06E8, 0x06EA...0x06ED:
            return false
        default:
            return true
        }
    }

    @inline(__always)
    static func scalar(_ w: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b = w[i]
        if b < 0x80 { return (UInt32(b), 1) }
        if b & 0xE0 == 0xC0, i + 1 < w.count { return (UInt32(b & 0x1F) << 6 | UInt32(w[i + 1] & 0x3F), 2) }
        return (0xFFFF_FFFF, 1) // longer sequences: not a scalar `standsAlone` accepts
    }
}

/// A set of matching-normalised words looked up by `TermHash`.
struct HashedWords: Sendable {
    private let table: TermTable<Bool>

    init<Words: Sequence>(_ words: Words) where Words.Element == String {
        var table = TermTable<Bool>(minimumCapacity: 64)
        for word in words { table[TermHash.hash(word)] = true }
        self.table = table
    }

    @inline(__always)
    func contains(_ hash: UInt64) -> Bool { table[hash] != nil }
}

/// A table from matching-normalised words to values, looked up by `TermHash`.
struct HashedTable<Value: Sendable>: Sendable {
    private let table: TermTable<Value>

    init(_ pairs: [String: Value]) {
        var table = TermTable<Value>(minimumCapacity: max(16, pairs.count))
        for (word, value) in pairs { table[TermHash.hash(word)] = value }
        self.table = table
    }

    @inline(__always)
    subscript(hash: UInt64) -> Value? { table[hash] }
}

/// The tokens of one article body with their matching forms and keys, worked out once and shared
/// by the entity rules, the date grammar and the quote rules (each used to tokenize and normalise
/// the body again).
struct BodyWords {
    let tokens: [Token]
    /// `Token.normalized` for words; the text as written for punctuation and symbols (the date
    /// grammar's forms; the other rules read only the words').
    let forms: [String]
    let keys: [WordKey]

    init(_ body: String) {
        self.init(tokens: Tokenizer.tokenize(body))
    }

    init(tokens: [Token]) {
        self.tokens = tokens
        forms = tokens.map { $0.isWord ? $0.normalized : $0.text }
        keys = forms.map(WordKey.init)
    }

    /// The same, with the forms and keys of words already seen taken from `known` (the fact
    /// extractor keeps it across articles: normalising each word again was the cost here).
    init(tokens: [Token], known: inout KnownTexts<(form: String, key: WordKey)>) {
        self.tokens = tokens
        var forms: [String] = [], keys: [WordKey] = []
        forms.reserveCapacity(tokens.count)
        keys.reserveCapacity(tokens.count)
        for token in tokens {
            guard token.isWord else {
                forms.append(token.text)
                keys.append(WordKey(token.text))
                continue
            }
            // A word's form depends on its text alone (`Token.normalized`).
            let word = withUTF8Bytes(token.text) { text in
                if let word = known.lookup(text) { return word }
                let form = token.normalized
                let word = (form: form, key: WordKey(form))
                known.insert(text, word)
                return word
            }
            forms.append(word.form)
            keys.append(word.key)
        }
        self.forms = forms
        self.keys = keys
    }

    var count: Int { tokens.count }

    /// The key of token `i` as the rules that blank out non-words see it ("" for punctuation).
    @inline(__always)
    func wordKey(_ i: Int) -> WordKey { tokens[i].isWord ? keys[i] : .empty }
}
