import Testing
@testable import Khabar

/// Thursday 14 September 2023, the publication day of seed 002.
private let thursday = PublishedDate(year: 2023, month: 9, day: 14)

private func mentions(_ text: String, _ published: PublishedDate? = thursday) -> [DateMention] {
    DateExtractor().extract(text: text, published: published)
}

/// The value of the only mention whose text is `expression`.
private func value(of expression: String, in text: String, _ published: PublishedDate? = thursday) -> String?? {
    let found = mentions(text, published).filter { $0.text == expression }
    return found.count == 1 ? .some(found[0].value) : .none
}

@Suite("Dates: absolute expressions")
struct AbsoluteDateTests {
    @Test func dayMonthYear() {
        #expect(value(of: "13 سبتمبر 2023", in: "وصل في 13 سبتمبر 2023 إلى القاعدة") == "2023-09-13")
    }

    @Test func dayWithTwoMonthNames() {
        #expect(value(of: "13 سبتمبر/أيلول", in: "رحب بوتين، في 13 سبتمبر/أيلول، بالزعيم") == "2023-09-13")
        #expect(value(of: "2 يونيو / حزيران 2004", in: "صدر في 2 يونيو / حزيران 2004 تقرير") == "2004-06-02")
    }

    @Test func levantineMonths() {
        #expect(value(of: "7 كانون الأول 1926", in: "في 7 كانون الأول 1926 اجتمع المجلس") == "1926-12-07")
        #expect(value(of: "آذار 1929", in: "في آذار 1929 صدر القرار") == "1929-03")
    }

    @Test func englishOrdinalDate() {
        #expect(value(of: "14th, September 2023", in: "Published 14th, September 2023 GMT") == "2023-09-14")
    }

    @Test func numericDates() {
        #expect(value(of: "13/9/2023", in: "بتاريخ 13/9/2023 أعلنت") == nil, "the qualifier is part of the span")
        #expect(value(of: "بتاريخ 13/9/2023", in: "بتاريخ 13/9/2023 أعلنت") == "2023-09-13")
        #expect(value(of: "4 / 22 / 1948", in: "رسالة ( 4 / 22 / 1948 ) .") == "1948-04-22", "month first")
    }

    @Test func yearsAndHijri() {
        #expect(value(of: "عام 1948", in: "هجر عام 1948 إلى لبنان") == "1948")
        #expect(value(of: "عام ( 1325 ) هجري", in: "مضبطة عام ( 1325 ) هجري .") == "1907")
        #expect(value(of: "1 رمضان 1444 هـ", in: "يبدأ الصوم 1 رمضان 1444 هـ في") == "2023-03-23")
        #expect(mentions("وصل 2000 دولار").isEmpty, "an amount is not a year")
    }

    @Test func ambiguousMonthNeedsDayOrYear() {
        #expect(mentions("وقال أحد الأب إن").isEmpty)
        #expect(mentions("مارس الضغط على الحكومة").isEmpty)
        #expect(value(of: "5 آب 1931", in: "في 5 آب 1931 وصل") == "1931-08-05")
    }

    @Test func offsetsAreUTF8IntoTheText() {
        let text = "رحب بوتين في 13 سبتمبر/أيلول بالزعيم"
        let found = mentions(text)
        #expect(found.count == 1)
        let utf8 = Array(text.utf8)
        #expect(String(decoding: utf8[found[0].start..<found[0].end], as: UTF8.self) == "13 سبتمبر/أيلول")
    }
}

