import Testing
@testable import KhabarText

@Suite("ArabicScript")
struct ArabicScriptTests {
    @Test func lettersAndNonLetters() {
        #expect(ArabicScript.isArabicLetter("ب"))
        #expect(ArabicScript.isArabicLetter("پ"))
        #expect(ArabicScript.isArabicLetter("\u{FEFB}"))
        #expect(!ArabicScript.isArabicLetter("\u{064E}")) // fatha
        #expect(!ArabicScript.isArabicLetter("\u{0640}")) // tatweel
        #expect(!ArabicScript.isArabicLetter("٣"))
        #expect(!ArabicScript.isArabicLetter("a"))
    }

    @Test func letterRatio() {
        #expect(ArabicScript.arabicLetterRatio("مرحبا") == 1)
        #expect(ArabicScript.arabicLetterRatio("abcd") == 0)
        #expect(ArabicScript.arabicLetterRatio("123 !") == 0)
        #expect(ArabicScript.arabicLetterRatio("ab مر") == 0.5)
        #expect(ArabicScript.arabicLetterRatio("مَرْ ab") == 0.5) // harakat are not letters
    }
}
