import Foundation
import Testing
@testable import Khabar

@Suite("Name variant keys")
struct NameKeyTests {
    /// Spellings news outlets use for one foreign name share a key.
    @Test(arguments: [
        ("بوتين", "بوتن"),
        ("جونغ", "جونج"),
        ("شويغو", "شويجو"),
        ("فوستوتشني", "فوستوشني"),
        ("بيونغ يانغ", "بيونج يانج"),
        ("سيرغي", "سيرجي"),
        ("الكرملين", "كرملين"),
        ("كوريا الشمالية", "کوریا الشمالیة"),
        ("كوريا الشمالية", "كوريا الشماليه"),
        ("أون", "اون"),
        ("ديمتري", "دميتري"),
        ("تيمم", "تيم"),
        ("شويغو", "شویگو"),   // Persian گ and ی
        ("بيونغيانغ", "بيونغ يانغ"),
    ])
    func variantsShareAKey(_ first: String, _ second: String) {
        // Compared run together: بيونغيانغ is one word, بيونغ يانغ two.
        #expect(NameKey(first).joined == NameKey(second).joined, "\(NameKey(first).key) vs \(NameKey(second).key)")
    }

    @Test func titlesAndTheirQualifiersAreDropped() {
        #expect(NameKey("الرئيس الروسي فلاديمير بوتين").key == NameKey("فلاديمير بوتين").key)
        #expect(NameKey("السيد بوتن").key == NameKey("بوتين").key)
        #expect(NameKey("وزير الخارجية الروسي سيرغي لافروف").key == NameKey("سيرجي لافروف").key)
        #expect(NameKey("المتحدث باسم الكرملين ديمتري بيسكوف").key == NameKey("دميتري بيسكوف").key)
        #expect(NameKey("زعيم كوريا الشمالية كيم جونغ أون").key == NameKey("كيم جونج أون").key)
        #expect(NameKey("رئيس وزراء اليابان فوميو كيشيدا").key == NameKey("فوميو كيشيدا").key)
        #expect(NameKey("الرئيس عبد الفتاح السيسي").tokens.count == 3)
        #expect(NameKey("الرئيس فلاديمير بوتين").tokens.count == 2)
        // No title before it: the ال word is the name.
        #expect(NameKey("الكرملين").tokens.count == 1)
        // A bare title still has a key.
        #expect(!NameKey("الرئيس").isEmpty)
    }

    @Test func skeletonSymbols() {
        #expect(NameKey("كيم جونغ أون").key == "KM KNK AN")
        #expect(NameKey("بوتين").key == "BTN")
        #expect(NameKey("KCNA").key == "kcna")
    }

    @Test func differentNamesKeepDifferentKeys() {
        #expect(NameKey("بوتين").key != NameKey("بيسكوف").key)
        #expect(NameKey("كيم").key != NameKey("كوريا").key)
        #expect(NameKey("لافروف").key != NameKey("شويغو").key)
    }

    @Test func editDistanceCountsLookAlikeSwapsAsHalf() {
        let merger = NameMerger()
        #expect(EditDistance.atMost(Array("BRS".utf8), Array("BRC".utf8), halfEdits: 1))
        #expect(!EditDistance.atMost(Array("BRS".utf8), Array("BRT".utf8), halfEdits: 1))
        #expect(EditDistance.atMost(Array("ANK".utf8), Array("ANKV".utf8), halfEdits: 1))
        #expect(merger.sameName(Array("DRCKFC".utf8), Array("DRSKFK".utf8))) // دراشكوفيتش/دراسكوفيك
        #expect(!merger.sameName(Array("TM".utf8), Array("TN".utf8)))
    }
}

@Suite("Name merger")
struct NameMergerTests {
    /// The groups as sets of mention strings, for readable failures.
    static func groups(_ mentions: [String], _ merger: NameMerger = NameMerger()) -> [[String]] {
        merger.group(mentions).map { $0.map { mentions[$0] } }
    }

