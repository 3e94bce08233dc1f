/// Which sentences of a story tell the same fact: sentences of different members whose vectors
/// are close (cosine ≥ `threshold`). Pairs within one member never align (an article does not cite
/// itself), and each sentence keeps at most its best partner per other member.
struct FactAlignment {
    /// Cosine at which two sentences of different articles count as the same fact. Paraphrases by
    /// different outlets share the names and the main verb and object, rarely much more.
    static let threshold: Float = 0.3

    let sentences: [StorySentence]
    /// For each sentence: (other sentence, cosine), best per other member, strongest first.
    private(set) var partners: [[(sentence: Int, similarity: Float)]]

    init(sentences: [StorySentence], threshold: Float = FactAlignment.threshold) {
        self.sentences = sentences
        partners = Array(repeating: [], count: sentences.count)
        // An inverted index from term to sentences keeps this near-linear in big stories.
        var postings: [UInt64: [Int]] = [:]
        for (i, s) in sentences.enumerated() {
            for t in s.vector { postings[t.term, default: []].append(i) }
        }
        // Per sentence i: which later sentences were scored (stamped with i) and each other
        // member's best partner; arrays indexed by sentence and member, not sets and dictionaries.
        let memberCount = (sentences.map(\.member).max() ?? -1) + 1
        var seenBy = [Int](repeating: -1, count: sentences.count)
        var bestOfMember = [(sentence: Int, similarity: Float)?](repeating: nil, count: memberCount)
        var membersWithBest: [Int] = []
        // Sentences come member by member (the digester appends them so): then the partners of
        // sentence i are exactly the sentences after its member's last one, and each posting list
        // (in sentence order) is entered there by binary search instead of walked past the
        // member's own sentences — one huge article no longer costs the square of its length.
        let grouped = zip(sentences, sentences.dropFirst()).allSatisfy { $0.member <= $1.member }
        var memberLast = [Int](repeating: -1, count: memberCount)
        for (i, s) in sentences.enumerated() { memberLast[s.member] = max(memberLast[s.member], i) }
        for (i, s) in sentences.enumerated() where !s.vector.isEmpty {
            let after = grouped ? memberLast[s.member] : i
            for t in s.vector {
                let list = postings[t.term] ?? []
                var low = 0, high = list.count
                while low < high {
                    let mid = (low + high) / 2
                    if list[mid] <= after { low = mid + 1 } else { high = mid }
                }
                for j in list[low...] where sentences[j].member != s.member && seenBy[j] != i {
                    seenBy[j] = i
                    let similarity = s.cosine(sentences[j])
                    guard similarity >= threshold else { continue }
                    let other = sentences[j].member
                    if let best = bestOfMember[other] {
                        if similarity > best.similarity { bestOfMember[other] = (j, similarity) }
                    } else {
                        bestOfMember[other] = (j, similarity)
                        membersWithBest.append(other)
                    }
                }
            }
            membersWithBest.sort()
            for other in membersWithBest {
                let (j, similarity) = bestOfMember[other]!
                partners[i].append((j, similarity))
                partners[j].append((i, similarity))
                bestOfMember[other] = nil
            }
            membersWithBest.removeAll(keepingCapacity: true)
        }
        for i in partners.indices {
            // Keep the best partner per member on both sides of each pair.
            var best: [Int: (sentence: Int, similarity: Float)] = [:]
            for p in partners[i] {
                let member = sentences[p.sentence].member
                if best[member].map({ p.similarity > $0.similarity }) ?? true { best[member] = p }
            }
            // Strongest first; ties by sentence order, so that output never depends on hashing order.
            partners[i] = best.values.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.sentence < $1.sentence }
        }
    }

    /// Members that report sentence `i`'s fact: its own and those of its partners.
    func citingMembers(of i: Int) -> [Int] {
        [sentences[i].member] + partners[i].map { sentences[$0.sentence].member }.sorted()
    }

    /// Groups of sentences telling one fact: greedily, the best-connected sentence not yet grouped
    /// takes its ungrouped partners (one per member).
    func factGroups() -> [[Int]] {
        let degree = partners.map { $0.reduce(Float(0)) { $0 + $1.similarity } }
        let order = sentences.indices.sorted { degree[$0] != degree[$1] ? degree[$0] > degree[$1] : $0 < $1 }
        var grouped = Array(repeating: false, count: sentences.count)
        var groups: [[Int]] = []
        for i in order where !grouped[i] {
            grouped[i] = true
            var group = [i]
            for p in partners[i] where !grouped[p.sentence] {
                grouped[p.sentence] = true
                group.append(p.sentence)
            }
            groups.append(group)
        }
        return groups
    }
}
