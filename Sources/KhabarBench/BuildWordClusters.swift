import Foundation
import Khabar

/// `khabar-bench build-word-clusters [--fine N] [--coarse N] [--contexts N] [--min-count N] OUTPUT FILE…`
/// (defaults 512, 64, 1000, 3): learns the entity tagger's word classes
/// (`WordClusters`) from the inputs' clean text (title and paragraphs). Khabar ships the classes
/// learnt from the SaudiNewsNet week (unlabelled; no NER data is read):
///   khabar-bench build-word-clusters Sources/Khabar/Resources/word-clusters.bin \
///       ../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz
/// The tagger's model depends on these classes: rebuild and rerun `train-ner` after changing them.
func buildWordClusters(_ arguments: [String]) {
    var builder = WordClusterBuilder()
    var paths: [String] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        func number() -> Int {
            guard let value = rest.popFirst().flatMap(Int.init), value >= 1 else { fail("\(argument) needs a number ≥ 1") }
            return value
        }
        switch argument {
        case "--fine": builder.fineClusters = number()
        case "--coarse": builder.coarseClusters = number()
        case "--contexts": builder.contextWords = number()
        case "--min-count": builder.minimumCount = number()
        default:
            if argument.hasPrefix("--") { fail("unknown option \(argument)") }
            paths.append(argument)
        }
    }
    guard paths.count >= 2 else { fail("build-word-clusters needs OUTPUT and at least one input") }
    let output = paths[0]
    var articles = 0
    let clock = ContinuousClock()
    let started = clock.now
    Pipeline().clean(paths: Array(paths.dropFirst())) { outcome in
        guard case .success(let article) = outcome else { return }
        articles += 1
        if let title = article.title { builder.add(text: title) }
        for paragraph in article.paragraphs { builder.add(text: paragraph) }
    }
    note("\(articles) articles, \(builder.tokenCount) tokens read in \(String(format: "%.1f", (clock.now - started).seconds)) s")
    let clusters = builder.build()
    do {
        try clusters.encoded.write(to: URL(fileURLWithPath: output))
    } catch {
        fail("cannot write \(output): \(error.localizedDescription)")
    }
    note("\(clusters.count) words classed in \(String(format: "%.1f", (clock.now - started).seconds)) s → \(output)")
}
