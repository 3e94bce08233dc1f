import ArgumentParser
import Foundation
import Khabar

/// `khabar timex --conll FILE`: DATE/TIME tags for a token-per-line file (Wojood, CoNLL).
struct Timex: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tag time expressions (DATE, TIME) in a token-per-line file.",
        discussion: """
            Reads `token [TAG ...]` lines (extra columns ignored; blank lines or `$#$` lines between \
            segments) and prints `token<TAB>B-DATE|I-DATE|B-TIME|I-TIME|O` for every token, in order.
            """)

    @Option(name: .long, help: "Token-per-line input ('-' for standard input).")
    var conll: String

    @OptionGroup var verbosity: VerbosityOptions

    func run() throws {
        verbosity.bootstrap()
        let data = try Console.readWhole(conll)
        let extractor = DateExtractor()
        var output = ""
        var segment: [String] = []
        func flush() {
            guard !segment.isEmpty else { return }
            for (token, tag) in zip(segment, extractor.tag(tokens: segment)) { output += "\(token)\t\(tag)\n" }
            segment.removeAll(keepingCapacity: true)
        }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            guard let token = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).first else {
                flush()
                continue
            }
            // "$#$" separates segments; it is still a token line in the file, so it gets a tag.
            if token == "$#$" {
                flush()
                output += "$#$\tO\n"
                continue
            }
            segment.append(String(token))
        }
        flush()
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
