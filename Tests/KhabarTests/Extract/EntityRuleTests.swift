import Testing
import KhabarText
@testable import Khabar

@Suite("Entity rules after the tagger")
struct EntityRuleTests {
    /// Labels per token of `text` after the place rule, starting from all-O tags.
    static func placeTags(_ text: String, known: Set<String>) -> [String] {
        let tokens = Tokenizer.tokenize(text)
        var tags = [EntityTag](repeating: .outside, count: tokens.count)
        PlaceNameRule(isKnownWord: { known.contains($0) }).apply(to: tokens, tags: &tags)
        return tags.map(\.description)
    }

    @Test func unknownWordAfterPlaceHeadIsALocation() {
        let tags = Self.placeTags("وصل إلى قاعدة فوستوتشني الفضائية", known: [])
        #expect(tags == ["O", "O", "O", "B-LOC", "O"])
    }

    @Test func headWithCliticAndNameElsewhereInTheDocument() {
        let tags = Self.placeTags("زار بميناء فوستوتشني ثم غادر فوستوتشني ووصل لفوستوتشني", known: ["غادر", "ووصل"])
        #expect(tags == ["O", "O", "B-LOC", "O", "O", "B-LOC", "O", "B-LOC"])
    }

    @Test func knownOrDefiniteWordsAfterAHeadStayOutside() {
        #expect(Self.placeTags("قاعدة عسكرية", known: ["عسكريه"]) == ["O", "O"])
        #expect(Self.placeTags("قاعدة البيانات", known: []) == ["O", "O"])
    }

    @Test func wordsTheTaggerTaggedAreLeftAlone() {
        let tokens = Tokenizer.tokenize("مطار هيثرو")
        var tags: [EntityTag] = [.begin(.location), .inside(.location)]
        PlaceNameRule(isKnownWord: { _ in false }).apply(to: tokens, tags: &tags)
        #expect(tags == [.begin(.location), .inside(.location)])
    }

    /// The shipped background vocabulary knows Arabic adjectives, not rare transliterated names.
    @Test func backgroundVocabularyTellsNamesFromWords() {
        let rule = PlaceNameRule()
        guard BackgroundFrequencies.shipped.documents > 0 else { return }
        #expect(!rule.looksLikeUnknownName(ArabicNormalizer.normalize("عسكرية", Tokenizer.wordOptions)))
        #expect(rule.looksLikeUnknownName(ArabicNormalizer.normalize("فوستوتشني", Tokenizer.wordOptions)))
    }

    @Test func agencyNamesCarryTheirCanonicalName() {
        let tokens = Tokenizer.tokenize("وذكرت وكالة الأنباء المركزية الكورية الشمالية أن كيم وصل، بحسب KCNA.")
        let found = AgencyMentions.find(in: tokens)
        #expect(found.count == 2)
        #expect(found.first?.tokens == 1..<6)
        #expect(Set(found.map(\.agency)) == ["وكالة الأنباء المركزية الكورية"])
    }

    @Test func weakAgencyNamesNeedACreditWordRightBefore() {
        #expect(AgencyMentions.find(in: Tokenizer.tokenize("نقلا عن الخارجية الفرنسية")).isEmpty)
        #expect(AgencyMentions.find(in: Tokenizer.tokenize("ذكرت الفرنسية")).map(\.agency) == ["فرانس برس"])
        #expect(AgencyMentions.find(in: Tokenizer.tokenize("قالت لرويترز")).map(\.agency) == ["رويترز"])
    }

    /// Through the real tagger: the rules' mentions come out of `FactExtractor`.
    @Test func extractorMentionsIncludeRuleNames() {
        guard EntityModel.shipped != nil else { return }
        let mentions = FactExtractor().mentions(in: "وذكرت وكالة الأنباء المركزية الكورية الشمالية أن الزعيمين التقيا في قاعدة فوستوتشني الفضائية.")
        let agency = mentions.first { $0.text == "وكالة الأنباء المركزية الكورية الشمالية" }
        #expect(agency?.kind == .organisation)
        #expect(agency?.canonical == "وكالة الأنباء المركزية الكورية")
        #expect(mentions.contains { $0.text == "فوستوتشني" && $0.kind == .location })
    }

    @Test func catalogMergesSpellingsByCanonicalName() {
        var catalog = EntityCatalog()
        var facts = ArticleFacts(id: "a", mentions: [
            EntityMention(text: "وكالة الأنباء المركزية الكورية الشمالية", kind: .organisation, start: 0, end: 0,
                          canonical: "وكالة الأنباء المركزية الكورية"),
            EntityMention(text: "KCNA", kind: .organisation, start: 0, end: 0, canonical: "وكالة الأنباء المركزية الكورية"),
            EntityMention(text: "فوستوتشني", kind: .location, start: 0, end: 0),
            EntityMention(text: "فوستوشني", kind: .location, start: 0, end: 0),
        ], quotes: [], dates: [])
        catalog.add(&facts)
        #expect(facts.mentions[0].entity == facts.mentions[1].entity)
        #expect(facts.mentions[2].entity == facts.mentions[3].entity)
        #expect(catalog.all.count == 2)
    }
}

@Suite("Entity rules over given words")
struct EntityRulesOverWordsTests {
    /// `khabar ner --rules` hands the rules CoNLL words: token kinds come from the tokenizer.
    @Test func rulesTagAgencyAndPlaceInCoNLLWords() {
        let words = ["وذكرت", "وكالة", "الأنباء", "المركزية", "الكورية", "الشمالية", "أن", "ميناء", "فوستوتشني", "."]
        let tokens = EntityRules.tokens(words)
        #expect(tokens.map(\.kind) == [.arabic, .arabic, .arabic, .arabic, .arabic, .arabic, .arabic, .arabic, .arabic, .punctuation])
        var tags = [EntityTag](repeating: .outside, count: words.count)
        let canonical = EntityRules(places: PlaceNameRule(isKnownWord: { $0 != "فوستوتشني" })).apply(to: tokens, tags: &tags)
        #expect(tags.map(\.description) == ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-LOC", "O"])
        #expect(canonical == [1: "وكالة الأنباء المركزية الكورية"])
    }

    /// An agency inside a longer tagger span ends it: the rest keeps the tagger's kind as a new span.
    @Test func agencyCutsATaggerSpanRunningPastIt() {
        let tokens = Tokenizer.tokenize("رويترز بلندن")
        var tags: [EntityTag] = [.begin(.location), .inside(.location)]
        EntityRules(places: PlaceNameRule(isKnownWord: { _ in true })).apply(to: tokens, tags: &tags)
        #expect(tags == [.begin(.organisation), .begin(.location)])
    }
}
