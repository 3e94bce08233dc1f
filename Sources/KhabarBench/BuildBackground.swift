import Foundation
import Khabar

/// `khabar-bench build-background OUTPUT FILE…`: counts document frequencies of content terms over
/// the inputs (read, cleaned and analysed as `khabar cluster` does) and writes the table that
/// `BackgroundFrequencies.shipped` loads. Khabar ships the table built from the SaudiNewsNet week:
///   khabar-bench build-background Sources/Khabar/Resources/background-df.bin \
///       ../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz
func buildBackground(_ arguments: [String]) {
    guard arguments.count >= 2 else { fail("build-background needs OUTPUT and at least one input") }
    let output = arguments[0]
    let pipeline = Pipeline()
    let analyser = ArticleAnalyser()
    var profiles: [ArticleProfile] = []
    var failures = 0
    pipeline.clean(paths: Array(arguments.dropFirst())) { outcome in
        switch outcome {
        case .success(let article): profiles.append(analyser.profile(article))
        case .failure: failures += 1
        }
    }
    let table = BackgroundFrequencies.count(profiles)
    do {
        try table.encoded.write(to: URL(fileURLWithPath: output))
    } catch {
        fail("cannot write \(output): \(error.localizedDescription)")
    }
    note("\(profiles.count) articles (\(failures) unreadable) → \(table.frequencies.count) terms in \(output)")
}
