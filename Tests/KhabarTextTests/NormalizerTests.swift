import Testing
@testable import KhabarText

@Suite("ArabicNormalizer")
struct NormalizerTests {
    @Test func stripsHarakatAndFoldsAlef() {
        #expect(ArabicNormalizer.normalize("أَحْمَد") == "احمد")
        #expect(ArabicNormalizer.normalize("إِسْلَام آمِن ٱلْحَمْد") == "اسلام امن الحمد")
        #expect(ArabicNormalizer.normalize("هٰذا") == "هذا") // superscript alef U+0670
    }

    @Test func mapsOffsetsBackToTheOriginal() {
        let original = "قال أَحْمَد"
        let mapped = ArabicNormalizer.normalizeMapped(original)
        #expect(mapped.text == "قال احمد")
        let nameStart = "قال ".utf8.count
        let name = nameStart..<mapped.text.utf8.count
        #expect(mapped.originalRange(name) == nameStart..<original.utf8.count)
        // "اح" covers أَحْ in the original: the sukun after ح belongs to it.
        let alefHa = nameStart..<(nameStart + 4)
        #expect(mapped.originalRange(alefHa) == nameStart..<(nameStart + "أَحْ".utf8.count))
        #expect(mapped.originalOffset(0) == 0)
        #expect(mapped.originalOffset(mapped.text.utf8.count) == original.utf8.count)
        #expect(mapped.normalizedOffset(forOriginal: nameStart) == nameStart)
    }

    @Test func identityMappingWhenNothingChanges() {
        let mapped = ArabicNormalizer.normalizeMapped("احمد 12")
        #expect(mapped.text == "احمد 12")
        #expect(mapped.originalRange(2..<6) == 2..<6)
    }

    @Test func presentationFormsBecomeBaseLetters() {
        #expect(ArabicNormalizer.normalize("\u{FEFB}") == "لا")             // ﻻ lam-alef ligature
        #expect(ArabicNormalizer.normalize("\u{FEF7}", .display) == "لأ")   // ﻷ keeps hamza in display
        #expect(ArabicNormalizer.normalize("\u{FEF7}") == "لا")
        #expect(ArabicNormalizer.normalize("\u{FE8D}\u{FEDF}\u{FEE8}") == "الن") // isolated/initial/medial forms
        #expect(ArabicNormalizer.normalize("\u{FDF2}") == "الله")
    }

    @Test func ligatureRangesMapToTheWholeLigature() {
        let original = "ب\u{FEFB}"
        let mapped = ArabicNormalizer.normalizeMapped(original)
        #expect(mapped.text == "بلا")
        // Only the "ل" half of ﻻ is asked for: the whole ligature comes back.
        #expect(mapped.originalRange(2..<4) == 2..<original.utf8.count)
    }

    @Test func persianLettersFoldToArabic() {
        let persian = ArabicNormalizer.normalize("کوریا الشمالیة")
        #expect(persian == ArabicNormalizer.normalize("كوريا الشماليه"))
        #expect(persian == "كوريا الشماليه")
        #expect(ArabicNormalizer.normalize("پ چ ژ ڤ گ ۀ ے") == "ب ج ز ف ك ه ي")
    }

    @Test func yaAndTaMarbutaFolds() {
        #expect(ArabicNormalizer.normalize("على مدرسة") == "علي مدرسه")
        let keepTa = NormalizationOptions.matching.subtracting(.foldTaMarbuta)
        #expect(ArabicNormalizer.normalize("مدرسة", keepTa) == "مدرسة")
    }

    @Test func digitsAndSeparatorsBecomeASCII() {
        #expect(ArabicNormalizer.normalize("١٧") == "17")
        #expect(ArabicNormalizer.normalize("۱۳۹۴") == "1394")
        #expect(ArabicNormalizer.normalize("٢٫٤ و١٬٥٠٠ و٥٪") == "2.4 و1,500 و5%")
        #expect(ArabicNormalizer.normalize("١٧", .display) == "١٧")
    }

    @Test func tatweelBidiAndSpaces() {
        #expect(ArabicNormalizer.normalize("الســـلام") == "السلام")
        #expect(ArabicNormalizer.normalize("\u{200F}مرحبا\u{200E} \u{202B}x\u{202C}\u{FEFF}\u{2067}y\u{2069}") == "مرحبا xy")
        #expect(ArabicNormalizer.normalize("ه\u{200D}") == "ه")
        #expect(ArabicNormalizer.normalize("a\u{00A0}b\u{2009}c\u{202F}d\u{3000}e") == "a b c d e")
    }

    @Test func displayKeepsHarakatAndLetters() {
        let text = "أَحْمَدُ في مدرسةٍ ى\u{200F}\u{00A0}ـ"
        #expect(ArabicNormalizer.normalize(text, .display) == "أَحْمَدُ في مدرسةٍ ى ")
    }

    @Test func optionsCanBeCombinedFreely() {
        #expect(ArabicNormalizer.normalize("أَ", [.foldAlef]) == "اَ")
        #expect(ArabicNormalizer.normalize("أَ", [.stripHarakat]) == "أ")
        #expect(ArabicNormalizer.normalize("ABC É", Tokenizer.wordOptions) == "abc é")
        #expect(ArabicNormalizer.normalize("ABC") == "ABC") // .matching keeps Latin case
    }

    @Test func droppedPrefixMapsToFirstKeptCharacter() {
        let original = "\u{200F}\u{200F}كتب"
        let mapped = ArabicNormalizer.normalizeMapped(original)
        #expect(mapped.text == "كتب")
        #expect(mapped.originalOffset(0) == 6)
        #expect(mapped.originalRange(0..<6) == 6..<12)
    }
}
