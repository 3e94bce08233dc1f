import ArgumentParser
import Foundation
import Khabar

enum ExtractFormat: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl
}

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Entities (spellings merged across articles), quotes with speakers, and dates.",
        discussion: """
        Prints one JSON document: {"entities": [{"id", "name", "kind", "variants", "mentions", \
        "articles"}], "articles": [{"id", "mentions": [{"entity", "text", "start", "end"}], "quotes": \
        [{"speaker", "speaker_text", "text", "kind"}], "dates": [{"text", "value", "start", "end"}]}]}. \
        Offsets are UTF-8 bytes into the clean body (paragraphs joined by a blank line). \
        --format jsonl prints a line per article instead, each mention and quote speaker with its \
        entity's id, name and kind.
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "json (one document: entities, then articles) or jsonl (a line per article, each mention with its entity's id, name and kind).")
    var format: ExtractFormat = .json

    func run() throws {
        let pipeline = input.pipeline()
        var catalog = EntityCatalog()
        var articles: [ArticleFacts] = []
        var failures = 0
        var progress = Progress(label: "extracting", enabled: !input.quiet)
        // Extraction runs across cores; the catalog takes the articles in input order.
        pipeline.extract(paths: input.paths) { outcome in
            switch outcome {
            case .success(let (_, found)):
                var facts = found
                catalog.add(&facts)
                articles.append(facts)
            case .failure(let error):
                failures += 1
                progress.clearLine()
                Console.error("\(error.input): \(error.message)")
            }
            progress.tick()
        }
        progress.finish()
        switch format {
        case .json:
            Console.out(EntityCatalog.json(entities: catalog.all, articles: articles) + "\n")
        case .jsonl:
            let entities = catalog.all
            for facts in articles {
                Console.out(bytes: EntityCatalog.jsonLine(facts, entities: entities))
                Console.out("\n")
            }
        }
        Console.flush()
        if failures > 0 || articles.isEmpty { throw ExitCode(1) }
    }
}
