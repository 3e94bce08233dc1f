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

    func run() throws {
        let data: Data
        if conll == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: conll) else {
                Console.error("\(conll): cannot read the file")
                throw ExitCode(1)
            }
            data = contents
        }
        guard let tagger = EntityTagger() else {
            Console.error("the entity model (ner-model.bin) is missing from the build")
            throw ExitCode(1)
        }
        let text = String(decoding: data, as: UTF8.self)
        // Input sentences as written (no punctuation split), so blank lines come out where they went in;
        // the whole input is one text for the document pass.
        let sentences = EntityCorpus.read(text, splitAtPunctuation: false)
        var pieces: [ArraySlice<String>] = []
        var piecesPerSentence: [Int] = []
        for sentence in sentences {
            let split = EntitySentences.split(sentence.tokens)
            pieces += split.map { sentence.tokens[$0] }
            piecesPerSentence.append(split.count)
        }
        var tagged = tagger.tagDocument(pieces)[...]
        var piecesLeft = pieces[...]
        for count in piecesPerSentence {
            for _ in 0..<count {
                let tokens = piecesLeft.removeFirst(), tags = tagged.removeFirst()
                for (token, tag) in zip(tokens, tags) { Console.out("\(token)\t\(tag)\n") }
            }
            Console.out("\n")
        }
        Console.flush()
    }
}
