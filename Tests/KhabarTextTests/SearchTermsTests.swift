import Testing
import KhabarText

@Suite("Search terms")
struct SearchTermsTests {
    @Test func cliticsAndArticleFoldToOneTerm() {
        let forms = ["والرئيس", "الرئيس", "رئيس", "للرئيس", "بالرئيس"]
        let terms = Set(forms.flatMap(SearchTerms.terms))
        #expect(terms.count == 1, "all forms meet: \(terms)")
    }

    @Test func letterFormsHarakatAndTatweelFold() {
        #expect(SearchTerms.terms("أحمد") == SearchTerms.terms("احمد"))
        #expect(SearchTerms.terms("إيران") == SearchTerms.terms("ايران"))
        #expect(SearchTerms.terms("مصطفى") == SearchTerms.terms("مصطفي"))
        #expect(SearchTerms.terms("القاهرة") == SearchTerms.terms("القاهره"))
        #expect(SearchTerms.terms("مُحَمَّد") == SearchTerms.terms("محمد"), "harakat never split a word")
        #expect(SearchTerms.terms("مـــحمد") == SearchTerms.terms("محمد"))
        #expect(SearchTerms.terms("گاز") == SearchTerms.terms("كاز"))
        #expect(SearchTerms.terms("٢٠٢٣") == ["2023"])
        #expect(SearchTerms.terms("Putin") == ["putin"])
    }

    @Test func operatorsAndPunctuationAreNotTerms() {
        #expect(SearchTerms.terms("\"بوتين\" * NEAR( - : (كيم") == SearchTerms.terms("بوتين near كيم"))
        #expect(SearchTerms.terms("بوتين near كيم").count == 3)
        #expect(SearchTerms.terms("\"*()-:").isEmpty)
    }

    @Test func offsetsPointAtTheOriginalWords() {
        let text = "قال الرئيسُ، ثم مضى"
        var ranges: [Range<Int>] = []
        withUTF8Bytes(text) { bytes in SearchTerms.forEach(in: bytes) { _, range in ranges.append(range) } }
        let words = ranges.map { r in String(decoding: Array(text.utf8)[r], as: UTF8.self) }
        #expect(words == ["قال", "الرئيسُ", "ثم", "مضى"])
    }
}
