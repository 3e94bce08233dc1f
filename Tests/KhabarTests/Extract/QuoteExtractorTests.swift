import Testing
@testable import Khabar

@Suite("Quote extractor")
struct QuoteExtractorTests {
    static func quotes(_ paragraphs: String...) -> [Quote] {
        QuoteExtractor().extract(paragraphs: paragraphs)
    }

    @Test func directSpeechAfterColonKeepsTitlesAndDropsTheAddressee() throws {
        let found = Self.quotes("وقال وزير الخارجية المصري سامح شكري للصحفيين: «نرفض أي تدخل في شؤوننا».")
        let quote = try #require(found.first)
        #expect(found.count == 1)
        #expect(quote.kind == .direct)
        #expect(quote.text == "نرفض أي تدخل في شؤوننا")
        #expect(quote.speakerText == "وزير الخارجية المصري سامح شكري")
    }

    @Test func dayOrSourceAfterTheNameIsNotPartOfIt() throws {
        let day = try #require(Self.quotes("وقال مسؤول أميركي يوم الاثنين إن واشنطن مستمرة في التحضير للقمة.").first)
        #expect(day.speakerText == "مسؤول أميركي")
        let source = try #require(Self.quotes("وذكرت وكالة يونهاب نقلا عن مسؤولين أن المباحثات ألغيت.").first)
        #expect(source.speakerText == "وكالة يونهاب")
    }

    @Test func addresseeAfterTheNameIsNotPartOfIt() throws {
        let quote = try #require(Self.quotes("وقال الرئيس لضيفه: \"مرحبا بك في بلدك الثاني\".").first)
        #expect(quote.speakerText == "الرئيس")
        #expect(quote.text == "مرحبا بك في بلدك الثاني")
    }

    @Test func genitiveWithLamInsideATitleStaysInTheName() throws {
        let quote = try #require(Self.quotes("قال السكرتير الصحفي للكرملين دميتري بيسكوف إن المحادثات ستكون طويلة.").first)
        #expect(quote.speakerText == "السكرتير الصحفي للكرملين دميتري بيسكوف")
        #expect(quote.kind == .reported)
        #expect(quote.text == "المحادثات ستكون طويلة")
    }

    @Test func reportedSpeechAfterInnaOrAnna() throws {
        let quote = try #require(Self.quotes("وأكد رئيس الوزراء محمد مصطفى أن الحكومة ستدفع الرواتب الشهر المقبل.").first)
        #expect(quote.kind == .reported)
        #expect(quote.speakerText == "رئيس الوزراء محمد مصطفى")
        #expect(quote.text == "الحكومة ستدفع الرواتب الشهر المقبل")
    }

    @Test func addedWithoutSubjectContinuesThePreviousSpeaker() throws {
        let found = Self.quotes("قال المتحدث باسم الوزارة أحمد فهمي إن الاجتماع انتهى.",
                                "وأضاف: «سنعود غدا إلى طاولة الحوار».")
        #expect(found.count == 2)
        let added = try #require(found.last)
        #expect(added.kind == .direct)
        #expect(added.text == "سنعود غدا إلى طاولة الحوار")
        #expect(added.speakerText == "المتحدث باسم الوزارة أحمد فهمي")
        // The span is where the speaker was named, in the first paragraph.
        #expect(added.speakerStart == found.first?.speakerStart)
    }

    @Test func pronounSubjectTakesThePreviousSpeaker() throws {
        let found = Self.quotes("وصرح النائب سعيد المصري بأن اللجنة ستجتمع الأحد.",
                                "وقال إنه لن يترشح في الانتخابات المقبلة.")
        #expect(found.map(\.speakerText) == ["النائب سعيد المصري", "النائب سعيد المصري"])
        #expect(found.last?.text == "لن يترشح في الانتخابات المقبلة")
    }

    @Test func subjectBeforeTheVerb() throws {
        let quote = try #require(Self.quotes("الوزير خالد العلي قال إن الأسعار سترتفع.").first)
        #expect(quote.speakerText == "الوزير خالد العلي")
        #expect(quote.text == "الأسعار سترتفع")
    }

    @Test func participleAfterACommaStartsASecondQuoteBySameSpeaker() {
        let found = Self.quotes("قال الوزير سامي الخطيب إن الخطة جاهزة، مضيفا أن التنفيذ يبدأ الشهر المقبل.")
        #expect(found.map(\.text) == ["الخطة جاهزة", "التنفيذ يبدأ الشهر المقبل"])
        #expect(found.allSatisfy { $0.speakerText == "الوزير سامي الخطيب" })
    }

