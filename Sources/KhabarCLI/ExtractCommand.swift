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
        let facts: SpilledFacts
        do { facts = try SpilledFacts(lines: format == .jsonl) } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
        var failures = 0
        var progress = Progress(label: "extracting", enabled: !input.quiet)
        // Extraction runs across cores; the catalog takes the articles in input order, and each
        // article's facts wait in a temporary file until the entities are final.
        pipeline.extract(paths: input.paths) { outcome in
            switch outcome {
            case .success(let (_, found)):
                var found = found
                catalog.add(&found)
                facts.append(found)
            case .failure(let error):
                failures += 1
                progress.clearLine()
                Console.error("\(error.input): \(error.message)")
            }
            progress.tick()
        }
        progress.finish()
        do { try facts.write(entities: catalog.all) { Console.out(bytes: $0) } } catch {
            Console.flush()
            Console.error("\(error)")
            throw ExitCode(1)
        }
        Console.flush()
        if failures > 0 || facts.count == 0 { throw ExitCode(1) }
    }
}
