// khabar-bench: Khabar's benchmarks. Build in release mode (debug numbers mean nothing):
//
//   swift build -c release --product khabar-bench
//   khabar-bench clean [--runs N] [--jobs N[,N…]] FILE…   read / clean / read+clean throughput
//   khabar-bench text FILE…                               KhabarText hot paths, MB/s
//   khabar-bench html-extract FILE…                       HTML reader output as JSON Lines
//   khabar-bench build-background OUTPUT FILE…            the IDF prior shipped as a resource
//   khabar-bench build-word-clusters OUTPUT FILE…         the entity tagger's word classes (a resource)
//   khabar-bench train-relation [--out F] TRAIN.csv        retrain the relation judge's model
//   khabar-bench relation FILE…                           relation judge on long texts, µs per pair
//   khabar-bench train-ner [--out F] TRAIN.txt             retrain the entity tagger's model
//   khabar-bench ner [--model F] FILE…                     entity tagger throughput, tokens/s
//   khabar-bench variants-eval DIR [--verbose]            name-variant keys on ANETAC (scripts/variants-eval.sh)
//   khabar-bench dump-profiles FILE…                      clustering signals per article (scripts/cluster-ceiling.sh)
//
// FILE is anything `InputReader` takes (.jsonl, .jsonl.xz, .gz, directories, …).
// scripts/bench.sh runs `clean` and `text` on the SaudiNewsNet week.
import Foundation
import Khabar

let usage = """
    usage: khabar-bench clean [--runs N] [--jobs N[,N...]] FILE...
           khabar-bench text FILE...
           khabar-bench html-extract FILE...
           khabar-bench build-background OUTPUT FILE...
           khabar-bench build-word-clusters OUTPUT FILE...
           khabar-bench relation FILE...
           khabar-bench variants-eval ANETAC_DIR [--verbose]
           khabar-bench dump-profiles FILE...
           khabar-bench train-relation [--out FILE] [--max-false-same X] [--c C] [--min-word-pairs N] TRAIN.csv
           khabar-bench train-ner [--out FILE] [--epochs N] [--dev-fraction F] [--dev-gold FILE] [--seed N] TRAIN.txt
           khabar-bench ner [--model FILE] FILE...

      clean         times (a) reading only, (b) cleaning only (pre-read articles, one thread) and
                    (c) read+clean through Pipeline.clean(paths:), each --runs times (default 5),
                    and prints a Markdown table of medians. --jobs lists the Pipeline job counts
                    for (c) (default: 1 and the number of cores).
      text          times the KhabarText hot paths over the articles' text (best of 3).
      html-extract  writes the HTML reader's output for each input as one JSON Lines object.
      build-background  counts term document frequencies over the inputs into OUTPUT (the IDF
                    prior in Sources/Khabar/Resources/background-df.bin).
      build-word-clusters  learns distributional word classes from the inputs' clean text into
                    OUTPUT (Sources/Khabar/Resources/word-clusters.bin, read by the entity tagger's
                    features: rebuild, then retrain with train-ner).
      relation      times the relation judge on long texts: each article against a copy with one
                    number changed, and against the next article.
      variants-eval  NameKey/NameMerger on ANETAC name pairs: variant recall and false merges.
      dump-profiles  one JSON line per article: title/lead/body term counts, entity mentions, time
                    (what bench/cluster-ceiling studies offline).
      train-relation  learns the relation judge (khabar compare) from ANS stance pairs (s1,s2,stance)
                    and writes it as text, by default over
                    Sources/Khabar/Resources/relation-model.tsv (run from the repository
                    root). --max-false-same: largest share of disagree pairs called `same` in
                    cross-validation (default 0.08); --c: inverse L2 strength (0.5);
                    --min-word-pairs: pairs an unmatched word needs for a weight of its own (2);
                    --dump-cv FILE: the training pairs' out-of-fold predictions as TSV.
      train-ner     learns the entity tagger (khabar ner) from `token TAG` lines (ANERcorp), split
                    into sentences at . ! ؟ ?; the last --dev-fraction of the tokens (default 0.1) is
                    held out and only used to pick the epoch (of --epochs, default 25). Gazetteers:
                    --gazetteers DIR (default: anercorp-gazetteers beside the file), stored hashed.
                    Writes --out (default Sources/Khabar/Resources/ner-model.bin; run from the
                    repository root); --dev-gold FILE also writes the dev slice for span_f1.py;
                    --seed N: the shuffle (the shipped model: 2). Features read the word classes
                    bundled in the build (build-word-clusters, then swift build).
      ner           times the entity tagger over a `token [TAG]` file, one thread (best of 5).
    """

