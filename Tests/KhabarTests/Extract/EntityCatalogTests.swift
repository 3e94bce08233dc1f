import Foundation
import Testing
@testable import Khabar

@Suite("Entity catalog")
struct EntityCatalogTests {
    static func facts(_ id: String, _ names: [(String, EntityKind)]) -> ArticleFacts {
        ArticleFacts(id: id, mentions: names.map { EntityMention(text: $0.0, kind: $0.1, start: 0, end: 0) },
                     quotes: [], dates: [])
    }

    @Test func spellingsShortFormsAndCliticsMerge() {
        var catalog = EntityCatalog()
        var a = Self.facts("a", [("فلاديمير بوتين", .person), ("كيم جونغ أون", .person), ("روسيا", .location)])
        var b = Self.facts("b", [("بوتن", .person), ("كيم", .person), ("وروسيا", .location), ("كيم جونج", .person)])
        catalog.add(&a)
        catalog.add(&b)
        #expect(b.mentions[0].entity == a.mentions[0].entity, "بوتن is بوتين")
        #expect(b.mentions[1].entity == a.mentions[1].entity, "كيم is كيم جونغ أون")
        #expect(b.mentions[2].entity == a.mentions[2].entity, "وروسيا is روسيا")
        #expect(b.mentions[3].entity == a.mentions[1].entity, "a name cut short joins the full one")
        #expect(Set(catalog.all.map(\.id)).count == 3)
        #expect(catalog.all[a.mentions[0].entity!].articles == ["a", "b"])
    }

    /// An id that comes again later in the input (the same article read twice) is listed once.
    @Test func anArticleIsListedOnceUnderAnEntityEvenWhenItsIdComesAgain() {
        var catalog = EntityCatalog()
        for id in ["a", "b", "a", "c", "b"] {
            var facts = Self.facts(id, [("بوتين", .person), ("روسيا", .location), ("بوتين", .person)])
            catalog.add(&facts)
        }
        #expect(catalog.all.map(\.articles) == [["a", "b", "c"], ["a", "b", "c"]])
        #expect(catalog.all.map(\.mentions) == [10, 5])
    }

    @Test func wordsSwallowedInFrontOfAKnownNameStillMerge() {
        var catalog = EntityCatalog()
        var a = Self.facts("a", [("للكرملين دميتري بيسكوف", .person)])
        var b = Self.facts("b", [("دميتري بيسكوف", .person), ("بيسكوف", .person)])
        catalog.add(&a)
        catalog.add(&b)
        #expect(Set(b.mentions.map(\.entity)) == [a.mentions[0].entity])
    }

    @Test func twoKnownNamesSideBySideSplit() {
        var catalog = EntityCatalog()
        var a = Self.facts("a", [("فلاديمير بوتين", .person), ("كيم جونغ أون", .person)])
        var b = ArticleFacts(id: "b", mentions: [EntityMention(text: "بوتين كيم", kind: .person, start: 10, end: 27),
                                                 EntityMention(text: "بوتين بيسكوف", kind: .person, start: 30, end: 53)],
                             quotes: [], dates: [])
        catalog.add(&a)
        catalog.add(&b)
        #expect(b.mentions.map(\.text) == ["بوتين", "كيم", "بوتين بيسكوف"], "a new name (بيسكوف) never splits")
        #expect(b.mentions[0].entity == a.mentions[0].entity && b.mentions[1].entity == a.mentions[1].entity)
        #expect(b.mentions[0].start == 10 && b.mentions[0].end == 20 && b.mentions[1].start == 21 && b.mentions[1].end == 27)
    }

    @Test func differentPeopleStayApart() {
        var catalog = EntityCatalog()
        var a = Self.facts("a", [("بوتين", .person), ("بيسكوف", .person), ("كوريا الشمالية", .location)])
        catalog.add(&a)
        #expect(Set(a.mentions.compactMap(\.entity)).count == 3)
    }

