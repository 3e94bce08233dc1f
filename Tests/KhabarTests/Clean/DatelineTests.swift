import Testing
@testable import Khabar

@Suite("Dateline")
struct DatelineTests {
    @Test func lineWithPlaceOutletAndDate() throws {
        let line = try #require(Dateline.parseLine("القاهرة - بوابة الوسط الأربعاء 13 سبتمبر 2023"))
        #expect(line.place == "القاهرة")
        #expect(line.outlet == "بوابة الوسط")
        #expect(line.agency == nil)
        #expect(line.date?.iso8601 == "2023-09-13")
    }

    @Test func seedDatelineWithTime() throws {
        let line = try #require(Dateline.parseLine("القاهرة - بوابة الوسط الأربعاء 13 سبتمبر 2023, 08:41 صباحا"))
        #expect(line.place == "القاهرة")
        #expect(line.outlet == "بوابة الوسط")
        #expect(line.date?.iso8601 == "2023-09-13T08:41")
    }

    @Test func lineWithPlaceAndAgency() throws {
        let line = try #require(Dateline.parseLine("موسكو - رويترز"))
        #expect(line.place == "موسكو")
        #expect(line.agency == "رويترز")
    }

    @Test func headlineWithDashIsNoDateline() {
        #expect(Dateline.parseLine("بوتين - كيم: قمة في قاعدة الفضاء") == nil)
        #expect(Dateline.parseLine("بوتين وكيم يتفقدان منشآت لجمع وإطلاق صواريخ فضائية") == nil)
    }

    @Test func inlinePlaceAndAgency() throws {
        let (line, rest) = try #require(Dateline.parsePrefix("الرياض - واس: أعلنت الوزارة عن خطة جديدة لدعم الاقتصاد."))
        #expect(line.place == "الرياض")
        #expect(line.agency == "واس")
        #expect(rest == "أعلنت الوزارة عن خطة جديدة لدعم الاقتصاد.")
    }

    @Test func inlineBracketedAgency() throws {
        let (line, rest) = try #require(Dateline.parsePrefix("القاهرة (رويترز) - قال مسؤولون إن المحادثات ستستمر."))
        #expect(line.place == "القاهرة")
        #expect(line.agency == "رويترز")
        #expect(rest == "قال مسؤولون إن المحادثات ستستمر.")
    }

    @Test func inlineQuoteIntroIsNoDateline() {
        #expect(Dateline.parsePrefix("وأضاف كيم: العلاقة مع روسيا ستشهد تعاونا.") == nil)
        #expect(Dateline.parsePrefix("بوتين: روسيا ستساعد كوريا الشمالية على بناء أقمار صناعية") == nil)
    }
}