    /// The seed entities, each written the ways Arabic outlets write it (typed here, not read
    /// from the seed files): every set must be one group, and no two sets may share a group.
    static let seedEntities: [(name: String, spellings: [String])] = [
        ("Putin", ["الرئيس الروسي فلاديمير بوتين", "السيد بوتن", "بوتين", "فلاديمير بوتن", "بوتن"]),
        ("Kim Jong Un", ["كيم جونغ أون", "الزعيم الكوري الشمالي كيم جونج أون", "كيم جونج اون", "كيم",
                         "زعيم كوريا الشمالية كيم جونغ أون"]),
        ("Shoigu", ["وزير الدفاع الروسي سيرغي شويغو", "شويجو", "سيرجي شويجو", "شويغو"]),
        ("Vostochny", ["قاعدة فوستوتشني الفضائية", "فوستوشني", "فوستوتشني"]),
        ("Pyongyang", ["بيونغ يانغ", "بيونج يانج", "العاصمة بيونغ يانغ"]),
        ("Peskov", ["المتحدث باسم الكرملين ديمتري بيسكوف", "دميتري بيسكوف", "بيسكوف"]),
        ("Lavrov", ["وزير الخارجية الروسي سيرغي لافروف", "لافروف", "سيرجي لافروف"]),
        ("Kremlin", ["الكرملين", "الكريملين"]),
        ("KCNA", ["وكالة الأنباء المركزية الكورية الشمالية", "وكالة الانباء المركزية الكورية",
                  "وكالة الأنباء المركزية الكوريّة", "وكالة الأنباء المركزية الكورية الشماليه"]),
        ("North Korea", ["كوريا الشمالية", "کوریا الشمالیة", "كوريا الشماليه", "كوريا"]),
    ]

    @Test func seedNamesMergeIntoOneEntityEach() {
        // Interleaved as they would come from five articles, so order does not help.
        var mentions: [String] = []
        var owner: [String] = []
        let longest = Self.seedEntities.map(\.spellings.count).max()!
        for round in 0..<longest {
            for entity in Self.seedEntities where round < entity.spellings.count {
                mentions.append(entity.spellings[round])
                owner.append(entity.name)
            }
        }
        let groups = NameMerger().group(mentions)
        for entity in Self.seedEntities {
            let holding = groups.filter { group in group.contains { owner[$0] == entity.name } }
            #expect(holding.count == 1, "\(entity.name) split: \(holding.map { $0.map { mentions[$0] } })")
        }
        for group in groups {
            let names = Set(group.map { owner[$0] })
            #expect(names.count == 1, "merged different entities: \(group.map { mentions[$0] })")
        }
        #expect(groups.count == Self.seedEntities.count)
    }

    @Test func differentPeopleStayApart() {
        #expect(Self.groups(["بوتين", "بيسكوف"]).count == 2)
        #expect(Self.groups(["كيم", "كوريا"]).count == 2)
        #expect(Self.groups(["كيم جونغ أون", "كوريا الشمالية", "كيم", "كوريا"]).count == 2)
        #expect(Self.groups(["فلاديمير بوتين", "ديمتري بيسكوف", "بوتن", "بيسكوف"]).count == 2)
        // Same-length names compare word by word: two edits in one short word are a different name.
        #expect(Self.groups(["جامعة الملك عبد العزيز", "جامعة الملك عبد الله"]).count == 2)
    }

    @Test func shortFormsJoinTheirFullName() {
        let groups = Self.groups(["كيم جونغ أون", "كيم", "بوتين", "فلاديمير بوتين"])
        #expect(groups == [["كيم جونغ أون", "كيم"], ["بوتين", "فلاديمير بوتين"]])
    }

