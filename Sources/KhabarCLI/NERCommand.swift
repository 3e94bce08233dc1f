import ArgumentParser
import Foundation
import Khabar

struct NER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Tag named entities (PERS, LOC, ORG, MISC) in tokenised text.",
        discussion: """
        Reads `token [TAG ...]` lines (blank or `$#$` lines between sentences; columns after the \
        token are ignored) and prints `token<TAB>TAG` for every token in the same order, IOB2 tags \
        (B-PERS, I-ORG, O, …), with a blank line where the input ends a sentence. Long sentences are \
        also split after . ! ؟ ? as in training.
        """)

    @Option(name: .long, help: "Token file ('-' for standard input).")
    var conll: String

    // Off by default: ANERcorp leaves credits (أ ف ب) untagged, so scoring measures the tagger alone.
    @Flag(name: .long, help: "Also apply the rules `khabar extract` runs after the tagger: unknown names after a place head (LOC), known news agencies (ORG).")
    var rules = false

    @OptionGroup var verbosity: VerbosityOptions

    func run() throws {
        verbosity.bootstrap()
        let data = try Console.readWhole(conll)
        guard let tagger = EntityTagger() else {
            Console.error("the entity model (ner-model.bin) is missing from the build")
            throw ExitCode(1)
        }
        let text = String(decoding: data, as: UTF8.self)
        // Input sentences as written (no punctuation split), so blank lines come out where they went in;
        // the whole input is one text for the document pass.
        let sentences = EntityCorpus.read(text, splitAtPunctuation: false)
        var pieces: [ArraySlice<String>] = []
        for sentence in sentences {
            pieces += EntitySentences.split(sentence.tokens).map { sentence.tokens[$0] }
        }
        var tags = Array(tagger.tagDocument(pieces).joined())
        let words = pieces.flatMap { $0 }
        if rules { EntityRules().apply(to: EntityRules.tokens(words), tags: &tags) }
        var next = 0
        for sentence in sentences {
            for token in sentence.tokens {
                Console.out("\(token)\t\(tags[next])\n")
                next += 1
            }
            Console.out("\n")
        }
        Console.flush()
    }
}
