import ArgumentParser
import Foundation
import Khabar

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge pairs of texts: the same news, a contradiction, or different news.",
        discussion: """
        Reads a CSV file with a header line whose first two columns are two texts (RFC 4180 quoting; \
        further columns are ignored) and prints one JSON line per pair: \
        {"relation": "same" | "contradicts" | "different", "similarity": 0…1}. \
        `same` = the same news, paraphrased or copied; `contradicts` = the same news slot with an \
        incompatible claim (another number, a negation, an opposite word, another place). \
        A malformed CSV is reported with its file and line, and nothing is printed.
        """)

    @Option(name: .long, help: "CSV file of pairs ('-' for standard input).")
    var pairs: String

    @OptionGroup var verbosity: VerbosityOptions

    func run() throws {
        verbosity.bootstrap()
        let source = pairs == "-" ? "<stdin>" : pairs
        let bytes: [UInt8]
        if pairs == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: pairs) else {
                Console.error("\(pairs): cannot read the file")
                throw ExitCode(1)
            }
            bytes = [UInt8](data)
        }

        let records: [CSVRecord]
        do {
            records = try CSVReader.records(bytes, source: source)
        } catch {
            Console.error(error.description)
            throw ExitCode(1)
        }
        guard let header = records.first else {
            Console.error("\(source): empty file (expected a header line, then one pair of texts a line)")
            throw ExitCode(1)
        }
        if header.fields.count < 2 {
            Console.error("\(source):\(header.line): the header has \(header.fields.count) column; two texts are needed")
            throw ExitCode(1)
        }
        let rows = records.dropFirst()
        if let short = rows.first(where: { $0.fields.count < 2 }) {
            Console.error("\(source):\(short.line): \(short.fields.count) column; a pair needs two texts")
            throw ExitCode(1)
        }

        let judge = RelationJudge()
        for row in rows {
            let judgement = judge.judge(row.fields[0], row.fields[1])
            var json = JSONWriter()
            json.beginObject()
            json.field("relation", judgement.relation.rawValue)
            json.key("similarity")
            json.value((judgement.similarity * 1000).rounded() / 1000)
            json.endObject()
            Console.out(json.string + "\n")
        }
        Console.flush()
    }
}