    @Test func ambiguousShortFormStaysApartUnlessContextDecides() {
        let mentions = ["سيرغي شويغو", "سيرغي لافروف", "سيرجي"]
        #expect(NameMerger().group(mentions).count == 3)
        let withContext = [
            NameMention("سيرغي شويغو", context: ["وزير", "الدفاع"]),
            NameMention("سيرغي لافروف", context: ["وزير", "الخارجية"]),
            NameMention("سيرجي", context: ["الخارجية"]),
        ]
        #expect(NameMerger().group(withContext) == [[0], [1, 2]])
    }

    @Test func cutShortLongNamesJoinOnlyAUniqueLongerName() {
        #expect(Self.groups(["وكالة الأنباء المركزية الكورية الشمالية", "وكالة الأنباء المركزية الكورية"]).count == 1)
        // Two words are too few to be read as the start of a longer name.
        #expect(Self.groups(["كوريا الشمالية", "كوريا الشمالية الجنوبية"]).count == 2)
        // Beginning two different longer names: ambiguous, stays apart.
        #expect(Self.groups(["جامعة الملك عبد", "جامعة الملك عبد العزيز", "جامعة الملك عبد الله"]).count == 3)
    }

    @Test func emptyAndUnkeyedMentionsStayAlone() {
        #expect(NameMerger().group([String]()) == [])
        #expect(NameMerger().group(["", "…", "بوتين"]) == [[0], [1], [2]])
    }
}

/// ANETAC dev (../shared/data/transliteration): the merger must find the variant pairs and rarely
/// merge different names. Bounds sit a little below the measured figures (scripts/variants-eval.sh).
@Suite("Name variants on ANETAC dev")
struct AnetacVariantTests {
    static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func devFalseMergesAreRare() throws {
        guard let folder = SharedData.locate("data/transliteration") else { return }
        let english = try Self.lines(folder.appendingPathComponent("anetac-dev.en"))
        let arabic = try Self.lines(folder.appendingPathComponent("anetac-dev.ar"))
        #expect(english.count == arabic.count)
        let folded = english.map { $0.lowercased() }
        let keys = arabic.map { NameKey($0) }
        let merger = NameMerger()
        var pairs = 0, merged = 0
        for a in keys.indices {
            for b in (a + 1)..<keys.count where folded[a] != folded[b] {
                pairs += 1
                if merger.sameName(keys[a], keys[b]) { merged += 1 }
            }
        }
        #expect(pairs > 400_000)
        // Measured 0.0004; a key that folds too much shows up here first.
        #expect(Double(merged) / Double(pairs) < 0.001, "\(merged)/\(pairs)")
    }

    @Test func devVariantPairsMerge() throws {
        guard let folder = SharedData.locate("data/transliteration") else { return }
        // Dev names whose English (doubled letters folded) matches a train name with another Arabic spelling.
        func fold(_ name: String) -> String {
            var out: [UInt8] = []
            for byte in name.lowercased().utf8 where byte >= 97 && byte <= 122 && out.last != byte { out.append(byte) }
            return String(decoding: out, as: UTF8.self)
        }
        var trainByEnglish: [String: [String]] = [:]
        let trainEnglish = try Self.lines(folder.appendingPathComponent("anetac-train.en"))
        let trainArabic = try Self.lines(folder.appendingPathComponent("anetac-train.ar"))
        for (english, arabic) in zip(trainEnglish, trainArabic) { trainByEnglish[fold(english), default: []].append(arabic) }
        let devEnglish = try Self.lines(folder.appendingPathComponent("anetac-dev.en"))
        let devArabic = try Self.lines(folder.appendingPathComponent("anetac-dev.ar"))
        let merger = NameMerger()
        var pairs = 0, merged = 0
        for (english, arabic) in zip(devEnglish, devArabic) {
            for other in trainByEnglish[fold(english)] ?? [] where other != arabic {
                pairs += 1
                if merger.sameName(NameKey(arabic), NameKey(other)) { merged += 1 }
            }
        }
        #expect(pairs >= 10)
        #expect(Double(merged) / Double(max(pairs, 1)) >= 0.85, "\(merged)/\(pairs)")
    }
}
