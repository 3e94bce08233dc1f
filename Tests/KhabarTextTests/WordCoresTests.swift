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
}
