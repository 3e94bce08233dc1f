/// Turns what an expression says into an ISO value, counting from the publication date where the
/// text does (أمس, الأربعاء, الشهر الماضي) and borrowing the year for "13 سبتمبر" from the
/// publication or, failing that, from a full date elsewhere in the same text.
struct DateResolver {
    let published: PublishedDate?
    /// The year of the first written-out date in the text, for day-month dates when there is no
    /// publication date.
    let contextYear: Int?

    func resolve(_ fields: DateFields, isFuture: Bool) -> (value: String?, anchor: DateMention.Anchor) {
        if fields.isNow {
            return (published.map { iso($0) }, .publication)
        }
        if fields.isPeriod { return (nil, .none) }
        if let days = fields.relativeDays {
            guard let p = published else { return (nil, .publication) }
            return (iso(shift(p.dayOnly, days: days), fields), .publication)
        }
        if let (unit, step) = fields.relativeUnit {
            guard let p = published else { return (nil, .publication) }
            switch unit {
            case .year: return (String(format: "%04d", p.year + step), .publication)
            case .month:
                let index = p.year * 12 + (p.month - 1) + step
                return (String(format: "%04d-%02d", index / 12, index % 12 + 1), .publication)
            case .week: return (isoWeek(shift(p.dayOnly, days: 7 * step)), .publication)
            }
        }
        if fields.day == nil, fields.month == nil, fields.year == nil, let weekday = fields.weekday {
            guard let p = published else { return (nil, .publication) }
            return (iso(weekdayDate(weekday, from: p, future: isFuture), fields), .publication)
        }
        if let year = fields.year {
            guard let month = fields.month else {
                return (String(format: "%04d", fields.hijri ? hijriToGregorian(year, 1, 1).year : year), .absolute)
            }
            guard let day = fields.day else {
                if fields.hijri { return (nil, .absolute) }
                return (String(format: "%04d-%02d", year, month), .absolute)
            }
            if fields.hijri {
                let date = hijriToGregorian(year, month, day)
                return (iso(date, fields), .absolute)
            }
            let date = PublishedDate(year: year, month: month, day: day)
            guard date.isValid else { return (nil, .absolute) }
            return (iso(date, fields), .absolute)
        }
        if let month = fields.month, !fields.hijri {
            // No year written: the publication's year, else the text's.
            guard let year = published?.year ?? contextYear else { return (nil, .publication) }
            guard let day = fields.day else { return (String(format: "%04d-%02d", year, month), .publication) }
            var date = PublishedDate(year: year, month: month, day: day)
            // "28 ديسمبر" in a January article is last December.
            if let p = published, date.secondsSince1970 - p.secondsSince1970 > 183 * 86_400 { date.year -= 1 }
            guard date.isValid else { return (nil, .publication) }
            return (iso(date, fields), .publication)
        }
        if let hour = fields.hour {
            return (String(format: "T%02d:%02d", hour, fields.minute ?? 0), .absolute)
        }
        return (nil, .none)
    }

    /// The latest such weekday on or before publication; for a future verb the next one on or after
    /// it ("ستُفتتح السفارة الاثنين" in a Monday article is that day: a week ahead would say المقبل).
    func weekdayDate(_ weekday: Int, from p: PublishedDate, future: Bool) -> PublishedDate {
        if future {
            return shift(p.dayOnly, days: (weekday - p.weekday + 7) % 7)
        }
        return shift(p.dayOnly, days: -((p.weekday - weekday + 7) % 7))
    }

    func shift(_ date: PublishedDate, days: Int) -> PublishedDate {
        let moved = PublishedDate(utcSecondsSince1970: date.dayOnly.secondsSince1970 + Double(days * 86_400))
        return moved.dayOnly
    }

    /// "2023-09-13", with the clock time when the expression gives one.
    func iso(_ date: PublishedDate, _ fields: DateFields? = nil) -> String {
        var s = String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
        if let hour = fields?.hour ?? (fields == nil ? date.hour : nil) {
            s += String(format: "T%02d:%02d", hour, fields?.minute ?? date.minute ?? 0)
        }
        return s
    }

    /// ISO week "2023-W37": the week belongs to the year of its Thursday.
    func isoWeek(_ date: PublishedDate) -> String {
        let mondayBased = (date.weekday + 6) % 7 // Monday 0 … Sunday 6
        let thursday = shift(date, days: 3 - mondayBased)
        let januaryFirst = PublishedDate(year: thursday.year, month: 1, day: 1)
        let ordinal = Int((thursday.secondsSince1970 - januaryFirst.secondsSince1970) / 86_400)
        return String(format: "%04d-W%02d", thursday.year, ordinal / 7 + 1)
    }

    /// The tabular (arithmetic) Islamic calendar, which official calendars follow to within a day
    /// or two: day number from the epoch, then the civil date.
    func hijriToGregorian(_ year: Int, _ month: Int, _ day: Int) -> PublishedDate {
        let julianDay = day + Int((29.5 * Double(month - 1)).rounded(.up)) + (year - 1) * 354
            + (3 + 11 * year) / 30 + 1_948_439
        let unixDays = julianDay - 2_440_588
        return PublishedDate(utcSecondsSince1970: Double(unixDays) * 86_400).dayOnly
    }
}