@Suite("Dates: relative to publication")
struct RelativeDateTests {
    @Test func daysFromPublication() {
        #expect(value(of: "اليوم", in: "أعلنت الوزارة اليوم عن خطة") == "2023-09-14")
        #expect(value(of: "أمس", in: "وقالت أمس إن") == "2023-09-13")
        #expect(value(of: "أمس الأول الجمعة", in: "وقالت، أمس الأول الجمعة، إن",
                      PublishedDate(year: 2023, month: 9, day: 17)) == "2023-09-15")
        #expect(value(of: "غدا", in: "يصل غدا إلى") == "2023-09-15")
    }

    @Test func weekdayIsTheLatestOnOrBeforePublication() {
        #expect(value(of: "الأربعاء", in: "واجتمع الرئيسان، الأربعاء، في القاعدة") == "2023-09-13")
        #expect(value(of: "الخميس", in: "واجتمع الرئيسان الخميس في القاعدة") == "2023-09-14")
        #expect(value(of: "السبت", in: "وصل السبت إلى موسكو") == "2023-09-09")
    }

    @Test func futureVerbLooksAhead() {
        #expect(value(of: "الأربعاء", in: "وسيجتمع الرئيسان الأربعاء في القاعدة") == "2023-09-20")
        #expect(value(of: "السبت", in: "سوف يصل الوفد السبت إلى موسكو") == "2023-09-16")
        #expect(value(of: "السبت", in: "وصل الوفد السياسي السبت إلى موسكو") == "2023-09-09", "سياسي is no verb")
        // The publication's own weekday with a future verb is that same day, not a week later.
        #expect(value(of: "الخميس", in: "وسيجتمع الرئيسان الخميس في القاعدة") == "2023-09-14")
    }

    @Test func periods() {
        #expect(value(of: "الشهر الماضي", in: "ارتفعت الأسعار الشهر الماضي بنسبة") == "2023-08")
        #expect(value(of: "العام الماضي", in: "مقارنة بالعام الماضي") == nil, "clitic form is its own token")
        #expect(value(of: "بالعام الماضي", in: "مقارنة بالعام الماضي") == "2022")
        #expect(value(of: "الأسبوع المقبل", in: "يعقد الأسبوع المقبل") == "2023-W38")
    }

    @Test func withoutPublicationTheAnchorStays() {
        let found = mentions("واجتمع الرئيسان، الأربعاء، في القاعدة", nil)
        #expect(found.count == 1)
        #expect(found.first?.value == nil)
        #expect(found.first?.anchor == .publication)
    }

    @Test func dayMonthTakesTheTextsYearWithoutPublication() {
        let text = "وصل في 13 سبتمبر. وقد التقيا في 13 سبتمبر/أيلول 2023."
        #expect(mentions(text, nil).first?.value == "2023-09-13")
    }
}

@Suite("Dates: times")
struct TimeExpressionTests {
    @Test func clockTimes() {
        let found = mentions("نشر 08:41 صباحا")
        #expect(found.map(\.text) == ["08:41 صباحا"])
        #expect(found.first?.kind == .time)
        #expect(found.first?.value == "T08:41")
        #expect(value(of: "الساعة الثالثة مساء", in: "يبدأ الساعة الثالثة مساء") == "T15:00")
    }

    @Test func dateWithTime() {
        #expect(value(of: "الأربعاء 13 سبتمبر 2023, 08:41 صباحا", in: "الأربعاء 13 سبتمبر 2023, 08:41 صباحا") == nil,
                "a comma ends the date")
        #expect(value(of: "13 سبتمبر 2023 08:41 صباحا", in: "في 13 سبتمبر 2023 08:41 صباحا") == "2023-09-13T08:41")
    }

    @Test func partOfDay() {
        let found = mentions("دخل الأراضي الروسية صباح يوم 12 سبتمبر.")
        #expect(found.map(\.text) == ["صباح يوم 12 سبتمبر"])
        #expect(found.first?.value == "2023-09-12")
        #expect(found.first?.kind == .time)
    }

    @Test func durations() {
        let found = mentions("بخبرة تبلغ ثلاث سنوات و30 ثانية")
        #expect(found.map(\.kind) == [.date, .time])
        #expect(found.allSatisfy { $0.value == nil && $0.anchor == DateMention.Anchor.none })
    }
}

@Suite("Dates: token tags")
struct DateTaggingTests {
    @Test func wojoodStyleTags() {
        let tokens = ["في", "مدينة", "القدس", "عام", "(", "1931", ")", ".", "وصل", "يوم", "الثلاثاء"]
        #expect(DateExtractor().tag(tokens: tokens)
                == ["O", "O", "O", "B-DATE", "I-DATE", "I-DATE", "I-DATE", "O", "O", "B-DATE", "I-DATE"])
    }

    @Test func tokenWithGluedTextTakesTheTag() {
        #expect(DateExtractor().tag(tokens: ["1348هجري", "وصل"]) == ["B-DATE", "O"])
    }
}
