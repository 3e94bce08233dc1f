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

    func find(_ alignment: FactAlignment, members: [StoryMember]) -> [Contradiction] {
        let sentences = alignment.sentences
        var found: [Contradiction] = []
        var seenPairs = Set<String>()
        for i in sentences.indices {
            for partner in alignment.partners[i] where partner.sentence > i {
                let j = partner.sentence
                let a = sentences[i], b = sentences[j]
                let memberA = members[a.member], memberB = members[b.member]
                guard memberA.outletName != memberB.outletName,
                      memberA.duplicateOf != memberB.article.id, memberB.duplicateOf != memberA.article.id else { continue }
                let key = [a.text, b.text].sorted().joined(separator: "\u{1}")
                guard seenPairs.insert(key).inserted,
                      actors(in: a, of: memberA) == actors(in: b, of: memberB) else { continue }
                if let c = datesDiffer(a, memberA, b, memberB, similarity: partner.similarity) ?? claimsDiffer(a, memberA, b, memberB) {
                    found.append(c)
                }
            }
        }
        return Array(found.prefix(limit))
    }

    private func claimsDiffer(_ a: StorySentence, _ ma: StoryMember, _ b: StorySentence, _ mb: StoryMember) -> Contradiction? {
        // Spacing alone ("لادين" / "لا دين") changes nothing.
        guard words(a.text).joined() != words(b.text).joined() else { return nil }
        let judgement = judge.judge(a.text, b.text)
        guard judgement.relation == .contradicts, judgement.similarity >= numberSimilarity else { return nil }
        let kind: String
        let valueA: String, valueB: String
        if judgement.cues.contains(.number) {
            // One slot changed: exactly one number only on each side.
            let na = numbers(a.text), nb = numbers(b.text)
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
               negationCount(a.text) == negationCount(b.text) { return nil }
            kind = judgement.cues.contains(.negation) ? "negation" : "antonym"
            let wa = words(a.text), wb = words(b.text)
            valueA = wa.filter { !wb.contains($0) }.prefix(6).joined(separator: " ")
            valueB = wb.filter { !wa.contains($0) }.prefix(6).joined(separator: " ")
        } else {
            return nil
        }
        guard !valueA.isEmpty || !valueB.isEmpty else { return nil }
        return Contradiction(fact: a.text, kind: kind, values: [
            .init(value: valueA, text: a.text, sources: [ma.article.id]),
            .init(value: valueB, text: b.text, sources: [mb.article.id]),
        ])
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