    /// The seed entities, through the real tagger: one entity each, spellings merged.
    @Test func seedEntities() throws {
        guard let seeds = SharedData.seedsFolder() else { return }
        let extractor = FactExtractor()
        var catalog = EntityCatalog()
        Pipeline(jobs: 1).clean(paths: [seeds.path]) { outcome in
            guard case .success(let article) = outcome else { return }
            var facts = extractor.extract(article)
            catalog.add(&facts)
        }
        // Entities with a spelling that has `word` as a whole word (or after a one-letter clitic: وبوتين).
        func entities(containing word: String) -> [CatalogEntity] {
            catalog.all.filter { entity in
                entity.variants.contains { variant in
                    variant.split(separator: " ").contains { $0 == word || ($0.count == word.count + 1 && $0.hasSuffix(word)) }
                }
            }
        }
        for (spellings, label) in [(["بوتين", "بوتن"], "Putin"), (["شويغو", "شويجو"], "Shoigu"),
                                   (["يانغ", "يانج"], "Pyongyang"), (["أون", "كيم"], "Kim"),
                                   (["فوستوتشني", "فوستوشني"], "Vostochny"), (["بيسكوف"], "Peskov")] {
            let found = Set(spellings.flatMap { entities(containing: $0).map(\.id) })
            #expect(found.count == 1, "\(label): \(spellings) should be one entity, got \(found.count)")
        }
        for word in ["بيسكوف", "لافروف", "الكرملين", "كوريا الشمالية"] {
            #expect(catalog.all.contains { $0.variants.contains { $0.contains(word) } }, "\(word) is tagged")
        }
        let vostochny = entities(containing: "فوستوتشني") + entities(containing: "فوستوشني")
        #expect(vostochny.allSatisfy { $0.kind == .location && $0.articles.count >= 4 }, "Vostochny: \(vostochny.map(\.variants))")
        // KCNA: both the long and the short spelling, one organisation.
        let kcna = catalog.all.filter { $0.variants.contains { $0.contains("الأنباء المركزية الكورية") } }
        #expect(kcna.count == 1, "KCNA should be one entity, got \(kcna.map(\.variants))")
        #expect(kcna.first?.kind == .organisation)
    }

    /// The seed quotes resolve to the right speaker entity (through the tagger and catalog).
    @Test func seedQuoteSpeakersAreEntities() throws {
        guard let seeds = SharedData.seedsFolder() else { return }
        let extractor = FactExtractor()
        var catalog = EntityCatalog()
        var all: [ArticleFacts] = []
        Pipeline(jobs: 1).clean(paths: [seeds.path]) { outcome in
            guard case .success(let article) = outcome else { return }
            var facts = extractor.extract(article)
            catalog.add(&facts)
            all.append(facts)
        }
        let expected = [("هذا سبب قدومنا إلى هنا", "بوتين"), ("سعيد بلقائك", "بوتين"), ("أنا سعيد للغاية بلقائك", "بوتين"),
                        ("سنناقش كل المواضيع دون تسرّع", "بوتين"), ("دائما ما عبرنا عن الدعم الكامل", "كيم"),
                        ("أعطى كيم بندقية", "بيسكوف"), ("لن تكون الصين سعيدة جدا", "تيخونوف")]
        for (phrase, speaker) in expected {
            let matches = all.flatMap { facts in
                facts.quotes.filter { $0.text.contains(phrase) }.map { EntityCatalog.speakerEntity(of: $0, in: facts) }
            }
            let names = matches.compactMap { $0 }.flatMap { catalog.all[$0].variants }
            #expect(names.contains { $0.contains(speaker) }, "«\(phrase)» should be said by \(speaker), got \(names)")
        }
    }
}

@Suite("Entity catalog: clitics")
struct EntityCatalogCliticTests {
    static func mention(_ text: String, _ kind: EntityKind, at start: Int = 0) -> EntityMention {
        EntityMention(text: text, kind: kind, start: start, end: start + text.utf8.count)
    }

