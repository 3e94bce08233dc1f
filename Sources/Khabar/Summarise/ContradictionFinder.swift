import Foundation
import KhabarText

/// Where outlets disagree: aligned sentences (the same fact) of different outlets about the same
/// people and organisations that either say nearly the same words with one concrete difference the
/// relation judge flags (a number, a negation, an antonym), or date the same happening to
/// different days.
struct ContradictionFinder {
    let judge = RelationJudge()
    /// Sentences must be this close before differing dates count as a disagreement.
    var dateSimilarity: Float = 0.8
    /// Word overlap (the judge's similarity) two sentences need to be one statement with a number
    /// changed, and (higher: a negation is easily a paraphrase, "سيستمر" ~ "لن يتوقف") with a
    /// negation or antonym.
    var numberSimilarity = 0.6
    var polaritySimilarity = 0.8
    var limit = 10
    /// Claim checks kept from earlier digests (the desk's growing stories), if any.
    var memo: PairMemo<ClaimDifference?>?

    /// A sentence's words and analysis, made once however many pairs it is in.
    private struct Analysed {
        let words: [String]
        let relation: RelationText
    }

    func find(_ alignment: FactAlignment, members: [StoryMember]) -> [Contradiction] {
        guard limit > 0 else { return [] }
        let sentences = alignment.sentences
        var found: [Contradiction] = []
        // A pair of texts is looked at once (copies repeat sentences word for word). Texts are
        // keyed by their 64-bit hashes: hashing non-ASCII Strings is slow.
        var hashOfSentence = [UInt64?](repeating: nil, count: sentences.count)
        func textHash(_ i: Int) -> UInt64 {
            if let known = hashOfSentence[i] { return known }
            let made = TermHash.hash(sentences[i].text)
            hashOfSentence[i] = made
            return made
        }
        var seenPairs = Set<PairKey>()
        var analysed: [Int: Analysed] = [:]
        func analysis(_ i: Int) -> Analysed {
            if let known = analysed[i] { return known }
            let made = Analysed(words: words(sentences[i].text), relation: RelationText(sentences[i].text))
            analysed[i] = made
            return made
        }
        let outlets = members.map(\.outletName)
        var actorsOfSentence = [Set<Int>?](repeating: nil, count: sentences.count)
        func actors(_ i: Int) -> Set<Int> {
            if let known = actorsOfSentence[i] { return known }
            let made = self.actors(in: sentences[i], of: members[sentences[i].member])
            actorsOfSentence[i] = made
            return made
        }
        for i in sentences.indices {
            for partner in alignment.partners[i] where partner.sentence > i {
                let j = partner.sentence
                let ma = sentences[i].member, mb = sentences[j].member
                guard outlets[ma] != outlets[mb],
                      members[ma].duplicateOf != members[mb].article.id, members[mb].duplicateOf != members[ma].article.id else { continue }
                let (ha, hb) = (textHash(i), textHash(j))
                guard seenPairs.insert(PairKey(min(ha, hb), max(ha, hb))).inserted, actors(i) == actors(j) else { continue }
                let a = sentences[i], b = sentences[j]
                if let c = datesDiffer(a, members[ma], b, members[mb], similarity: partner.similarity)
                    ?? claimsDiffer(a, members[ma], b, members[mb], key: PairKey(ha, hb),
                                    analyse: { (analysis(i), analysis(j)) }) {
                    found.append(c)
                    // Only the first `limit` are listed.
                    if found.count == limit { return found }
                }
            }
        }
        return found
    }

    private func claimsDiffer(_ a: StorySentence, _ ma: StoryMember, _ b: StorySentence, _ mb: StoryMember,
                              key: PairKey, analyse: () -> (Analysed, Analysed)) -> Contradiction? {
        let difference: ClaimDifference?
        if let memo {
            difference = memo.value(for: key) {
                let (analysedA, analysedB) = analyse()
                return claimDifference(a.text, analysedA, b.text, analysedB)
            }
        } else {
            let (analysedA, analysedB) = analyse()
            difference = claimDifference(a.text, analysedA, b.text, analysedB)
        }
        guard let difference else { return nil }
        return Contradiction(fact: a.text, kind: difference.kind, values: [
            .init(value: difference.valueA, text: a.text, sources: [ma.article.id]),
            .init(value: difference.valueB, text: b.text, sources: [mb.article.id]),
        ])
    }

