import ArgumentParser
import Foundation
import Khabar

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Entities (spellings merged across articles), quotes with speakers, and dates.",
        discussion: """
        Prints one JSON document: {"entities": [{"id", "name", "kind", "variants", "mentions", \
        "articles"}], "articles": [{"id", "mentions": [{"entity", "text", "start", "end"}], "quotes": \
        [{"speaker", "speaker_text", "text", "kind"}], "dates": [{"text", "value", "start", "end"}]}]}. \
        Offsets are UTF-8 bytes into the clean body (paragraphs joined by a blank line).
        """)

    @OptionGroup var input: InputOptions

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
        Console.out(EntityCatalog.json(entities: catalog.all, articles: articles) + "\n")
        Console.flush()
        if failures > 0 || articles.isEmpty { throw ExitCode(1) }
    }
}
