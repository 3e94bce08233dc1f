extension DateExtractor {
    /// Resolves the relative dates of a story's undated members against the day each was most
    /// likely written (`likelyPublication`), judged from the story's dated members. Dated members
    /// and stories without any dated member are left as they are.
    public func anchorUndated(_ members: inout [StoryMember]) {
        let dated = members.filter { $0.article.published != nil }
        guard !dated.isEmpty, dated.count < members.count else { return }
        let storyDays = dated.compactMap { $0.article.published?.dayOnly }
        var eventDays = Set(storyDays.map { String($0.iso8601.prefix(10)) })
        for member in dated {
            for mention in member.facts.dates where !mention.isNow {
                if let value = mention.value, value.count >= 10, value.first != "T" { eventDays.insert(String(value.prefix(10))) }
            }
        }
        for i in members.indices where members[i].article.published == nil {
            let body = members[i].article.body
            guard let day = likelyPublication(of: body, storyDays: storyDays, eventDays: eventDays) else { continue }
            members[i].inferredPublication = day
            members[i].facts.dates = extract(text: body, published: day)
        }
    }
}