    /// What two aligned sentences of different outlets claim differently, from their texts alone.
    private func claimDifference(_ textA: String, _ analysedA: Analysed, _ textB: String, _ analysedB: Analysed) -> ClaimDifference? {
        // Spacing alone ("لادين" / "لا دين") changes nothing.
        guard analysedA.words.joined() != analysedB.words.joined() else { return nil }
        let judgement = judge.judge(analysedA.relation, analysedB.relation)
        guard judgement.relation == .contradicts, judgement.similarity >= numberSimilarity else { return nil }
        let kind: String
        let valueA: String, valueB: String
        if judgement.cues.contains(.number) {
            // One slot changed: exactly one number only on each side.
            let na = numbers(textA), nb = numbers(textB)
            let onlyA = na.filter { x in !nb.contains { Self.sameNumber(x, $0) } }
            let onlyB = nb.filter { x in !na.contains { Self.sameNumber(x, $0) } }
            guard onlyA.count == 1, onlyB.count == 1 else { return nil }
            kind = "number"
            valueA = onlyA.joined(separator: "، ")
            valueB = onlyB.joined(separator: "، ")
        } else if judgement.cues.contains(.negation) || judgement.cues.contains(.antonym) {
            guard judgement.similarity >= polaritySimilarity else { return nil }
            // A negation on one side only ("بعدم" and "من عدم" both negate).
            if judgement.cues.contains(.negation), !judgement.cues.contains(.antonym),
               negationCount(textA) == negationCount(textB) { return nil }
            kind = judgement.cues.contains(.negation) ? "negation" : "antonym"
            let wa = analysedA.words, wb = analysedB.words
            valueA = wa.filter { !wb.contains($0) }.prefix(6).joined(separator: " ")
            valueB = wb.filter { !wa.contains($0) }.prefix(6).joined(separator: " ")
        } else {
            return nil
        }
        guard !valueA.isEmpty || !valueB.isEmpty else { return nil }
        return ClaimDifference(kind: kind, valueA: valueA, valueB: valueB)
    }

    private func datesDiffer(_ a: StorySentence, _ ma: StoryMember, _ b: StorySentence, _ mb: StoryMember,
                             similarity: Float) -> Contradiction? {
        guard similarity >= dateSimilarity else { return nil }
        // One date each: a sentence with two dates tells two happenings, and which is which is unclear.
        // Written-out dates only: relative ones ("أمس", "الخميس") hang on publication times, which
        // feeds often give as crawl times, a day off.
        let da = days(in: a, of: ma, writtenOut: true), db = days(in: b, of: mb, writtenOut: true)
        guard da.count == 1, db.count == 1, da != db else { return nil }
        return Contradiction(fact: a.text, kind: "date", values: [
            .init(value: da.sorted().joined(separator: "، "), text: a.text, sources: [ma.article.id]),
            .init(value: db.sorted().joined(separator: "، "), text: b.text, sources: [mb.article.id]),
        ])
    }

    /// The people and organisations a sentence names (entity ids): a different actor is a different fact.
    private func actors(in sentence: StorySentence, of member: StoryMember) -> Set<Int> {
        Set(member.facts.mentions.compactMap { mention in
            guard mention.kind == .person || mention.kind == .organisation,
                  sentence.range.contains(mention.start) else { return nil }
            return mention.entity
        })
    }

    private func days(in sentence: StorySentence, of member: StoryMember, writtenOut: Bool) -> Set<String> {
        Set(member.facts.dates.compactMap { mention in
            guard !mention.isNow, sentence.range.contains(mention.start), let value = mention.value,
                  !writtenOut || mention.anchor == .absolute else { return nil }
            return TimelineBuilder.day(value)
        })
    }

    /// Two numbers as written are one value: equal once read (a comma or a point may group thousands
    /// or mark decimals: "1,733,581" = "1.733.581", "6,6" = "6.6"), or one a rounding of the other
    /// ("945" of "945.25").
    static func sameNumber(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = value(a), let y = value(b) else { return false }
        if x == y { return true }
        return (x.rounded() == x && y.rounded() == x) || (y.rounded() == y && x.rounded() == y)
    }

    /// A number's value: a separator followed by exactly three digits groups thousands; one
    /// followed by one or two digits marks decimals.
    static func value(_ text: String) -> Double? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "." || $0 == "٫" || $0 == "٬" })
        guard !parts.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        if parts.count == 1 { return Double(parts[0]) }
        if parts.dropFirst().allSatisfy({ $0.count == 3 }) { return Double(parts.joined()) }
        guard parts.count == 2 else { return nil }
        return Double(parts[0] + "." + parts[1])
    }

    /// Numbers as written, digits unified (١٧ = 17).
    private func numbers(_ text: String) -> [String] {
        Tokenizer.tokenize(text).filter { $0.kind == .number }.map(\.normalized)
    }

    static let negations: Set<String> = Set(RelationLexicon.negations.split(separator: " ").map {
        ArabicNormalizer.normalize(String($0), Tokenizer.wordOptions)
    })

    /// Negation particles, also with a clitic in front ("بعدم", "ولا").
    private func negationCount(_ text: String) -> Int {
        words(text).filter { word in
            Self.negations.contains(word)
                || (word.unicodeScalars.count > 2 && "وفبل".unicodeScalars.contains(word.unicodeScalars.first!)
                    && Self.negations.contains(String(word.unicodeScalars.dropFirst())))
        }.count
    }

    private func words(_ text: String) -> [String] {
        Tokenizer.tokenize(text).filter(\.isWord).map(\.normalized)
    }
}

/// What an aligned pair of sentences claims differently: a number, a negation or an antonym, with
/// each side's value.
struct ClaimDifference: Sendable {
    let kind: String
    let valueA: String
    let valueB: String
}
