import ArgumentParser
import Foundation
import Khabar

enum DigestFormat: String, ExpressibleByArgument, CaseIterable {
    case json, markdown, html
}

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Run the whole pipeline and write each story's digest, most important first.",
        discussion: """
        Per story: headline, a summary whose every sentence cites the articles that report the same \
        fact, entities with their spellings, quotes by speaker (wordings merged), a timeline of dated \
        happenings, which outlet reported which fact, and contradictions between outlets. json is \
        {"stories": [...], "articles": [...]}; markdown reads in a terminal; html is one self-contained \
        right-to-left page.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var options: StoryOptions

    @Option(name: .shortAndLong, help: "json, markdown or html.")
    var format: DigestFormat = .markdown

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Digest at most this many stories (0: all); the articles list keeps only theirs.")
    var top: Int = 0

    @Option(help: "Leave out stories with fewer articles than this.")
    var minArticles: Int = 1

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
        guard minArticles >= 1 else { throw ValidationError("--min-articles must be at least 1") }
    }

    func run() throws {
        // The output file is opened first: a path that cannot be written fails before the work.
        var file: FileHandle?
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                  let handle = FileHandle(forWritingAtPath: output) else {
                Console.error("cannot write \(output): \(String(cString: strerror(errno)))")
                throw ExitCode(1)
            }
            file = handle
        }
        let pipeline = input.pipeline()
        var tracker = StoryTracker()
        tracker.clusterer.threshold = options.threshold
        tracker.clusterer.decay = options.decayDays * 86_400
        var failures = 0
        var progress = Progress(label: "digesting", enabled: !input.quiet)
        let onError = { (error: InputError) in
            failures += 1
            progress.clearLine()
            Console.error("\(error.input): \(error.message)")
        }
        // JSON is put together from a temporary file as it goes out (memory stays bounded by the
        // live window); the pages for people are made whole.
        let write: (([UInt8]) -> Void) throws -> Void
        if format == .json {
            let spilled: SpilledDigest
            do {
                spilled = try pipeline.spilledDigest(paths: input.paths, tracker: &tracker, onError: onError,
                                                     onArticle: { progress.tick() })
            } catch {
                progress.finish()
                Console.error("\(error)")
                throw ExitCode(1)
            }
            progress.finish()
            write = { sink in try spilled.writeJSON(minArticles: minArticles, top: top, sink); sink([0x0A]) }
        } else {
            let whole = pipeline.digest(paths: input.paths, tracker: &tracker, onError: onError,
                                        onArticle: { progress.tick() })
            progress.finish()
            let digest = whole.filtered(minArticles: minArticles, top: top)
            write = { sink in sink(Array((format == .markdown ? digest.markdown() : digest.html()).utf8)) }
        }
        if let output, let file {
            var failure: Error?
            do {
                try write { bytes in
                    guard failure == nil else { return }
                    do { try file.write(contentsOf: bytes) } catch { failure = error }
                }
            } catch {
                Console.error("\(error)")
                throw ExitCode(1)
            }
            try? file.close()
            if let failure {
                Console.error("cannot write \(output): \(failure.localizedDescription)")
                throw ExitCode(1)
            }
        } else {
            do { try write { Console.out(bytes: $0) } } catch {
                Console.flush()
                Console.error("\(error)")
                throw ExitCode(1)
            }
            Console.flush()
        }
        if failures > 0 {
            Console.error("\(failures) input\(failures == 1 ? "" : "s") could not be read; \(tracker.articleCount) article\(tracker.articleCount == 1 ? "" : "s") digested")
        }
        if failures > 0 || tracker.articleCount == 0 { throw ExitCode(1) }
    }
}
