import Testing
import KhabarText

@Suite("Word cores")
struct WordCoresTests {
    func cores(_ word: String) -> Set<String> { WordCores.cores(of: ArabicNormalizer.normalize(word, Tokenizer.wordOptions)) }

    @Test func inflectedFormsOfOneWordMeet() {
        #expect(WordCores.match(cores("بلقائك"), cores("للقاء")))
        #expect(WordCores.match(cores("سيناقشان"), cores("سنناقش")))
        #expect(WordCores.match(cores("والمستشفى"), cores("مستشفى")))
    }

    @Test func differentWordsDoNot() {
        #expect(!WordCores.match(cores("سعيد"), cores("بعيد")))
        #expect(!WordCores.match(cores("القضايا"), cores("المواضيع")))
    }

    @Test func shortCoresAreDropped() {
        #expect(cores("لك").isEmpty)
        #expect(cores("بها").allSatisfy { $0.unicodeScalars.count >= 3 })
    }

    /// The keys are made without building the core strings: they must be the hashes of those strings.
    @Test func keysAreTheHashesOfTheCores() {
        for word in ["بلقائك", "للقاء", "سيناقشان", "والمستشفى", "فبالكتاب", "لك", "مسؤوليات", "وسيقولون", "abc"] {
            let normalized = ArabicNormalizer.normalize(word, Tokenizer.wordOptions)
            let expected = WordCores.cores(of: normalized).map { core -> UInt64 in
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for b in core.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
                return h
            }.sorted()
            #expect(WordCores.coreKeys(of: normalized) == expected, "\(word)")
        }
    }
}
