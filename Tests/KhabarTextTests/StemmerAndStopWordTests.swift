import Testing
@testable import KhabarText

@Suite("LightStemmer and StopWords")
struct StemmerAndStopWordTests {
    private func stem(_ word: String) -> String {
        LightStemmer.stem(ArabicNormalizer.normalize(word))
    }

    @Test func stripsArticlesAndConjunction() {
        #expect(stem("والمدرسة") == "مدرس")
        #expect(stem("الكتاب") == "كتاب")
        #expect(stem("بالقلم") == "قلم")
        #expect(stem("للمعلمين") == "معلم")
        #expect(stem("وكتب") == "كتب")
    }

    @Test func stripsSuffixes() {
        #expect(stem("لاعبون") == "لاعب")
        #expect(stem("سيارات") == "سيار")
        #expect(stem("كتابها") == "كتاب")
        #expect(stem("مصرية") == "مصر") // ية → يه after normalisation, stripped as one suffix
    }

    @Test func keepsShortStems() {
        #expect(stem("ولد") == "ولد")   // only two letters would be left after و
        #expect(stem("الم") == "الم")    // the article would leave one letter
        #expect(stem("من") == "من")
        #expect(stem("") == "")
    }

    @Test func protectsRootInitialWaw() {
        #expect(stem("وزير") == "وزير")
        #expect(stem("وزارة") == "وزار")
        #expect(stem("والوزير") == "وزير")
    }

    @Test func stopWordsAreNormalised() {
        for word in ["في", "من", "على", "إلى", "الذي", "هذه", "كان", "قد", "لقد", "إنّ", "أن"] {
            #expect(StopWords.isStopWord(ArabicNormalizer.normalize(word)), "\(word)")
        }
        #expect(StopWords.arabic.contains("علي"))
        #expect(StopWords.arabic.contains("الي"))
        #expect(!StopWords.isStopWord("مدرسه"))
        #expect(!StopWords.isStopWord("قال")) // reporting verbs are a separate list
        #expect(StopWords.isReportingVerb(ArabicNormalizer.normalize("وأضاف")))
        var word = "والذين"
        #expect(word.withUTF8 { StopWords.isStopWord(utf8: $0) })
        #expect(!StopWords.isStopWord("مدرسه مدرسه مدرسه")) // longer than any packed key
        // Lookups pack words into 16 bytes, so every stop word must fit.
        #expect(StopWords.arabic.union(StopWords.reportingVerbs).allSatisfy { $0.utf8.count <= 16 })
        // Every stored form is already a matching key.
        for word in StopWords.arabic.union(StopWords.reportingVerbs) {
            #expect(ArabicNormalizer.normalize(word) == word)
        }
    }
}
