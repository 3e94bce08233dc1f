import ArgumentParser
import Foundation
import Khabar
import Logging

@main
struct KhabarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "khabar",
        abstract: "Khabar (خبر): Arabic news articles in, clean stories out.",
        discussion: """
        Errors name what they are about: khabar: FILE[:LINE]: what is wrong. A bad input does not \
        stop the others. Exit status: 0 everything was read and written; 1 some inputs could not be \
        read (the rest were processed), or the output, store or server could not be opened; 2 the \
        command line is wrong (an unknown option, a bad value).
        """,
        version: "0.1.0",
        subcommands: [Clean.self, Cluster.self, Stories.self, Compare.self, Timex.self, NER.self, Extract.self, DigestCommand.self,
                      Ingest.self, Serve.self, Search.self, Migrate.self, Export.self, Import.self])

    /// ArgumentParser's own entry point, but a wrong command line exits 2 (its default is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

/// The exit statuses `khabar --help` documents.
enum ExitStatus {
    static let someInputsFailed: Int32 = 1
    static let usage: Int32 = 2
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

/// `-v` and `-q` for the commands that read no article inputs (those take them in `InputOptions`):
/// every command accepts both, so scripts can pass them to any.
struct VerbosityOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log what happens (to standard error).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "No progress or status lines (errors are still printed).")
    var quiet = false

    func bootstrap(level: Logger.Level = .warning) {
        LoggingSetup.bootstrap(verbose: verbose, level: quiet ? .error : level)
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
