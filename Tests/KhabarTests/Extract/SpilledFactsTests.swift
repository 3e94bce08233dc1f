import Foundation
import Testing
@testable import Khabar

/// `khabar extract` keeps each article's facts in a temporary file until the catalog is final:
/// its output must be what the whole catalog and every article held in memory give.
@Suite("Spilled facts")
struct SpilledFactsTests {
    static func extracted() -> (catalog: EntityCatalog, articles: [ArticleFacts], json: SpilledFacts, lines: SpilledFacts)? {
        guard let seeds = SharedData.locate("seeds"),
              let json = try? SpilledFacts(lines: false), let lines = try? SpilledFacts(lines: true) else { return nil }
        var catalog = EntityCatalog()
        var articles: [ArticleFacts] = []
        Pipeline(jobs: 2).extract(paths: [seeds.path]) { outcome in
            guard case .success(let (_, found)) = outcome else { Issue.record("a seed failed"); return }
            var facts = found
            catalog.add(&facts)
            articles.append(facts)
            json.append(facts)
            lines.append(facts)
        }
        return (catalog, articles, json, lines)
    }

    static func output(_ facts: SpilledFacts, _ entities: [CatalogEntity]) throws -> String {
        var bytes: [UInt8] = []
        try facts.write(entities: entities) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theDocumentIsTheOneMadeInMemory() throws {
        guard let run = Self.extracted() else { return }
        #expect(run.json.count == 5)
        let expected = EntityCatalog.json(entities: run.catalog.all, articles: run.articles) + "\n"
        #expect(try Self.output(run.json, run.catalog.all) == expected)
    }

    /// Names and kinds are filled in from the final catalog: an entity renamed after an article
    /// was written is given its final name in that article's line too.
    @Test func linesCarryTheFinalNamesAndKinds() throws {
        guard let run = Self.extracted() else { return }
        var entities = run.catalog.all
        let expected = run.articles.map { String(decoding: EntityCatalog.jsonLine($0, entities: entities), as: UTF8.self) + "\n" }.joined()
        #expect(try Self.output(run.lines, entities) == expected)
        let id = try #require(run.articles.first?.mentions.first?.entity)
        entities[id].name = "اسم آخر"
        entities[id].kind = .miscellaneous
        let renamed = try Self.output(run.lines, entities)
        #expect(renamed.contains(#""entity":\#(id),"name":"اسم آخر","kind":"MISC""#))
    }
}
