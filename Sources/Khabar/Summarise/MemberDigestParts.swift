/// What a story's digest takes from one member alone: its sentences with their vectors and its
/// quotes with their content words. Making these is most of a digest's cost; a story that grows
/// article by article (the desk) keeps them, so a refresh pays only for its new members and for
/// what spans members (alignment, summary, contradictions).
public struct MemberDigestParts: Sendable {
    /// Sentences numbered as member 0 (re-numbered per digest).
    let sentences: [StorySentence]
    let quotes: [QuoteMerger.QuoteWords]
    /// The title's vector (a headline candidate), when the member has a title.
    let titleVector: [(term: UInt64, weight: Float)]?
}

extension StoryDigester {
    /// The parts of one member (any index: the digest numbers them).
    public func parts(of member: StoryMember) -> MemberDigestParts {
        MemberDigestParts(sentences: vectorizer.sentences(of: member, index: 0),
                          quotes: QuoteMerger(vectorizer: vectorizer).quoteWords(of: member),
                          titleVector: member.article.title.flatMap { $0.isEmpty ? nil : vectorizer.vector(of: $0) })
    }
}
