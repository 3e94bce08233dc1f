import ArgumentParser
import Foundation
import Khabar

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl, text
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Clean articles: keep the body, drop the junk, pull out the metadata.",
        discussion: """
        Prints one object per article: id, source, title, outlet, published, place, authors, agencies, \
        keywords, language, paragraphs and removed (each removed block with its reason). \
        A bad input gets one error line on standard error; the others go on; the exit status is 1 \
        when any input failed.
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "json (an array), jsonl (a line per article) or text (the clean bodies).")
    var format: OutputFormat = .json

    func run() throws {
        let pipeline = input.pipeline()
        var output = ArticleOutput(format: format)
        var failures = 0
        var progress = Progress(label: "cleaning", enabled: !input.quiet)
        output.begin()
        pipeline.clean(paths: input.paths) { outcome in
            switch outcome {
            case .success(let article):
                output.write(article)
            case .failure(let error):
                failures += 1
                progress.clearLine()
                Console.error("\(error.input): \(error.message)")
            }
            progress.tick()
        }
        output.end()
        progress.finish()
        if failures > 0 {
            Console.error("\(failures) input\(failures == 1 ? "" : "s") could not be read; \(output.count) article\(output.count == 1 ? "" : "s") cleaned")
            throw ExitCode(1)
        }
    }
}

/// Writes articles as a JSON array, JSON Lines, or plain text, streaming (nothing is held back).
struct ArticleOutput {
    let format: OutputFormat
    var count = 0

    init(format: OutputFormat) {
        self.format = format
    }

    func begin() { if format == .json { Console.out("[\n") } }

    mutating func write(_ article: CleanArticle) {
        defer { count += 1 }
        switch format {
        case .text:
            Console.out((count > 0 ? "\n" : "") + article.paragraphs.joined(separator: "\n\n") + "\n")
        case .jsonl:
            Console.out(bytes: article.jsonLineBytes)
            Console.out("\n")
        case .json:
            if count > 0 { Console.out(",\n") }
            Console.out(bytes: article.jsonLineBytes)
        }
    }

    func end() { if format == .json { Console.out(count > 0 ? "\n]\n" : "]\n") } }
}
