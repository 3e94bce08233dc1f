import Foundation
import Testing
@testable import Khabar

@Suite("PublishedDate")
struct PublishedDateTests {
    @Test func isoDate() throws {
        let d = try #require(PublishedDate(parsing: "2023-09-14"))
        #expect(d == PublishedDate(year: 2023, month: 9, day: 14))
        #expect(d.hour == nil)
        #expect(d.iso8601 == "2023-09-14")
    }

    @Test func isoDateTimeWithOffset() throws {
        let d = try #require(PublishedDate(parsing: "2015-08-01T08:00:57+04:00"))
        #expect(d.hour == 8)
        #expect(d.minute == 0)
        #expect(d.second == 57)
        #expect(d.utcOffsetMinutes == 240)
        #expect(d.iso8601 == "2015-08-01T08:00:57+04:00")
    }

    @Test(arguments: [
        ("2023-09-13T08:41", "2023-09-13T08:41"),
        ("2023-09-13 08:41", "2023-09-13T08:41"),
        ("2023-09-13T08:41:05Z", "2023-09-13T08:41:05Z"),
        ("2023-09-13T08:41:05.123Z", "2023-09-13T08:41:05Z"),
        ("2023-09-13T08:41:05-0530", "2023-09-13T08:41:05-05:30"),
        ("  2023-09-14\n", "2023-09-14"),
    ])
    func isoVariants(_ input: String, _ iso: String) {
        #expect(PublishedDate(parsing: input)?.iso8601 == iso)
    }

    @Test func rfc822() throws {
        let d = try #require(PublishedDate(parsing: "Mon, 14 May 2018 21:35:43 +0400"))
        #expect(d == PublishedDate(year: 2018, month: 5, day: 14, hour: 21, minute: 35, second: 43, utcOffsetMinutes: 240))
        #expect(d.iso8601 == "2018-05-14T21:35:43+04:00")
        #expect(PublishedDate(parsing: "14 May 2018 21:35:43 GMT")?.iso8601 == "2018-05-14T21:35:43Z")
        #expect(PublishedDate(parsing: "Thu, 14 Sep 2023")?.iso8601 == "2023-09-14")
    }

    @Test(arguments: ["", "yesterday", "2023-02-30", "2023-13-01", "2023-09-14T25:00", "2023-9-14",
                      "32 May 2018", "Mon, 14 Foo 2018 21:35:43 +0400", "2023-09-14T08:41junk"])
    func invalidIsNil(_ input: String) {
        #expect(PublishedDate(parsing: input) == nil)
    }

    @Test func leapDay() {
        #expect(PublishedDate(parsing: "2024-02-29") != nil)
        #expect(PublishedDate(parsing: "2023-02-29") == nil)
        #expect(PublishedDate(parsing: "1900-02-29") == nil)
        #expect(PublishedDate(parsing: "2000-02-29") != nil)
    }

    @Test(arguments: [
        (2023, 9, 13, 3), // Wednesday
        (2018, 5, 14, 1), // Monday
        (2000, 1, 1, 6),  // Saturday
        (2024, 2, 29, 4), // Thursday
        (2023, 9, 17, 0), // Sunday
        (1970, 1, 1, 4),  // Thursday
    ])
    func weekday(_ y: Int, _ m: Int, _ d: Int, _ weekday: Int) {
        #expect(PublishedDate(year: y, month: m, day: d).weekday == weekday)
    }

    @Test func orderingAndDayOnly() {
        let day = PublishedDate(year: 2023, month: 9, day: 13)
        let morning = PublishedDate(year: 2023, month: 9, day: 13, hour: 8, minute: 41)
        #expect(day < morning)
        #expect(morning < PublishedDate(year: 2023, month: 9, day: 14))
        #expect(morning.dayOnly == day)
    }

    @Test func codableAsISOString() throws {
        let d = PublishedDate(year: 2023, month: 9, day: 13, hour: 8, minute: 41)
        let data = try JSONEncoder().encode([d])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2023-09-13T08:41\"]")
        #expect(try JSONDecoder().decode([PublishedDate].self, from: data) == [d])
    }
}
