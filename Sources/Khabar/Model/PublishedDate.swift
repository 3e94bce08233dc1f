import Foundation

/// A publication date with only the precision the source gives: a day, or a day and a time, with the
/// UTC offset when stated. Written as ISO 8601 ("2023-09-14", "2023-09-13T08:41", "2015-08-01T08:00:57+04:00").
public struct PublishedDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int?
    public var minute: Int?
    public var second: Int?
    /// Minutes east of UTC, when the source says.
    public var utcOffsetMinutes: Int?

    public init(year: Int, month: Int, day: Int, hour: Int? = nil, minute: Int? = nil,
                second: Int? = nil, utcOffsetMinutes: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// True when the parts form a real calendar date and time.
    public var isValid: Bool {
        guard (1...12).contains(month), year >= 1000, year <= 9999 else { return false }
        let daysInMonth = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
                           31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...daysInMonth).contains(day) else { return false }
        if let h = hour, !(0...23).contains(h) { return false }
        if let m = minute, !(0...59).contains(m) { return false }
        if let s = second, !(0...60).contains(s) { return false }
        return true
    }

    /// ISO 8601 text at the known precision.
    public var iso8601: String {
        var s = String(format: "%04d-%02d-%02d", year, month, day)
        if let h = hour {
            s += String(format: "T%02d:%02d", h, minute ?? 0)
            if let sec = second { s += String(format: ":%02d", sec) }
            if let off = utcOffsetMinutes {
                if off == 0 { s += "Z" } else {
                    let a = abs(off)
                    s += String(format: "%@%02d:%02d", off < 0 ? "-" : "+", a / 60, a % 60)
                }
            }
        }
        return s
    }

    public var description: String { iso8601 }

    /// The day alone, for comparisons across precisions.
    public var dayOnly: PublishedDate { PublishedDate(year: year, month: month, day: day) }

    /// Day of the week, 0 = Sunday … 6 = Saturday (Zeller-style computation, proleptic Gregorian).
    public var weekday: Int {
        var y = year, m = month
        if m < 3 { m += 12; y -= 1 }
        let k = y % 100, j = y / 100
        let h = (day + (13 * (m + 1)) / 5 + k + k / 4 + j / 4 + 5 * j) % 7 // 0 = Saturday
        return (h + 6) % 7
    }

    /// Seconds since 1970-01-01 UTC. A date without a stated offset is taken as UTC, and a date
    /// without a time as midday, so that it is at most half a day from the truth either way.
    public var secondsSince1970: Double {
        // Days from civil date (proleptic Gregorian), after Howard Hinnant's public algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let secondsOfDay = hour.map { $0 * 3600 + (minute ?? 0) * 60 + (second ?? 0) } ?? 12 * 3600
        return Double(days * 86_400 + secondsOfDay - (utcOffsetMinutes ?? 0) * 60)
    }

    /// The UTC date and time (to the second) of a moment given in seconds since 1970.
    public init(utcSecondsSince1970 seconds: Double) {
        let total = Int(seconds.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondsOfDay = total - days * 86_400
        // Civil date from days (the inverse of `secondsSince1970`'s computation).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day,
                  hour: secondsOfDay / 3600, minute: secondsOfDay % 3600 / 60, second: secondsOfDay % 60,
                  utcOffsetMinutes: 0)
    }

    public static func < (a: PublishedDate, b: PublishedDate) -> Bool {
        (a.year, a.month, a.day, a.hour ?? -1, a.minute ?? -1, a.second ?? -1)
            < (b.year, b.month, b.day, b.hour ?? -1, b.minute ?? -1, b.second ?? -1)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso8601)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = PublishedDate(parsing: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a date: \(s)")
        }
        self = d
    }
}

extension PublishedDate {
    /// Parses the machine formats inputs use: ISO 8601 (date, date-time, with or without offset)
    /// and RFC 822 ("Mon, 14 May 2018 21:35:43 +0400"). Returns nil for anything else.
    public init?(parsing text: String) {
        let s = text.trimmingUnicodeWhitespace()
        if let d = PublishedDate.parseISO(s) ?? PublishedDate.parseRFC822(s), d.isValid {
            self = d
        } else {
            return nil
        }
    }

    static func parseISO(_ s: String) -> PublishedDate? {
        let b = Array(s.utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var v = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += count
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(45), let mo = number(2), expect(45), let d = number(2) else { return nil }
        var date = PublishedDate(year: y, month: mo, day: d)
        if i == b.count { return date }
        guard i < b.count, b[i] == 84 || b[i] == 32 else { return nil } // 'T' or ' '
        i += 1
        guard let h = number(2), expect(58), let mi = number(2) else { return nil }
        date.hour = h
        date.minute = mi
        if expect(58) {
            guard let sec = number(2) else { return nil }
            date.second = sec
            if expect(46) { while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 } } // fraction dropped
        }
        if i == b.count { return date }
        if b[i] == 90 || b[i] == 122 { // Z
            date.utcOffsetMinutes = 0
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = number(2) else { return nil }
            _ = expect(58)
            let om = number(2) ?? 0
            date.utcOffsetMinutes = sign * (oh * 60 + om)
        }
        return i == b.count ? date : nil
    }

    static let englishMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parseRFC822(_ s: String) -> PublishedDate? {
        // [Day,] DD Mon YYYY HH:MM[:SS] [+HHMM|GMT|UTC]
        var parts = s.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = parts.first, first.count == 3, Int(first) == nil { parts.removeFirst() }
        guard parts.count >= 3, let d = Int(parts[0]), let y = Int(parts[2]),
              let mo = englishMonths.firstIndex(of: String(parts[1].prefix(3)).lowercased()) else { return nil }
        var date = PublishedDate(year: y, month: mo + 1, day: d)
        if parts.count >= 4 {
            let t = parts[3].split(separator: ":").compactMap { Int($0) }
            guard t.count >= 2 else { return nil }
            date.hour = t[0]
            date.minute = t[1]
            if t.count >= 3 { date.second = t[2] }
        }
        if parts.count >= 5 {
            let z = parts[4]
            if z == "GMT" || z == "UTC" || z == "Z" {
                date.utcOffsetMinutes = 0
            } else if let first = z.first, first == "+" || first == "-", z.count == 5, let v = Int(z.dropFirst()) {
                date.utcOffsetMinutes = (first == "-" ? -1 : 1) * ((v / 100) * 60 + v % 100)
            }
        }
        return date
    }
}
