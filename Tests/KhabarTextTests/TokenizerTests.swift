import Testing
@testable import KhabarText

@Suite("Tokenizer")
struct TokenizerTests {
    let sample = "بلغ 2.4 مليون و1,500 جندي (EEF) في 13 سبتمبر/أيلول."

    @Test func newsSentenceTokens() {
        let tokens = Tokenizer.tokenize(sample)
        #expect(tokens.map(\.text) == [
            "بلغ", "2.4", "مليون", "و", "1,500", "جندي", "(", "EEF", ")", "في", "13", "سبتمبر", "/", "أيلول", ".",
        ])
        #expect(tokens.filter { $0.kind == .number }.map(\.text) == ["2.4", "1,500", "13"])
        #expect(tokens.filter { $0.kind == .latin }.map(\.text) == ["EEF"])
        #expect(tokens.filter { $0.kind == .punctuation }.map(\.text) == ["(", ")", "/", "."])
    }

    @Test func rangesPointIntoTheInput() {
        let tokens = Tokenizer.tokenize(sample)
        let bytes = Array(sample.utf8)
        for token in tokens {
            #expect(String(decoding: bytes[token.range], as: UTF8.self) == token.text)
        }
    }

    @Test func numbersKeepOnlyInnerSeparators() {
        let tokens = Tokenizer.tokenize("عام 2015. و٢٫٥ و1,2, 3")
        #expect(tokens.map(\.text) == ["عام", "2015", ".", "و", "٢٫٥", "و", "1,2", ",", "3"])
    }

    @Test func wordsKeepHarakatJoinersAndApostrophes() {
        let tokens = Tokenizer.tokenize("أَحْمَدُ می\u{200C}خواهم don't")
        #expect(tokens.map(\.text) == ["أَحْمَدُ", "می\u{200C}خواهم", "don't"])
        #expect(tokens.map(\.kind) == [.arabic, .arabic, .latin])
    }

    @Test func symbolsAndArabicPunctuation() {
        let tokens = Tokenizer.tokenize("سعر $5، هل؟ ٪")
        #expect(tokens.map(\.kind) == [.arabic, .symbol, .number, .punctuation, .arabic, .punctuation, .punctuation])
    }

    @Test func wordsAreNormalised() {
        #expect(Tokenizer.words("قالَ الرئيسُ: «ADNOC» ٢٠١٥ مدرسة") == ["قال", "الرئيس", "adnoc", "2015", "مدرسه"])
        #expect(Tokenizer.tokenize("إلى EEF").map(\.normalized) == ["الي", "eef"])
    }

    @Test func forEachTokenMatchesTokenize() {
        var copy = sample
        let ranges = copy.withUTF8 { buffer in
            var collected: [Range<Int>] = []
            Tokenizer.forEachToken(in: buffer) { _, range in collected.append(range) }
            return collected
        }
        #expect(ranges == Tokenizer.tokenize(sample).map(\.range))
    }

    /// WordBuffer holds the same words as `Tokenizer.words`, whichever path a word takes.
    @Test(arguments: [
        "قالَ الرئيسُ: «ADNOC» ٢٠١٥ مدرسة",
        "می\u{200C}خواهم کتاب‌ها ݐݑ ﻻ ﷺ ـــ أَحْمَدُ\u{200D} و1,500 sport24 don't",
        "  بدأ  الاجتماع\u{00A0}في\u{200F}الرياض؛ ثم انتهى...  ",
        "َبداية بعلامة ٫ ١٬٥٠٠ ريال ﷲ",
        "",
    ])
    func wordBufferMatchesWords(_ text: String) {
        let buffer = WordBuffer(text)
        #expect((0..<buffer.count).map(buffer.string) == Tokenizer.words(text))
    }

    @Test func emptyAndWhitespaceOnly() {
        #expect(Tokenizer.tokenize("").isEmpty)
        #expect(Tokenizer.tokenize(" \n\u{200F}\u{00A0}").isEmpty)
    }
}
