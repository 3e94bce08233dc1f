import Testing
@testable import Khabar

@Suite("GluedTail")
struct GluedTailTests {
    @Test func creditGluedAfterSentence() throws {
        let (kept, credit) = try #require(GluedTail.cutCredit("لقد تمكنا من رؤية حاضر ومستقبل القوة الفضائية الروسية بأعيننا.المصدر: سكاي نيوز عربية"))
        #expect(kept == "لقد تمكنا من رؤية حاضر ومستقبل القوة الفضائية الروسية بأعيننا.")
        #expect(credit.name == "سكاي نيوز عربية")
        #expect(credit.line == "المصدر: سكاي نيوز عربية")
    }

    @Test func creditAfterCaption() throws {
        let (kept, credit) = try #require(GluedTail.cutCredit("منطقة أمور في أقصى الشرق، روسيا، 13 سبتمبر/أيلول 2023. المصدر: سبوتنيك"))
        #expect(kept == "منطقة أمور في أقصى الشرق، روسيا، 13 سبتمبر/أيلول 2023.")
        #expect(credit.name == "سبوتنيك")
    }

    @Test func bracketedCredit() throws {
        let (kept, credit) = try #require(GluedTail.cutCredit("ارتفعت الأسعار بنسبة كبيرة هذا الشهر (المصدر: رويترز)"))
        #expect(kept == "ارتفعت الأسعار بنسبة كبيرة هذا الشهر")
        #expect(credit.name == "رويترز")
    }

    @Test(arguments: [
        "وقال المصدر إن الاجتماع كان مثمرا.",
        "وقال المصدر: إن الاجتماع كان مثمرا وطويلا وسيستمر حتى الغد في العاصمة.",
        "قال مسؤول لم يذكر اسمه المصدر: مطلع على المحادثات",
        "خبر بلا أي ذكر للمصادر.",
    ])
    func noCreditInBodyText(_ text: String) {
        #expect(GluedTail.cutCredit(text) == nil)
    }

    @Test func keywordRunAfterLastSentence() throws {
        let (kept, tags) = try #require(GluedTail.cutKeywords("وسيعقد الاجتماع المقبل يوم الخميس المقبل. سمات الرئاسة المصرية السيسي"))
        #expect(kept == "وسيعقد الاجتماع المقبل يوم الخميس المقبل.")
        #expect(tags.line == "سمات الرئاسة المصرية السيسي")
        #expect(!tags.keywords.isEmpty)
    }

    @Test func keywordLabelWithColon() throws {
        let (kept, tags) = try #require(GluedTail.cutKeywords("وانتهى اللقاء بعد ساعتين. كلمات دلالية: روسيا، كوريا الشمالية"))
        #expect(kept == "وانتهى اللقاء بعد ساعتين.")
        #expect(tags.keywords == ["روسيا", "كوريا الشمالية"])
    }

    @Test(arguments: [
        "يحمل الرئيس سمات القائد الناجح في نظر أنصاره.",
        "وقال إن الوسوم لا تكفي. وأضاف أن الحل في مكان آخر.",
    ])
    func noKeywordsInBodyText(_ text: String) {
        #expect(GluedTail.cutKeywords(text) == nil)
    }
}
