import Testing
@testable import Khabar

@Suite("DateParser.firstDate")
struct DateParserTests {
    @Test func arabicDateWithMorningTime() {
        #expect(DateParser.firstDate(in: "الأربعاء 13 سبتمبر 2023, 08:41 صباحا")?.iso8601 == "2023-09-13T08:41")
    }

    @Test func eveningAddsTwelveHours() {
        #expect(DateParser.firstDate(in: "الأربعاء 13 سبتمبر 2023, 08:41 مساء")?.iso8601 == "2023-09-13T20:41")
        #expect(DateParser.firstDate(in: "الأربعاء 13 سبتمبر 2023, 08:41 مساءً")?.iso8601 == "2023-09-13T20:41")
        // 12 noon stays 12; 12 in the morning is 00.
        #expect(DateParser.firstDate(in: "13 سبتمبر 2023 12:15 مساء")?.iso8601 == "2023-09-13T12:15")
        #expect(DateParser.firstDate(in: "13 سبتمبر 2023 12:15 صباحا")?.iso8601 == "2023-09-13T00:15")
    }

    @Test func levantineMonth() {
        #expect(DateParser.firstDate(in: "13 أيلول 2023")?.iso8601 == "2023-09-13")
        #expect(DateParser.firstDate(in: "نشر في 1 كانون الثاني 2024")?.iso8601 == "2024-01-01")
    }

    @Test func englishOrdinalDay() {
        #expect(DateParser.firstDate(in: "14th, September 2023 GMT")?.iso8601 == "2023-09-14")
    }

    @Test func englishMonthFirst() {
        #expect(DateParser.firstDate(in: "September 14, 2023")?.iso8601 == "2023-09-14")
    }

    @Test func doubleMonthName() {
        #expect(DateParser.firstDate(in: "في 13 سبتمبر/أيلول 2023")?.iso8601 == "2023-09-13")
    }

    @Test func numericForms() {
        #expect(DateParser.firstDate(in: "2023-09-13")?.iso8601 == "2023-09-13")
        #expect(DateParser.firstDate(in: "13/09/2023")?.iso8601 == "2023-09-13")
    }

    @Test(arguments: ["لا تاريخ هنا", "13 سبتمبر", "30 فبراير 2023", ""])
    func noFullDate(_ text: String) {
        #expect(DateParser.firstDate(in: text) == nil)
    }
}