    @Test func qailanTakesTheSubjectOfTheSentencesVerb() throws {
        let found = Self.quotes("وقال المتحدث إن الوفد وصل.",
                                "ورحب الرئيس اللبناني جوزاف عون بالوفد قائلا: «أهلا بكم في بلدكم الثاني».")
        let quote = try #require(found.last)
        #expect(quote.kind == .direct)
        #expect(quote.text == "أهلا بكم في بلدكم الثاني")
        #expect(quote.speakerText == "الرئيس اللبناني جوزاف عون")
    }

    @Test func qailanAfterAReportingVerbKeepsItsSpeaker() throws {
        let quote = try #require(Self.quotes("وأعلن الوزير أن الخطة جاهزة، قائلا: «سنبدأ التنفيذ فورا».").last)
        #expect(quote.text == "سنبدأ التنفيذ فورا")
        #expect(quote.speakerText == "الوزير")
    }

    @Test func quotationStraightAfterTheSubject() throws {
        let quote = try #require(Self.quotes("وقال المتحدث “لن نقبل بهذه الشروط أبدا”.").first)
        #expect(quote.kind == .direct)
        #expect(quote.speakerText == "المتحدث")
        #expect(quote.text == "لن نقبل بهذه الشروط أبدا")
    }

    @Test func quotationBeforeTheVerb() throws {
        let quote = try #require(Self.quotes("«الوضع تحت السيطرة تماما»، قال قائد الشرطة.").first)
        #expect(quote.kind == .direct)
        #expect(quote.text == "الوضع تحت السيطرة تماما")
        #expect(quote.speakerText == "قائد الشرطة")
    }

    @Test func colonEndingAParagraphIntroducesTheNext() throws {
        let found = Self.quotes("وأضاف الوزير:", "الاقتصاد يتعافى ببطء لكنه يتعافى.")
        let quote = try #require(found.first)
        #expect(found.count == 1)
        #expect(quote.text == "الاقتصاد يتعافى ببطء لكنه يتعافى.")
        #expect(quote.speakerText == "الوزير")
    }

    @Test func apposedNameAfterATitleJoinsTheSpeaker() throws {
        let quote = try #require(Self.quotes(
            "وقال أستاذ العلوم السياسية في جامعة القاهرة، حسن نافعة، إلى الصحيفة، إن الحوار ضروري.").first)
        #expect(quote.speakerText == "أستاذ العلوم السياسية في جامعة القاهرة، حسن نافعة")
        #expect(quote.text == "الحوار ضروري")
    }

    @Test func sourceAfterTheSentenceIsTheSpeaker() throws {
        let quote = try #require(Self.quotes("ارتفعت الأسعار بنسبة كبيرة هذا العام، حسبما قال مدير البنك المركزي.").first)
        #expect(quote.kind == .reported)
        #expect(quote.text == "ارتفعت الأسعار بنسبة كبيرة هذا العام")
        #expect(quote.speakerText == "مدير البنك المركزي")
    }

    @Test func scareQuotesAndVerbsWithoutSpeechGiveNothing() {
        #expect(Self.quotes("ووصفت الصحيفة الاتفاق بأنه \"تاريخي\".").isEmpty)
        #expect(Self.quotes("وفق ما أعلن الكرملين.").isEmpty)
        #expect(Self.quotes("عقد اجتماع بين الطرفين أمس.").isEmpty)
    }

    @Test func longQuotationWithoutVerbHasNoSpeaker() throws {
        let quote = try #require(Self.quotes("روسيا «مهتمة بشراء ذخائر كورية شمالية»").first)
        #expect(quote.speakerText == nil)
        #expect(quote.text == "مهتمة بشراء ذخائر كورية شمالية")
    }

    @Test func offsetsAreUTF8OffsetsIntoTheJoinedBody() {
        let paragraphs = ["عنوان الخبر", "وقال الوزير سامي الخطيب: «نعمل ليلا ونهارا من أجل الناس».", "وأضاف أنه متفائل جدا."]
        let body = Array(paragraphs.joined(separator: "\n\n").utf8)
        let found = QuoteExtractor().extract(paragraphs: paragraphs)
        #expect(found.count == 2)
        for quote in found {
            #expect(String(decoding: body[quote.start..<quote.end], as: UTF8.self) == quote.text)
            if let start = quote.speakerStart, let end = quote.speakerEnd {
                #expect(String(decoding: body[start..<end], as: UTF8.self) == quote.speakerText)
            }
        }
    }

    @Test(arguments: ["", "قال", "قال:", "وأضاف إن", "«", "قال «»", "قال بوتين", "، قال", ": «نعم لا ربما أبدا»"])
    func fragmentsDoNotTrap(_ text: String) {
        for quote in QuoteExtractor().extract(paragraphs: [text, text]) {
            #expect(quote.start <= quote.end)
        }
    }
}
