import Foundation
import Khabar

/// `khabar-bench train-ner TRAIN --out MODEL`: learns the entity tagger from ANERcorp-style
/// `token TAG` lines, holding out the last --dev-fraction of the tokens to choose the epoch.
func runTrainNER(_ arguments: [String]) {
    var outPath = "Sources/Khabar/Resources/ner-model.bin"
    var epochs = 25
    var devFraction = 0.1
    var gazetteerFolder: String? = nil
    var devGoldPath: String? = nil
    var rowBits = 20
    var documentPass = true
    var trainPath: String? = nil
    var seed: UInt64? = nil
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--out": outPath = optionValue(&rest, "--out needs a file")
        case "--epochs":
            guard let value = rest.popFirst().flatMap(Int.init), value >= 1 else { fail("--epochs needs a number ≥ 1") }
            epochs = value
        case "--dev-fraction":
            guard let value = rest.popFirst().flatMap(Double.init), value >= 0, value < 1 else { fail("--dev-fraction takes 0…<1") }
            devFraction = value
        case "--row-bits":
            guard let value = rest.popFirst().flatMap(Int.init), (12...24).contains(value) else { fail("--row-bits takes 12…24") }
            rowBits = value
        case "--gazetteers": gazetteerFolder = optionValue(&rest, "--gazetteers needs a folder")
        case "--no-document-pass": documentPass = false
        case "--seed":
            guard let value = rest.popFirst().flatMap({ UInt64($0) }) else { fail("--seed needs a number") }
            seed = value
        case "--dev-gold": devGoldPath = optionValue(&rest, "--dev-gold needs a file")
        default:
            if argument.hasPrefix("--") { fail("unknown option \(argument)") }
            trainPath = argument
        }
    }
    guard let trainPath, let text = try? String(contentsOfFile: trainPath, encoding: .utf8) else {
        fail("train-ner needs a readable training file")
    }
    let sentences = EntityCorpus.read(text)
    let (train, dev) = EntityCorpus.holdOut(sentences, fraction: devFraction)
    note("\(train.count) training sentences (\(train.reduce(0) { $0 + $1.tokens.count }) tokens), "
        + "\(dev.count) dev sentences (\(dev.reduce(0) { $0 + $1.tokens.count }) tokens)")
    if let devGoldPath {
        try? EntityCorpus.write(dev).write(toFile: devGoldPath, atomically: true, encoding: .utf8)
        note("dev gold written to \(devGoldPath)")
    }

    // The ANERgazet lists beside the training file, by default.
    let folder = gazetteerFolder
        ?? URL(fileURLWithPath: trainPath).deletingLastPathComponent().appendingPathComponent("anercorp-gazetteers").path
    var lists: [(EntityKind, String)] = []
    for (kind, name) in [(EntityKind.person, "AlignedPersGazetteer.txt"), (.location, "AlignedLocGazetteer.txt"),
                         (.organisation, "AlignedOrgGazetteer.txt")] {
        let path = folder + "/" + name
        guard let list = try? String(contentsOfFile: path, encoding: .utf8) else {
            note("warning: no gazetteer \(path)")
            continue
        }
        lists.append((kind, list))
    }

    var trainer = EntityTrainer(lists: lists)
    trainer.epochs = epochs
    trainer.rowBits = rowBits
    if let seed { trainer.seed = seed }
    let clock = ContinuousClock()
    var started = clock.now
    let (model, keptEpochs) = trainer.train(train, dev: dev, documentPass: documentPass) { pass, epoch, score in
        let seconds = (clock.now - started).seconds
        started = clock.now
        guard let score else { note("pass \(pass) epoch \(epoch): \(String(format: "%.1f", seconds)) s"); return }
        let perKind = EntityKind.allCases.map { "\($0.label) \(String(format: "%.3f", score.f1($0).f1))" }
        note("pass \(pass) epoch \(epoch): dev span F1 \(String(format: "%.4f", score.f1().f1)) (\(perKind.joined(separator: ", "))), "
            + String(format: "%.1f s", seconds))
    }
    let data = model.encoded()
    do {
        try data.write(to: URL(fileURLWithPath: outPath))
    } catch {
        fail("cannot write \(outPath): \(error)")
    }
    let finalScore = dev.isEmpty ? nil : EntityTrainer.score(model: model, on: dev)
    note("kept epochs \(keptEpochs.map(String.init).joined(separator: ", ")) per pass\(dev.isEmpty ? "" : " (best dev F1)")"
        + (finalScore.map { String(format: "; dev span F1 %.4f", $0.f1().f1) } ?? "") + "; wrote \(outPath), \(data.count) bytes")
}

/// `khabar-bench ner FILE [--model MODEL]`: entity tagging throughput on a `token [TAG]` file, one thread.
func runNERBenchmark(_ arguments: [String]) {
    var modelPath: String? = nil
    var paths: [String] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        if argument == "--model" { modelPath = optionValue(&rest, "--model needs a file"); continue }
        if argument.hasPrefix("--") { fail("unknown option \(argument)") }
        paths.append(argument)
    }
    guard !paths.isEmpty else { fail("ner needs a token file") }
    let model: EntityModel?
    if let modelPath {
        model = FileManager.default.contents(atPath: modelPath).flatMap { EntityModel(encoded: $0) }
    } else {
        model = EntityModel.shipped
    }
    guard let model else { fail("no entity model (ship Resources/ner-model.bin or pass --model)") }
    var sentences: [[String]] = []
    for path in paths {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
        sentences += EntityCorpus.read(text).map(\.tokens)
    }
    let tokens = sentences.reduce(0) { $0 + $1.count }
    note(machineLine())
    let tagger = EntityTagger(model: model)
    var sink = 0
    // Blocks of 200 sentences stand for documents (the document pass looks within a text).
    let documents = stride(from: 0, to: sentences.count, by: 200).map { Array(sentences[$0..<min($0 + 200, sentences.count)]) }
    let times = timeRuns("ner", runs: 5) {
        for document in documents { sink &+= tagger.tagDocument(document).count }
    }
    let best = times.min()!
    print("\(tokens) tokens, \(sentences.count) sentences: best \(String(format: "%.3f", best)) s, "
        + "median \(String(format: "%.3f", median(times))) s → \(Int(Double(tokens) / best)) tokens/s (best), "
        + "\(Int(Double(tokens) / median(times))) tokens/s (median), one thread (\(sink / max(sentences.count, 1)) pass)")
}

/// The value after an option, or a usage failure saying what was missing.
private func optionValue(_ rest: inout ArraySlice<String>, _ missing: String) -> String {
    guard let value = rest.popFirst() else { fail(missing) }
    return value
}
