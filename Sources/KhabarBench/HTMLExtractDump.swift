import Foundation
import Khabar

/// Writes the HTML reader's output for each input as one JSON Lines object on standard output:
/// {"id", "paragraphs": [...], "title", "outlet", "published", "authors", "url"} or {"id", "error"}.
/// Inputs go through `InputReader`, so `.html.gz` pages are unpacked and ids lose their extensions.
/// Used by scripts/html-eval to score extraction without the cleaner.
func dumpHTMLExtraction(paths: [String]) {
    let out = FileHandle.standardOutput
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    struct Line: Encodable {
        var id: String
        var paragraphs: [String]
        var title: String?
        var outlet: String?
        var published: String?
        var authors: [String]
        var url: String?
        var error: String?
    }
    InputReader().read(paths: paths) { outcome in
        let line: Line
        switch outcome {
        case .success(let article):
            line = Line(id: article.id, paragraphs: article.text.split(separator: "\n").map(String.init),
                        title: article.hints.title, outlet: article.hints.outlet,
                        published: article.hints.published?.iso8601, authors: article.hints.authors,
                        url: article.hints.url, error: nil)
        case .failure(let error):
            var id = URL(fileURLWithPath: error.input).lastPathComponent
            if let dot = id.firstIndex(of: ".") { id = String(id[..<dot]) }
            line = Line(id: id, paragraphs: [], authors: [], error: error.description)
        }
        if var data = try? encoder.encode(line) {
            data.append(0x0A)
            out.write(data)
        }
    }
}
