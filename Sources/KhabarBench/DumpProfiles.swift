import Foundation
import Khabar

/// `khabar-bench dump-profiles FILE...`: one JSON line per article with what story clustering can
/// use — title, lead and body term counts (readable stems, as the analyse stage makes them), entity
/// mentions of title and body (catalog ids across the whole input) and the time — then one last line
/// `{"catalog": [{"id", "name", "kind"}]}`. For studying clustering signals outside Swift
/// (bench/cluster-ceiling).
func runDumpProfiles(_ arguments: [String]) {
    let (raws, _, _) = readArticles(arguments)
    let cleaner = Cleaner()
    let plain = ArticleAnalyser(keepTermNames: true)
    var flat = ArticleAnalyser(keepTermNames: true)
    flat.titleWeight = 1
    flat.leadWeight = 1
    var leadOnly = flat
    leadOnly.leadWeight = 2
    let extractor = FactExtractor()
    var catalog = EntityCatalog()
    var rows: [[String: Any]] = []
    for raw in raws {
        let article = cleaner.clean(raw)
        var titleOnly = article
        titleOnly.paragraphs = []
        var bodyOnly = article
        bodyOnly.title = nil
        func named(_ p: ArticleProfile) -> [String: Float] {
            var out: [String: Float] = [:]
            for t in p.terms { out[p.termNames[t.term] ?? String(t.term)] = t.weight }
            return out
        }
        let title = named(plain.profile(titleOnly)).mapValues { $0 / plain.titleWeight }
        let body = named(flat.profile(bodyOnly))
        let withLead = named(leadOnly.profile(bodyOnly))
        var lead: [String: Float] = [:]
        for (k, v) in withLead where v > (body[k] ?? 0) { lead[k] = v - (body[k] ?? 0) }
        var facts = extractor.extract(article)
        var titleFacts = extractor.extract(CleanArticle(id: article.id + "#title", source: article.source,
                                                        paragraphs: [article.title ?? ""]))
        catalog.add(&titleFacts)
        catalog.add(&facts)
        func mentions(_ f: ArticleFacts) -> [[String: Any]] {
            f.mentions.map { ["e": $0.entity ?? -1, "text": $0.text, "kind": "\($0.kind)", "start": $0.start] }
        }
        rows.append(["id": article.id, "outlet": article.outlet ?? "", "time": article.published?.secondsSince1970 ?? -1,
                     "title": title, "lead": lead, "body": body,
                     "title_entities": mentions(titleFacts), "entities": mentions(facts),
                     "title_text": article.title ?? "", "body_chars": article.body.utf8.count])
    }
    let names = catalog.all.map { ["id": $0.id, "name": $0.name, "kind": "\($0.kind)"] as [String: Any] }
    for row in rows {
        if let data = try? JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }
    if let data = try? JSONSerialization.data(withJSONObject: ["catalog": names], options: [.sortedKeys]) {
        print(String(decoding: data, as: UTF8.self))
    }
}
