import Foundation
import Khabar

/// `khabar-bench variants-eval DIR`: checks `NameKey`/`NameMerger` on ANETAC English↔Arabic name pairs
/// (DIR holds anetac-{train,dev}.{en,ar}).
///
/// ANETAC has one Arabic spelling per English name and no English name twice, so variant pairs are
/// names whose English spellings agree after a light fold (case, accents, doubled letters:
/// Johanson/Johansson, Grigori/Grigorii) while their Arabic spellings differ. Reported:
/// - variant recall: of such pairs with a dev name in them (partner from train or dev), the share whose
///   keys are equal, and the share `NameMerger.sameName` accepts; the same over train-only pairs;
/// - false merges: of all pairs of dev names whose folded English differs, the share with equal keys
///   and the share `sameName` accepts;
/// - the same recall and false merges for `EntityCatalog` (what `khabar extract` and the digest use).
func runVariantsEval(_ arguments: [String]) {
    guard let folder = arguments.first else { fail("variants-eval needs the ANETAC folder") }
    func load(_ part: String) -> [(english: String, arabic: String)] {
        func lines(_ ext: String) -> [String] {
            let path = "\(folder)/anetac-\(part).\(ext)"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        }
        return zip(lines("en"), lines("ar")).filter { !$0.0.isEmpty && !$0.1.isEmpty }.map { ($0.0, $0.1) }
    }
    let train = load("train"), dev = load("dev")
    let merger = NameMerger()

    struct Entry { let arabic: String; let key: NameKey; let isDev: Bool }
    var byEnglish: [String: [Entry]] = [:]
    for (part, isDev) in [(train, false), (dev, true)] {
        for pair in part {
            byEnglish[foldedEnglish(pair.english), default: []].append(Entry(arabic: pair.arabic, key: NameKey(pair.arabic), isDev: isDev))
        }
    }

    struct Tally { var pairs = 0, sameKey = 0, merged = 0, catalog = 0 }
    var devTally = Tally(), trainTally = Tally()
    var missed: [String] = []
    var missedInTrain: [String] = []
    var catalogMissed: [String] = []
    for (english, entries) in byEnglish where entries.count > 1 {
        for a in 0..<entries.count {
            for b in (a + 1)..<entries.count where entries[a].arabic != entries[b].arabic {
                let sameKey = entries[a].key == entries[b].key
                let merged = merger.sameName(entries[a].key, entries[b].key)
                let anchoredInDev = entries[a].isDev || entries[b].isDev
                let catalogMerged = EntityCatalog.mergesSpellings(entries[a].arabic, entries[b].arabic)
                if !catalogMerged && entries[a].key == entries[b].key {
                    catalogMissed.append("\(english): \(entries[a].arabic) ≠ \(entries[b].arabic) [\(entries[a].key.key)]")
                }
                if anchoredInDev {
                    devTally.pairs += 1
                    if catalogMerged { devTally.catalog += 1 }
                    if sameKey { devTally.sameKey += 1 }
                    if merged { devTally.merged += 1 }
                    if !merged {
                        missed.append("\(english): \(entries[a].arabic) [\(entries[a].key.key)] ≠ \(entries[b].arabic) [\(entries[b].key.key)]")
                    }
                } else {
                    trainTally.pairs += 1
                    if catalogMerged { trainTally.catalog += 1 }
                    if sameKey { trainTally.sameKey += 1 }
                    if merged { trainTally.merged += 1 }
                    else { missedInTrain.append("\(english): \(entries[a].arabic) [\(entries[a].key.key)] ≠ \(entries[b].arabic) [\(entries[b].key.key)]") }
                }
            }
        }
    }

    // False merges: every pair of dev names whose folded English differs.
    let devEntries = dev.map { (english: foldedEnglish($0.english), key: NameKey($0.arabic)) }
    var differentPairs = 0, collidingKeys = 0, wronglyMerged = 0, catalogMerged = 0
    var collisions: [String] = []
    for a in 0..<devEntries.count {
        for b in (a + 1)..<devEntries.count where devEntries[a].english != devEntries[b].english {
            differentPairs += 1
            if devEntries[a].key == devEntries[b].key { collidingKeys += 1 }
            if EntityCatalog.mergesSpellings(dev[a].arabic, dev[b].arabic) { catalogMerged += 1 }
            if merger.sameName(devEntries[a].key, devEntries[b].key) {
                wronglyMerged += 1
                if collisions.count < 15 {
                    collisions.append("\(dev[a].english)/\(dev[a].arabic) ~ \(dev[b].english)/\(dev[b].arabic) [\(devEntries[a].key.key)]")
                }
            }
        }
    }

    func share(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "n/a" : String(format: "%.4f (%d/%d)", Double(part) / Double(whole), part, whole)
    }
    print("ANETAC variant check (\(folder)); variant pairs = same English after folding case, accents, doubled letters")
    print("dev-anchored variant pairs: \(devTally.pairs)")
    print("  recall, same key:       \(share(devTally.sameKey, devTally.pairs))")
    print("  recall, merger (key ± edits): \(share(devTally.merged, devTally.pairs))")
    print("  recall, entity catalog: \(share(devTally.catalog, devTally.pairs))")
    print("train-only variant pairs: \(trainTally.pairs)")
    print("  recall, same key:       \(share(trainTally.sameKey, trainTally.pairs))")
    print("  recall, merger:         \(share(trainTally.merged, trainTally.pairs))")
    print("  recall, entity catalog: \(share(trainTally.catalog, trainTally.pairs))")
    print("dev pairs of different names: \(differentPairs)")
    print("  false merges, same key: \(share(collidingKeys, differentPairs))")
    print("  false merges, merger:   \(share(wronglyMerged, differentPairs))")
    print("  false merges, catalog:  \(share(catalogMerged, differentPairs))")
    if arguments.contains("--verbose") {
        print("missed dev variant pairs:"); missed.sorted().forEach { print("  \($0)") }
        if arguments.contains("--train-misses") {
            print("missed train variant pairs:"); missedInTrain.sorted().forEach { print("  \($0)") }
        }
        print("first false merges:"); collisions.forEach { print("  \($0)") }
        print("same key, kept apart by the catalog's spelling check:"); catalogMissed.sorted().forEach { print("  \($0)") }
    }
}

/// English spelling with case, accents, non-letters and doubled letters folded: Johansson → johanson.
func foldedEnglish(_ name: String) -> String {
    let plain = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    var out: [UInt8] = []
    for byte in plain.utf8 where (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) {
        let lower = byte | 0x20
        if out.last != lower { out.append(lower) }
    }
    return String(decoding: out, as: UTF8.self)
}
