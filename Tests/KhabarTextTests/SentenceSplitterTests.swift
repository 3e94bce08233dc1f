import Testing
@testable import KhabarText

@Suite("SentenceSplitter")
struct SentenceSplitterTests {
    private func texts(_ s: String) -> [String] { SentenceSplitter.split(s).map(\.text) }

    @Test func noSplitInsideNumbers() {
        #expect(texts("بلغ النمو 2.4 في المئة. وقال الوزير ذلك.") == ["بلغ النمو 2.4 في المئة.", "وقال الوزير ذلك."])
    }

    @Test func noSplitInsideQuotes() {
        #expect(texts("قال الوزير: «الوضع صعب. سنواصل العمل». ثم غادر.")
            == ["قال الوزير: «الوضع صعب. سنواصل العمل».", "ثم غادر."])
        #expect(texts("وقال “انتهى الأمر. لا عودة” ثم صمت.") == ["وقال “انتهى الأمر. لا عودة” ثم صمت."])
        #expect(texts("He said \"Stop. Now\" and left.") == ["He said \"Stop. Now\" and left."])
    }

    @Test func unclosedQuoteDoesNotSwallowText() {
        #expect(texts("قال «الوضع صعب. ثم غادر") == ["قال «الوضع صعب.", "ثم غادر"])
    }

    @Test func splitsOnQuestionAndExclamationMarks() {
        #expect(texts("هل انتهت الحرب؟ لا! بل بدأت للتو.") == ["هل انتهت الحرب؟", "لا!", "بل بدأت للتو."])
        #expect(texts("حقا؟! نعم.") == ["حقا؟!", "نعم."])
    }

    @Test func lineBreaksEndSentences() {
        let result = SentenceSplitter.split("العنوان الرئيسي\n  النص الأول بلا نقطة\r\nالنص الثاني.")
        #expect(result.map(\.text) == ["العنوان الرئيسي", "النص الأول بلا نقطة", "النص الثاني."])
    }

    @Test func abbreviationsDoNotEndSentences() {
        #expect(texts("التقى د. محمد مع م. أحمد اليوم.") == ["التقى د. محمد مع م. أحمد اليوم."])
        #expect(texts("نقلت وكالة أ.ف.ب الخبر. وأكدته") == ["نقلت وكالة أ.ف.ب الخبر.", "وأكدته"])
        #expect(texts("The U.S. Army left. Dr. Smith stayed.") == ["The U.S. Army left.", "Dr. Smith stayed."])
    }

    @Test func yearMarkerCanEndASentence() {
        #expect(texts("تأسست عام 1932م. وتوسعت لاحقا.") == ["تأسست عام 1932م.", "وتوسعت لاحقا."])
    }

    @Test func ellipsisIsAPause() {
        #expect(texts("كان الأمر... صعبا جدا.") == ["كان الأمر... صعبا جدا."])
    }

    @Test func closingQuoteJoinsTheSentenceItEnds() {
        let long = String(repeating: "كلمة ", count: 200)
        let text = "«\(long)انتهى.» وبدأ غيره."
        // The quote is too long to protect, so the full stop ends the sentence and takes » with it.
        #expect(texts(text) == ["«\(long)انتهى.»", "وبدأ غيره."])
    }

    @Test func rangesPointIntoTheInput() {
        let text = "  أولا. ثانيا؟\nثالثا  "
        let bytes = Array(text.utf8)
        let sentences = SentenceSplitter.split(text)
        #expect(sentences.count == 3)
        for s in sentences {
            #expect(String(decoding: bytes[s.range], as: UTF8.self) == s.text)
        }
        #expect(sentences.first?.range.lowerBound == 2)
    }
}
