/// Picks a story's summary sentences: central ones first, no two telling the same fact (MMR-like).
///
/// A sentence's relevance is how many other outlets report its fact (the strongest sign that it is
/// the news), how closely (the summed similarities of each other outlet's closest sentence, as
/// LexRank's degree), and a lead bonus (news puts the main fact first). Each next pick maximises relevance minus its similarity to what is
/// already picked; a sentence aligned with a picked one (same fact) is never picked.
struct SummarySelector {
    /// Sentences shorter than this are captions, datelines or fragments; longer are run-ons.
    var wordRange = 8...60
    var sentenceCount = 3...7
    /// Weight of the redundancy penalty.
    var redundancyWeight: Float = 1.5

    /// How many sentences a story gets: two more than its distinct articles, within 3…7.
    func count(distinctArticles: Int) -> Int {
        min(sentenceCount.upperBound, max(sentenceCount.lowerBound, distinctArticles + 2))
    }

    func select(_ alignment: FactAlignment, members: [StoryMember], distinctArticles: Int) -> [Int] {
        let sentences = alignment.sentences
        let outletOf = members.map(\.outletName)
        var relevance = [Float](repeating: -.infinity, count: sentences.count)
        for (i, s) in sentences.enumerated() where isCandidate(s) {
            // Evidence counts once per other outlet (its closest sentence): an outlet's own copies
            // of an article add nothing.
            let ownOutlet = outletOf[s.member]
            var bestPerOutlet: [String: Float] = [:]
            for partner in alignment.partners[i] {
                let outlet = outletOf[sentences[partner.sentence].member]
                guard outlet != ownOutlet else { continue }
                bestPerOutlet[outlet] = max(bestPerOutlet[outlet] ?? 0, partner.similarity)
            }
            let otherOutlets = bestPerOutlet.count
            // Summed in a fixed order: float sums in hashing order would differ in the last bit between runs.
            let degree = bestPerOutlet.values.sorted().reduce(0, +)
            let lead: Float = s.position == 0 ? 1 : (s.paragraph <= 1 ? 0.5 : 0)
            // Later paragraphs carry background; a small decay keeps ties in reading order.
            let depth = Float(s.paragraph) * 0.02
            relevance[i] = Float(otherOutlets) + degree + 0.6 * lead - depth
        }
        let wanted = count(distinctArticles: distinctArticles)
        var picked: [Int] = []
        while picked.count < wanted {
            var best: (index: Int, score: Float)?
            for i in sentences.indices where relevance[i] > -.infinity && !picked.contains(i) {
                let overlap = picked.map { sentences[i].cosine(sentences[$0]) }.max() ?? 0
                guard overlap < FactAlignment.threshold else { continue }
                let score = relevance[i] - redundancyWeight * overlap
                if best.map({ score > $0.score }) ?? true { best = (i, score) }
            }
            guard let best else { break }
            picked.append(best.index)
        }
        return picked
    }

    func isCandidate(_ s: StorySentence) -> Bool {
        guard wordRange.contains(s.wordCount), !s.vector.isEmpty else { return false }
        // A line that announces what follows, or asks, is not a fact.
        guard let last = s.text.unicodeScalars.last, last != ":", last != "؟", last != "?" else { return false }
        return true
    }
}
