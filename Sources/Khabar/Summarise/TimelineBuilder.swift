/// A story's dated happenings in order: each sentence that carries a day-precision date, with the
/// resolved day; the same happening told by several articles (aligned sentences, same day) is one
/// entry with all of them as sources.
struct TimelineBuilder {
    /// Entries kept per day (most sources first) and in all.
    var perDay = 4
    var total = 24

    func build(_ alignment: FactAlignment, members: [StoryMember]) -> [TimelineEntry] {
        let sentences = alignment.sentences
        // Sentence index by member, for finding the sentence around a date.
        var byMember: [Int: [Int]] = [:]
        for (i, s) in sentences.enumerated() { byMember[s.member, default: []].append(i) }

        struct Candidate { var date: String; var sentence: Int; var expression: String; var inferred: Bool; var members: [Int] }
        var candidates: [Candidate] = []
        var seen = Set<String>()
        for (index, member) in members.enumerated() {
            for mention in member.facts.dates where !mention.isNow {
                guard let value = mention.value, let day = Self.day(value) else { continue }
                guard let sentence = byMember[index]?.first(where: { sentences[$0].range.contains(mention.start) }) else { continue }
                guard seen.insert("\(day)|\(sentence)").inserted else { continue }
                candidates.append(Candidate(date: day, sentence: sentence, expression: mention.text,
                                            inferred: member.inferredPublication != nil && mention.anchor == .publication,
                                            members: [index]))
            }
        }
        // Merge a candidate into an earlier one of the same day when the two sentences align.
        var entries: [Candidate] = []
        for candidate in candidates {
            if let k = entries.firstIndex(where: { entry in
                entry.date == candidate.date && !entry.members.contains(candidate.members[0])
                    && sentences[entry.sentence].cosine(sentences[candidate.sentence]) >= FactAlignment.threshold
            }) {
                entries[k].members.append(candidate.members[0])
            } else {
                entries.append(candidate)
            }
        }
        var kept: [Candidate] = []
        for (_, sameDay) in Dictionary(grouping: entries, by: \.date) {
            kept += sameDay.enumerated().sorted { a, b in
                a.element.members.count != b.element.members.count ? a.element.members.count > b.element.members.count : a.offset < b.offset
            }.prefix(perDay).map(\.element)
        }
        let order = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ("\($0.element.date)|\($0.element.sentence)", $0.offset) })
        if kept.count > total {
            kept = Array(kept.sorted { a, b in
                a.members.count != b.members.count ? a.members.count > b.members.count
                    : order["\(a.date)|\(a.sentence)"]! < order["\(b.date)|\(b.sentence)"]!
            }.prefix(total))
        }
        kept.sort { a, b in
            a.date != b.date ? a.date < b.date : order["\(a.date)|\(a.sentence)"]! < order["\(b.date)|\(b.sentence)"]!
        }
        return kept.map { c in
            TimelineEntry(date: c.date, text: sentences[c.sentence].text, expression: c.expression, inferred: c.inferred,
                          sources: c.members.map { members[$0].article.id })
        }
    }

    /// "2023-09-13" from "2023-09-13" or "2023-09-13T08:41"; nil for months, years, weeks, clock times.
    static func day(_ value: String) -> String? {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-",
              scalars.count == 10 || scalars[10] == "T" else { return nil }
        return String(value.prefix(10))
    }
}
