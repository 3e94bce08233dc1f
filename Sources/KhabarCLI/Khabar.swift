import ArgumentParser
import Khabar
import Logging

@main
struct KhabarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "khabar",
        abstract: "Khabar (خبر): Arabic news articles in, clean stories out.",
        version: "0.1.0",
        subcommands: [Clean.self, Cluster.self, Stories.self, Compare.self, Timex.self, NER.self, Extract.self, DigestCommand.self,
                      Ingest.self, Serve.self, Search.self, Migrate.self, Export.self, Import.self])
}

/// Options every command that reads articles shares.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or directories: .txt, .html, .jsonl, .json (also .gz/.xz); '-' for standard input.")
    var paths: [String]

    @Option(name: .long, help: "Largest single article accepted, in MB.")
    var maxArticleSize: Int = 10

    @Option(name: .shortAndLong, help: "Worker threads (default: all cores).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Log what happens (to standard error).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard maxArticleSize > 0 else { throw ValidationError("--max-article-size must be positive") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func pipeline() -> Pipeline {
        LoggingSetup.bootstrap(verbose: verbose)
        var pipeline = Pipeline(reader: InputReader(maxArticleBytes: maxArticleSize << 20))
        if let jobs { pipeline.jobs = jobs }
        return pipeline
    }
}

enum LoggingSetup {
    nonisolated(unsafe) static var done = false
    static func bootstrap(verbose: Bool, level: Logger.Level = .warning) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : level
            return handler
        }
    }
}
