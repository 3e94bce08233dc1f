import ArgumentParser
import Foundation
import Khabar

enum StoryFormat: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl, text
}

/// Options of the story stages that `cluster` and `stories` share.
struct StoryOptions: ParsableArguments {
    @Option(help: "Similarity (cosine after time decay, 0…1) an article needs to join a story.")
    var threshold: Double = StoryClusterer().threshold

    @Option(help: "Days after which a story's similarity has decayed to 37 %.")
    var decayDays: Double = StoryClusterer().decay / 86_400

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
        guard decayDays > 0 else { throw ValidationError("--decay-days must be positive") }
    }
}

/// Runs the story stages over the inputs, with a progress bar and error lines; shared by
/// `cluster` and `stories`.
func trackStories(_ input: InputOptions, _ options: StoryOptions, explain: Bool) throws -> (tracker: StoryTracker, failures: Int) {
    let pipeline = input.pipeline()
    var tracker = StoryTracker()
    tracker.clusterer.threshold = options.threshold
    tracker.clusterer.decay = options.decayDays * 86_400
    tracker.keepTermNames = explain
    var failures = 0
    var progress = Progress(label: "clustering", enabled: !input.quiet)
    pipeline.track(paths: input.paths, analyser: ArticleAnalyser(keepTermNames: explain), into: &tracker) { outcome in
        if case .failure(let error) = outcome {
            failures += 1
            progress.clearLine()
            Console.error("\(error.input): \(error.message)")
        }
        progress.tick()
    }
    progress.finish()
    if failures > 0 {
        Console.error("\(failures) input\(failures == 1 ? "" : "s") could not be read; \(tracker.articleCount) article\(tracker.articleCount == 1 ? "" : "s") clustered")
    }
    return (tracker, failures)
}

struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group articles into stories and mark syndicated copies.",
        discussion: """
        Articles are taken in input order (normally time order), each joining the most similar live \
        story or opening a new one. Prints one object per article: \
        {"article", "story", "duplicate_of"}; --explain adds "similarity" (the cosine with the story, \
        or the overlap with the copy) and "shared_terms" (the stems that counted most).
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var options: StoryOptions

    @Option(name: .shortAndLong, help: "jsonl (a line per article) or json (an array).")
    var format: StoryFormat = .jsonl

    @Flag(help: "Add the similarity that decided and the top shared terms.")
    var explain = false

    func validate() throws {
        if format == .text { throw ValidationError("cluster writes json or jsonl") }
    }

    func run() throws {
        let (tracker, failures) = try trackStories(input, options, explain: explain)
        writeLines(tracker.assignments().map { $0.jsonLine(explain: explain) }, asArray: format == .json)
        if failures > 0 || tracker.articleCount == 0 { throw ExitCode(1) }
    }
}

struct Stories: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the stories in the inputs, most important first.",
        discussion: """
        Importance grows with the number of distinct outlets and of articles, and fades with the time \
        since the story's last article (relative to the newest article). text prints a table; jsonl \
        and json print {"rank", "story", "headline", "outlets", "articles", "duplicates", "first", \
        "last", "importance", "members"}.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var options: StoryOptions

    @Option(name: .shortAndLong, help: "text (a table), jsonl or json.")
    var format: StoryFormat = .text

    @Option(help: "Show at most this many stories (0: all).")
    var top: Int = 0

    @Flag(help: "Include single-article stories in the text table.")
    var all = false

    func run() throws {
        let (tracker, failures) = try trackStories(input, options, explain: false)
        var stories = tracker.stories()
        if format == .text && !all { stories = stories.filter { $0.articleCount > 1 } }
        if top > 0 { stories = Array(stories.prefix(top)) }
        switch format {
        case .text:
            for (rank, story) in stories.enumerated() {
                let span = [story.first, story.last].map { $0.map { PublishedDate(utcSecondsSince1970: $0).iso8601 } ?? "?" }
                Console.out("\(rank + 1). [\(story.id)] \(story.headline)\n"
                    + "   \(story.articleCount) articles (\(story.duplicateCount) copies), "
                    + "\(story.outlets.count) outlets: \(story.outlets.joined(separator: ", "))\n"
                    + "   \(span[0]) → \(span[1])\n")
            }
            Console.flush()
        case .jsonl, .json:
            writeLines(stories.enumerated().map { $0.element.jsonLine(rank: $0.offset + 1) }, asArray: format == .json)
        }
        if failures > 0 || tracker.articleCount == 0 { throw ExitCode(1) }
    }
}

func writeLines(_ lines: [String], asArray: Bool) {
    if asArray {
        Console.out("[\n" + lines.joined(separator: ",\n") + (lines.isEmpty ? "]\n" : "\n]\n"))
    } else {
        for line in lines { Console.out(line + "\n") }
    }
    Console.flush()
}
