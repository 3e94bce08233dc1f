import KhabarText

/// Finds place names the tagger has never seen, after it has run: a facility or place head noun
/// (قاعدة، ميناء، مطار، محطة، مدينة، جزيرة …) followed by a word the tagger left O that no general
/// vocabulary knows ("قاعدة فوستوتشني", "ميناء فوستوتشني"). Such a word is almost always a
/// transliterated proper name: Arabic common nouns and adjectives after a head ("قاعدة عسكرية")
/// are in the background vocabulary of 11k news articles, and foreign names that common are
/// usually in the tagger's training data or gazetteer already.
///
/// Then one sense per document: other untagged occurrences of a name found this way (with or
/// without a one-letter clitic: "في فوستوتشني", "بفوستوتشني") are the same place.
struct PlaceNameRule {
    /// Whether a (matching-normalised) word is an ordinary word of the language.
    let isKnownWord: (String) -> Bool

    /// How many unknown words in a row one name may take ("سان بطرسبرغ" style names).
    static let longestName = 3

    /// Indefinite head nouns that name a place or facility by the proper name after them. Not حي
    /// ("alive" as often as "district") nor شبه ("similar").
    static let heads: Set<String> = Set("""
        قاعدة ميناء مرفأ مطار محطة مدينة بلدة قرية منطقة جزيرة إقليم مقاطعة ولاية محافظة قضاء ناحية
        نهر جبل جبال بحيرة خليج مضيق ساحل صحراء وادي سهل هضبة بحر شارع ميدان ساحة معبر مخيم سد قلعة
        مفاعل منشأة مصفاة حقل
        """.split(whereSeparator: \.isWhitespace).map { ArabicNormalizer.normalize(String($0), Tokenizer.wordOptions) })

    /// One-letter proclitics that may be glued to a head or a name (وقاعدة، بمطار، لفوستوتشني).
    static let clitics: Set<Character> = ["و", "ب", "ل", "ف", "ك"]

    /// With the background table that ships with Khabar: a word is known when its light stem is
    /// in at least the table's minimum number of background documents (stop words count as known).
    init(background: BackgroundFrequencies = .shipped) {
        self.init { word in
            var known = true
            Tokenizer.forEachNormalizedWord(in: word) { kind, bytes in
                guard let stem = ArticleAnalyser.contentStem(kind, bytes) else { return }
                known = background.frequency(of: TermHash.hash(stem)) > 0
            }
            return known
        }
    }

    init(isKnownWord: @escaping (String) -> Bool) {
        self.isKnownWord = isKnownWord
    }

    /// Tags the names it finds in one document's tokens as LOC; `tags` holds one tag per token.
    func apply(to tokens: [Token], tags: inout [EntityTag]) {
        apply(to: BodyWords(tokens: tokens), tags: &tags)
    }

    func apply(to body: BodyWords, tags: inout [EntityTag]) {
        let tokens = body.tokens
        let normalized = tokens.indices.map { tokens[$0].kind == .arabic ? body.forms[$0] : "" }
        var names: Set<String> = []
        var i = 0
        while i + 1 < tokens.count {
            guard tags[i] == .outside, isHead(tokens[i].kind == .arabic ? body.keys[i] : .empty) else { i += 1; continue }
            var end = i + 1
            while end < tokens.count, end - i <= Self.longestName, tags[end] == .outside,
                  looksLikeUnknownName(normalized[end]) {
                end += 1
            }
            if end > i + 1 {
                tag(i + 1..<end, in: &tags)
                names.insert(normalized[(i + 1)..<end].joined(separator: " "))
            }
            i = end
        }
        guard !names.isEmpty else { return }
        // The same names elsewhere in the document, where the tagger left them O.
        let longest = names.map { $0.split(separator: " ").count }.max() ?? 1
        i = 0
        while i < tokens.count {
            let match = (1...longest).reversed().first { length in
                i + length <= tokens.count && tags[i..<(i + length)].allSatisfy { $0 == .outside }
                    && names.contains(Self.withoutClitic(normalized[i..<(i + length)].joined(separator: " "), names))
            }
            if let length = match { tag(i..<(i + length), in: &tags); i += length } else { i += 1 }
        }
    }

    private func tag(_ range: Range<Int>, in tags: inout [EntityTag]) {
        for k in range { tags[k] = k == range.lowerBound ? .begin(.location) : .inside(.location) }
    }

    private func isHead(_ word: String) -> Bool {
        Self.heads.contains(word) || (word.count > 3 && Self.clitics.contains(word.first!) && Self.heads.contains(String(word.dropFirst())))
    }

    /// `isHead` on a word's key: asked of every untagged token, so by hash.
    private func isHead(_ word: WordKey) -> Bool {
        Self.headHashes.contains(word.hash)
            || (word.count > 3 && Self.cliticScalars.contains(word.first) && Self.headHashes.contains(word.tailHash))
    }

    private static let headHashes = HashedWords(heads)
    /// `clitics` as scalars, in an Array: asked for most words, and five comparisons are cheaper
    /// than hashing into a Set.
    static let cliticScalars: [UInt32] = clitics.map { $0.unicodeScalars.first!.value }.sorted()

    /// An Arabic word of three letters or more that the background vocabulary does not know, without
    /// the article ال (definite words after a head are its adjectives: "قاعدة الفضاء") and without the
    /// feminine nisba ending ية (a rare adjective: "محطة كهرومائية"; normalised ة is ه).
    func looksLikeUnknownName(_ word: String) -> Bool {
        word.count >= 3 && !word.hasPrefix("ال") && !word.hasSuffix("يه") && !isKnownWord(word)
    }

    /// `text` as a known name, or `text` without a one-letter clitic when that is one.
    static func withoutClitic(_ text: String, _ names: Set<String>) -> String {
        guard !names.contains(text), let first = text.first, clitics.contains(first) else { return text }
        return String(text.dropFirst())
    }
}
