import KhabarText

extension DateExtractor {
    /// The day an undated article was most likely written, from the rest of its story, so that its
    /// "الأربعاء" and "أمس الأول الجمعة" can be resolved.
    ///
    /// - `storyDays`: publication days of the story's dated articles.
    /// - `eventDays`: ISO days ("2023-09-13") the dated articles' expressions resolve to.
    ///
    /// Reports come out on or after the events they tell, so the candidates run from the story's
    /// first publication day to a week after its last. "اليوم الأحد" in the text fixes the weekday.
    /// Among the candidates left, the one under which most of the text's expressions land on days
    /// the rest of the story talks about wins; ties go to the earliest (news is reported early).
    /// Nil when the story has no dated article, or no candidate fits the stated weekday.
    public func likelyPublication(of text: String, storyDays: [PublishedDate], eventDays: Set<String>) -> PublishedDate? {
        guard let earliest = storyDays.min()?.dayOnly, let latest = storyDays.max()?.dayOnly else { return nil }
        let tokens = Tokenizer.tokenize(text)
        let grammar = DateGrammar(words: tokens.map(DateExtractor.matchingForm))
        let found = grammar.matches()
        let statedWeekdays = Set(found.compactMap { $0.fields.relativeDays == 0 ? $0.fields.weekday : nil })
        guard statedWeekdays.count <= 1 else { return nil } // the text contradicts itself
        let contextYear = DateExtractor.contextYear(found)
        let span = Int(((latest.secondsSince1970 - earliest.secondsSince1970) / 86_400).rounded()) + 7
        var best: (day: PublishedDate, score: Int)?
        for offset in 0...span {
            let day = DateResolver(published: nil, contextYear: nil).shift(earliest, days: offset)
            if let weekday = statedWeekdays.first, day.weekday != weekday { continue }
            let resolver = DateResolver(published: day, contextYear: contextYear)
            var score = 0
            for match in found where match.fields.relativeDays != nil || match.fields.weekday != nil {
                let (value, _) = resolver.resolve(match.fields, isFuture: grammar.isFuture(match.start, match.end))
                if let value, eventDays.contains(String(value.prefix(10))) { score += 1 }
            }
            if best == nil || score > best!.score { best = (day, score) }
        }
        return best?.day
    }
}
