import Foundation
import Khabar

/// `khabar-bench train-relation [--out FILE] [--max-false-same X] [--c C] [--min-word-pairs N] TRAIN.csv`: learns the relation
/// judge's model from ANS stance training pairs and writes it as text, by default over the
/// shipped model (Sources/Khabar/Resources/relation-model.tsv, from the repository root).
/// Deterministic: the same CSV gives the same file.
func runTrainRelation(_ arguments: [String]) {
    var output = "Sources/Khabar/Resources/relation-model.tsv"
    var trainer = RelationTrainer()
    var inputs: [String] = []
    var dumpPath: String?
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--out":
            guard let value = rest.popFirst() else { fail("--out needs a file") }
            output = value
        case "--max-false-same":
            guard let value = rest.popFirst().flatMap(Double.init), value > 0, value < 1 else {
                fail("--max-false-same needs a share between 0 and 1, like 0.08")
            }
            trainer.maxFalseSame = value
        case "--c":
            guard let value = rest.popFirst().flatMap(Double.init), value > 0 else { fail("--c needs a positive number") }
            trainer.regularisation = value
        case "--min-word-pairs":
            guard let value = rest.popFirst().flatMap(Int.init), value >= 1 else { fail("--min-word-pairs needs a number ≥ 1") }
            trainer.minimumWordPairs = value
        case "--dump-cv":
            guard let value = rest.popFirst() else { fail("--dump-cv needs a file") }
            dumpPath = value
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            if argument.hasPrefix("--") { fail("unknown option \(argument)") }
            inputs.append(argument)
        }
    }
    guard inputs.count == 1, let input = inputs.first else { fail("train-relation needs one training CSV (s1,s2,stance)") }
    guard let data = FileManager.default.contents(atPath: input) else { fail("cannot read \(input)") }

    let pairs: [StancePair]
    do {
        pairs = try StancePair.read(csv: [UInt8](data), source: input)
    } catch {
        fail(error.description)
    }
    note("training on \(pairs.count) pairs from \(input)…")
    let started = Date()
    let (model, report) = trainer.train(pairs)
    note(String(format: "trained in %.1f s; %d unmatched-word weights", Date().timeIntervalSince(started),
                model.lexicalWeights.count))
    for line in model.notes.dropFirst() { note("  " + line) }
    note("  dense features (weight; pairs where not zero: agree, disagree):")
    for (use, weight) in zip(report.featureUse, model.denseWeights) {
        note("    " + use.name.padding(toLength: 28, withPad: " ", startingAt: 0)
            + String(format: "%7.3f  %4d  %4d", weight, use.agree, use.disagree))
    }
    note("  trade-off in cross-validation (bound on disagree → same: threshold, agree → same, disagree → same):")
    for point in report.tradeOff {
        note(String(format: "    %4.0f %%: %.3f  %5.1f %%  %5.1f %%", 100 * point.bound, point.threshold,
                    100 * point.agreeSame, 100 * point.disagreeSame))
    }

    do {
        try model.serialized.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(output): \(error)")
    }
    note("wrote \(output)")
    if let dumpPath {
        // For error analysis: stance, out-of-fold probability, similarity, the two texts.
        var lines = ["stance\tprobability\tsimilarity\ts1\ts2\tfeatures"]
        for ((pair, cv), active) in zip(zip(pairs, report.outOfFold), report.activeFeatures) {
            lines.append("\(pair.stance.rawValue)\t" + String(format: "%.4f\t%.3f", cv.probability, cv.similarity)
                + "\t\(pair.a)\t\(pair.b)\t" + active.joined(separator: " "))
        }
        do { try (lines.joined(separator: "\n") + "\n").write(toFile: dumpPath, atomically: true, encoding: .utf8) } catch {
            fail("cannot write \(dumpPath): \(error)")
        }
        note("wrote the out-of-fold predictions to \(dumpPath)")
    }
}

/// `khabar-bench relation FILE…`: times the relation judge on long texts — each article against a
/// copy of itself with one word changed (a near-duplicate) and against the next article (unrelated).
func runRelationBenchmark(_ arguments: [String]) {
    guard !arguments.isEmpty else { fail("relation needs at least one input file") }
    let (articles, _, _) = readArticles(arguments)
    let texts = articles.map(\.text).filter { $0.utf8.count > 500 }
    guard texts.count >= 2 else { fail("no long articles in \(arguments.joined(separator: " "))") }
    // The near-duplicate: the copy's first number bumped, or (without a number) one extra word.
    let copies = texts.map { text -> String in
        if let digit = text.firstIndex(where: { $0.isASCII && $0.isNumber }) {
            var copy = text
            copy.replaceSubrange(digit...digit, with: text[digit] == "9" ? "8" : "9")
            return copy
        }
        return text + " إضافة"
    }
    let judge = RelationJudge()
    var counts: [PairRelation: Int] = [:]
    var words = 0
    let clock = ContinuousClock()
    let nearTime = clock.measure {
        for (text, copy) in zip(texts, copies) { counts[judge.judge(text, copy).relation, default: 0] += 1 }
    }
    var unrelated: [PairRelation: Int] = [:]
    let unrelatedTime = clock.measure {
        for k in 0..<(texts.count - 1) { unrelated[judge.judge(texts[k], texts[k + 1]).relation, default: 0] += 1 }
    }
    for text in texts { words += text.split(separator: " ").count }
    var analysedTime = Duration.zero
    var analysedCounts: [PairRelation: Int] = [:]
    let analysisTime = clock.measure {
        let analysed = texts.map(RelationText.init), analysedCopies = copies.map(RelationText.init)
        analysedTime = clock.measure {
            for (text, copy) in zip(analysed, analysedCopies) {
                analysedCounts[judge.judge(text, copy).relation, default: 0] += 1
            }
        }
    }
    print("## khabar-bench relation: \(texts.count) articles, \(words / texts.count) words on average")
    print("")
    print(machineLine())
    print("")
    func row(_ name: String, _ time: Duration, _ n: Int, _ relations: [PairRelation: Int]) {
        let shown = relations.isEmpty ? "" : PairRelation.allCases.map { "\($0.rawValue) \(relations[$0] ?? 0)" }.joined(separator: ", ")
        print("| \(name) | \(n) | " + String(format: "%.1f µs", time.seconds / Double(n) * 1e6) + " | \(shown) |")
    }
    print("| pairs | count | time per pair | relations |")
    print("|---|---:|---:|---|")
    row("article vs copy with one number changed (or a word added)", nearTime, texts.count, counts)
    row("article vs next article", unrelatedTime, texts.count - 1, unrelated)
    row("analysing one text (RelationText)", analysisTime - analysedTime, 2 * texts.count, [:])
    row("article vs copy, both analysed before", analysedTime, texts.count, analysedCounts)
}
