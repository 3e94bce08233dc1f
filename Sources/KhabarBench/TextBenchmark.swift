import Foundation
import KhabarText

/// Throughput of the KhabarText hot paths over `corpus`, as (name, MB/s) with MB = 10^6 UTF-8 bytes.
/// Each stage runs three times and the best run counts, to damp noise from other work on the machine.
func runTextBenchmark(corpus: [String]) -> [(String, Double)] {
    let megabytes = Double(corpus.reduce(0) { $0 + $1.utf8.count }) / 1_000_000
    var sink = 0 // consumed results, so the optimiser cannot drop the work

    func measure(_ name: String, _ work: (String) -> Int) -> (String, Double) {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            for text in corpus { sink &+= work(text) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
        }
        return (name, megabytes / best)
    }

    var results: [(String, Double)] = []
    results.append(measure("normalize .matching") { ArabicNormalizer.normalize($0).utf8.count })
    results.append(measure("normalize .display") { ArabicNormalizer.normalize($0, .display).utf8.count })
    results.append(measure("normalizeMapped .matching") { ArabicNormalizer.normalizeMapped($0).utf8Count })
    results.append(measure("forEachToken") { text in
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            Tokenizer.forEachToken(in: bytes) { _, _ in count += 1 }
            return count
        }
    })
    results.append(measure("tokenize") { Tokenizer.tokenize($0).count })
    results.append(measure("words") { Tokenizer.words($0).count })
    results.append(measure("normalize + words") { Tokenizer.words(ArabicNormalizer.normalize($0)).count })
    results.append(measure("words + stem") { text in
        Tokenizer.words(text).reduce(0) { $0 + LightStemmer.stem($1).utf8.count }
    })
    results.append(measure("words + stop-word filter") { text in
        Tokenizer.words(text).reduce(0) { $0 + (StopWords.isStopWord($1) ? 0 : 1) }
    })
    results.append(measure("sentences") { SentenceSplitter.split($0).count })
    results.append(measure("arabicLetterRatio") { Int(ArabicScript.arabicLetterRatio($0) * 100) })
    if sink == 42 { print("") } // keeps `sink` alive
    return results
}