    @Test func aCliticIsTrimmedOffTheMentionAndNeverListedAsASpelling() {
        var catalog = EntityCatalog()
        var a = ArticleFacts(id: "a", mentions: [Self.mention("روسيا", .location), Self.mention("لروسيا", .location, at: 40)],
                             quotes: [], dates: [])
        catalog.add(&a)
        #expect(a.mentions[1].text == "روسيا" && a.mentions[1].start == 42 && a.mentions[1].end == 52)
        #expect(a.mentions[1].entity == a.mentions[0].entity)
        #expect(catalog.all[a.mentions[0].entity!].variants == ["روسيا"])
    }

    @Test func theConjunctionBeforeTheArticleGoesEvenOnANewName() {
        var catalog = EntityCatalog()
        var a = ArticleFacts(id: "a", mentions: [Self.mention("والعراق", .location), Self.mention("العراق", .location),
                                                 Self.mention("والتر", .person)], quotes: [], dates: [])
        catalog.add(&a)
        #expect(a.mentions.map(\.text) == ["العراق", "العراق", "والتر"], "a person's name keeps its و (Walter)")
        #expect(a.mentions[0].entity == a.mentions[1].entity)
    }

    @Test func aBareNameJoinsTheEntityFirstSeenWithAClitic() {
        var catalog = EntityCatalog()
        var a = ArticleFacts(id: "a", mentions: [Self.mention("وأوروبا", .location)], quotes: [], dates: [])
        var b = ArticleFacts(id: "b", mentions: [Self.mention("أوروبا", .location), Self.mention("وأوروبا", .location)],
                             quotes: [], dates: [])
        catalog.add(&a)
        catalog.add(&b)
        #expect(Set([a, b].flatMap(\.mentions).map(\.entity)).count == 1)
        #expect(b.mentions[1].text == "أوروبا")
        #expect(catalog.all[a.mentions[0].entity!].name == "أوروبا")
    }

    @Test func aNameThatStartsWithACliticLetterIsNotCut() {
        var catalog = EntityCatalog()
        var a = ArticleFacts(id: "a", mentions: [Self.mention("هاري كين", .person), Self.mention("كين", .person),
                                                 Self.mention("بكين", .location)], quotes: [], dates: [])
        catalog.add(&a)
        #expect(a.mentions[2].text == "بكين" && a.mentions[2].entity != a.mentions[1].entity, "Beijing is not Kane")
    }
}

@Suite("Entity catalog: spellings")
struct EntityCatalogSpellingTests {
    static func one(_ names: [String], kind: EntityKind = .location) -> [Int?] {
        var catalog = EntityCatalog()
        var facts = names.enumerated().map { k, name in
            ArticleFacts(id: "a\(k)", mentions: [EntityMention(text: name, kind: kind, start: 0, end: name.utf8.count)],
                         quotes: [], dates: [])
        }
        for i in facts.indices { catalog.add(&facts[i]) }
        return facts.map { $0.mentions.first?.entity }
    }

    @Test(arguments: [("الرياض", "ورد"), ("جدة", "القاضي"), ("روسيا", "وارسو"), ("كيري", "جيري"), ("العراق", "لارك"),
                      ("أوروبا", "العربية")])
    func wordsWhoseSkeletonsAgreeStayApart(_ a: String, _ b: String) {
        let ids = Self.one([a, b])
        #expect(ids[0] != ids[1], "\(a) and \(b) are not one name")
    }

    @Test(arguments: [("بوتين", "بوتن"), ("شويغو", "شويجو"), ("كلينتون", "كلنتون"), ("برينجر", "بيرنجر"), ("غريلو", "غريللو"),
                      ("فوستوتشني", "فوستوشني")])
    func transliterationVariantsMerge(_ a: String, _ b: String) {
        let ids = Self.one([a, b], kind: .person)
        #expect(ids[0] != nil && ids[0] == ids[1], "\(a) and \(b) are one name")
    }

    @Test func aSonIsNotHisFather() {
        let ids = Self.one(["سلمان بن عبدالعزيز آل سعود", "محمد بن سلمان بن عبدالعزيز آل سعود"], kind: .person)
        #expect(ids[0] != ids[1])
    }
}