func fail(_ message: String) -> Never {
    let synopsis = usage.split(separator: "\n").prefix(5).joined(separator: "\n")
    FileHandle.standardError.write(Data("khabar-bench: \(message)\n\(synopsis)\n".utf8))
    exit(2)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

// MARK: - Measuring

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Runs `work` `runs` times on a monotonic clock; returns each run's seconds.
func timeRuns(_ label: String, runs: Int, _ work: () -> Void) -> [Double] {
    let clock = ContinuousClock()
    var times: [Double] = []
    for run in 1...runs {
        let cpuBefore = processCPUSeconds()
        let elapsed = clock.measure(work).seconds
        let cpu = processCPUSeconds() - cpuBefore
        times.append(elapsed)
        note("  \(label) run \(run)/\(runs): "
            + String(format: "%.3f s wall, %.3f s CPU (%.0f%% of one core)", elapsed, cpu, 100 * cpu / elapsed))
    }
    return times
}

/// User + system CPU time of this process, all threads (shows whether --jobs 2 really used 2 cores).
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The 1, 5 and 15 minute load averages (Linux), to flag other work competing for the cores.
func loadAverage() -> String? {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

func machineLine() -> String {
    var name = utsname()
    uname(&name)
    func field<T>(_ value: T) -> String {
        withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    let info = ProcessInfo.processInfo
    let memory = Double(info.physicalMemory) / Double(1 << 30)
    var build = "release"
    #if DEBUG
    build = "DEBUG (numbers are not meaningful; build with -c release)"
    #endif
    return "machine: \(field(name.sysname)) \(field(name.release)) \(field(name.machine)), "
        + "\(info.activeProcessorCount) active cores (\(info.processorCount) total), "
        + String(format: "%.1f GiB memory", memory) + "; build: \(build)"
        + (startLoad.map { "; load average at start: \($0)" } ?? "")
}

func fileBytes(_ paths: [String]) -> Int {
    paths.reduce(0) { total, path in
        total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
}

// MARK: - Subcommands

/// Reads every input once; returns the articles and the number of input errors.
func readArticles(_ paths: [String]) -> (articles: [RawArticle], errors: Int, firstErrors: [String]) {
    var articles: [RawArticle] = []
    var errors = 0
    var firstErrors: [String] = []
    InputReader().read(paths: paths) { outcome in
        switch outcome {
        case .success(let article): articles.append(article)
        case .failure(let error):
            errors += 1
            if firstErrors.count < 5 { firstErrors.append(error.description) }
        }
    }
    return (articles, errors, firstErrors)
}

func runCleanBenchmark(_ arguments: [String]) {
    var runs = 5
    var jobsList: [Int]? = nil
    var paths: [String] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--runs":
            guard let value = rest.popFirst().flatMap(Int.init), value >= 1 else { fail("--runs needs a number ≥ 1") }
            runs = value
        case "--jobs":
            guard let value = rest.popFirst() else { fail("--jobs needs a number") }
            let list = value.split(separator: ",").compactMap { Int($0) }
            guard !list.isEmpty, list.allSatisfy({ $0 >= 1 }) else { fail("--jobs takes numbers ≥ 1, like 1 or 1,2") }
            jobsList = list
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            if argument.hasPrefix("--") { fail("unknown option \(argument)") }
            paths.append(argument)
        }
    }
    guard !paths.isEmpty else { fail("clean needs at least one input file") }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let jobCounts = jobsList ?? (cores > 1 ? [1, cores] : [1])

    // An untimed read first: it gives the counts and the articles for the clean-only stage,
    // and warms the page cache so the read stage measures decompression + parsing, not the disk.
    note("reading \(paths.joined(separator: " ")) once (untimed)…")
    let (articles, errors, firstErrors) = readArticles(paths)
    for error in firstErrors { note("  input error: \(error)") }
    if errors > firstErrors.count { note("  … and \(errors - firstErrors.count) more input errors") }
    guard !articles.isEmpty else { fail("no articles read from \(paths.joined(separator: " "))") }
    let textBytes = articles.reduce(0) { $0 + $1.text.utf8.count }
    let megabytes = Double(textBytes) / 1e6

    var sink = 0 // consumed results, so the optimiser cannot drop the work
    var rows: [(stage: String, times: [Double])] = []

    note("(a) read only…")
    rows.append(("read only (InputReader: unxz + JSON Lines)", timeRuns("read", runs: runs) {
        var count = 0
        InputReader().read(paths: paths) { outcome in
            if case .success(let article) = outcome { count &+= article.text.utf8.count }
        }
        sink &+= count
    }))

    note("(b) clean only…")
    let cleaner = Cleaner()
    rows.append(("clean only (Cleaner.clean, 1 thread)", timeRuns("clean", runs: runs) {
        for article in articles {
            let clean = cleaner.clean(article)
            sink &+= clean.paragraphs.count &+ clean.removed.count
        }
    }))

    var pipelineCounts: [Int: (articles: Int, errors: Int)] = [:]
    for jobs in jobCounts {
        note("(c) read+clean, Pipeline(jobs: \(jobs))…")
        let pipeline = Pipeline(jobs: jobs)
        rows.append(("read+clean (Pipeline, jobs \(jobs))", timeRuns("read+clean jobs \(jobs)", runs: runs) {
            var cleaned = 0
            var failed = 0
            pipeline.clean(paths: paths) { outcome in
                switch outcome {
                case .success(let clean): cleaned += 1; sink &+= clean.paragraphs.count
                case .failure: failed += 1
                }
            }
            pipelineCounts[jobs] = (cleaned, failed)
        }))
    }

    let inputs = paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
    print("## khabar-bench clean: \(inputs)")
    print("")
    print(machineLine())
    print("")
    print("articles: \(articles.count), input errors: \(errors); "
        + String(format: "article text %.2f MB (UTF-8, 10^6 bytes); input files on disk %.2f MB",
                 megabytes, Double(fileBytes(paths)) / 1e6))
    for (jobs, counts) in pipelineCounts.sorted(by: { $0.key < $1.key })
    where counts.articles != articles.count || counts.errors != errors {
        print("warning: Pipeline(jobs: \(jobs)) gave \(counts.articles) articles and \(counts.errors) errors")
    }
    print("MB/s = article text MB (UTF-8 bytes of RawArticle.text after reading, 10^6) / median seconds;")
    print("articles/s = articles / median seconds. Median of \(runs) run\(runs == 1 ? "" : "s").")
    print("")
    print("| stage | runs | median s | min s | articles/s | MB/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows {
        let med = median(row.times)
        print("| \(row.stage) | \(row.times.count) | "
            + String(format: "%.3f | %.3f | %.0f | %.2f |", med, row.times.min()!,
                     Double(articles.count) / med, megabytes / med))
    }
    if sink == 42 { note("") } // keeps `sink` alive
}

func runText(_ arguments: [String]) {
    if arguments.contains(where: { $0 == "-h" || $0 == "--help" }) { print(usage); exit(0) }
    if let option = arguments.first(where: { $0.hasPrefix("--") }) { fail("unknown option \(option)") }
    guard !arguments.isEmpty else { fail("text needs at least one input file") }
    note("reading \(arguments.joined(separator: " "))…")
    let (articles, errors, firstErrors) = readArticles(arguments)
    for error in firstErrors { note("  input error: \(error)") }
    if errors > firstErrors.count { note("  … and \(errors - firstErrors.count) more input errors") }
    guard !articles.isEmpty else { fail("no articles read from \(arguments.joined(separator: " "))") }
    let corpus = articles.map(\.text)
    let megabytes = Double(corpus.reduce(0) { $0 + $1.utf8.count }) / 1e6
    note("timing KhabarText over \(corpus.count) texts…")
    let results = runTextBenchmark(corpus: corpus)

    let inputs = arguments.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
    print("## khabar-bench text: \(inputs)")
    print("")
    print(machineLine())
    print("")
    print(String(format: "articles: %d, input errors: %d; article text %.2f MB (UTF-8, 10^6 bytes). "
                 + "Best of 3 runs, one thread.", corpus.count, errors, megabytes))
    print("")
    print("| stage | MB/s | articles/s |")
    print("|---|---:|---:|")
    for (name, rate) in results {
        print("| \(name) | " + String(format: "%.1f | %.0f |", rate, rate / megabytes * Double(corpus.count)))
    }
}

// MARK: - Entry point

let startLoad = loadAverage()
func warnIfBusy() {
    if let load = startLoad, let oneMinute = Double(load.prefix { $0 != " " }), oneMinute > 0.7 {
        note("warning: load average \(load): other work is using the cores, timings will be noisy")
    }
}
var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("no subcommand") }
arguments.removeFirst()
switch command {
case "clean": warnIfBusy(); runCleanBenchmark(arguments)
case "text": warnIfBusy(); runText(arguments)
case "build-background": buildBackground(arguments)
case "build-word-clusters": buildWordClusters(arguments)
case "html-extract":
    guard !arguments.isEmpty else { fail("html-extract needs at least one input file") }
    dumpHTMLExtraction(paths: arguments)
case "train-relation": runTrainRelation(arguments)
case "relation": warnIfBusy(); runRelationBenchmark(arguments)
case "train-ner": runTrainNER(arguments)
case "ner": warnIfBusy(); runNERBenchmark(arguments)
case "variants-eval": runVariantsEval(arguments)
case "dump-profiles": runDumpProfiles(arguments)
case "-h", "--help", "help": print(usage)
default: fail("unknown subcommand \(command)")
}
