import KhabarText

/// What a matched expression says, before it is resolved against a publication date.
struct DateFields: Sendable {
    var year: Int?
    var month: Int?
    var day: Int?
    var hour: Int?
    var minute: Int?
    /// The date is in the Hijri calendar (converted when resolved).
    var hijri = false
    /// Days from publication: اليوم 0, أمس -1, أمس الأول -2, غدا +1.
    var relativeDays: Int?
    var weekday: Int?
    /// "الأسبوع الماضي": the unit and the step from the publication's unit.
    var relativeUnit: (DateLexicon.Unit, Int)?
    /// A length of time or a vague period: no point value.
    var isPeriod = false
    /// Present time ("الآن", "حاليا"): the publication moment.
    var isNow = false
}

/// One expression: token range [start, end) and what it says.
struct DateMatch: Sendable {
    var start: Int
    var end: Int
    var isTime: Bool
    var fields: DateFields
}

/// Hand-written grammar of Arabic (and English) time expressions over matching-normalised tokens.
/// Each rule looks at a token index and returns the end of what it matched; the scanner takes the
/// first rule that matches at each position, longest forms first within a rule.
struct DateGrammar {
    /// Normalised token texts (punctuation kept as written).
    let words: [String]
    /// Integer values of plain digit tokens.
    let numbers: [Int?]
    /// Digit counts of number tokens (a year has 4; a day 1 or 2).
    let digitCounts: [Int]

    /// Whether an expression may start at each token (see `DateLexicon.vocabulary`).
    let mayStart: [Bool]

    /// Per token, hashed: the word and its clitic-stripped forms (`stemForms`), for the lexicon
    /// lookups (`DateWords`); computed once here, not in every rule that asks.
    let keys: [WordKey]
    /// `stemForms` hashes, `DateGrammar.maxForms` slots per token, `formCounts` of them in use.
    private let formHashes: [UInt64]
    private let formCounts: [UInt8]
    static let maxForms = 3

    init(words: [String]) {
        self.init(words: words, keys: words.map(WordKey.init))
    }

    /// `keys[i]` must be `WordKey(words[i])` (the extractor shares them with the other rules).
    init(words: [String], keys: [WordKey]) {
        self.words = words
        self.keys = keys
        let numbers = words.map(DateGrammar.integer)
        self.numbers = numbers
        digitCounts = words.indices.map { numbers[$0] == nil ? 0 : words[$0].utf8.count }
        var formHashes = [UInt64](repeating: 0, count: words.count * Self.maxForms)
        var formCounts = [UInt8](repeating: 0, count: words.count)
        var mayStart = [Bool](repeating: true, count: words.count)
        for (i, word) in words.enumerated() {
            let n = keys[i].scalarsStandAlone
                ? Self.stemHashes(word, keys[i], into: &formHashes, at: i * Self.maxForms)
                : Self.stemHashes(word, into: &formHashes, at: i * Self.maxForms)
            formCounts[i] = UInt8(n)
            // A number, punctuation, a non-Arabic word, or a word with a form in the lexicon.
            if let first = word.utf8.first, first &- 0xD8 < 4 { // lead byte of U+0600…U+06FF
                mayStart[i] = (0..<n).contains { DateWords.vocabulary.contains(formHashes[i * Self.maxForms + $0]) }
            }
        }
        self.formHashes = formHashes
        self.formCounts = formCounts
        self.mayStart = mayStart
    }

    /// Writes the hashes of `stemForms(word)` at `hashes[offset...]`; returns how many. Works on the
    /// bytes when every scalar is a Character of its own (`WordKey.standsAlone`), else on the Strings.
    static func stemHashes(_ word: String, into hashes: inout [UInt64], at offset: Int) -> Int {
        var copy = word
        let simple: Int? = copy.withUTF8 { w in
            var count = 0, i = 0
            var firsts: ((UInt32, Int), (UInt32, Int)) = ((0, 0), (0, 0))
            while i < w.count {
                let (value, length) = WordKey.scalar(w, i)
                guard WordKey.standsAlone(value) else { return nil }
                if count == 0 { firsts.0 = (value, length) } else if count == 1 { firsts.1 = (value, length) }
                count += 1
                i += length
            }
            hashes[offset] = TermHash.hash(w)
            var n = 1, start = 0, left = count
            var next = firsts.0
            if left > 3, next.0 == 0x0648 || next.0 == 0x0641 { // و ف
                start += next.1
                left -= 1
                next = firsts.1
                hashes[offset + n] = TermHash.hash(UnsafeBufferPointer(rebasing: w[start...]))
                n += 1
            }
            if left > 3, next.0 == 0x0628 || next.0 == 0x0644 || next.0 == 0x0643 { // ب ل ك
                start += next.1
                hashes[offset + n] = TermHash.hash(UnsafeBufferPointer(rebasing: w[start...]))
                n += 1
            }
            return n
        }
        if let simple { return simple }
        let forms = stemForms(word)
        for (k, form) in forms.enumerated() { hashes[offset + k] = TermHash.hash(form) }
        return forms.count
    }

    /// `stemHashes(_:into:at:)` for a word whose scalars stand alone, starting from its key (which
    /// has its hash, its first scalar and its hash without that scalar): no scan of the word.
    static func stemHashes(_ word: String, _ key: WordKey, into hashes: inout [UInt64], at offset: Int) -> Int {
        hashes[offset] = key.hash
        guard key.count > 3 else { return 1 }
        // A scalar that stands alone is ASCII (one byte) or in the Arabic block (two).
        func length(_ scalar: UInt32) -> Int { scalar < 0x80 ? 1 : 2 }
        var n = 1, left = key.count
        var next = key.first, start = 0
        if next == 0x0648 || next == 0x0641 { // و ف
            start = length(next)
            left -= 1
            hashes[offset + n] = key.tailHash
            n += 1
            guard left > 3 else { return n }
            next = withUTF8Bytes(word) { WordKey.scalar($0, start).0 }
        }
        if next == 0x0628 || next == 0x0644 || next == 0x0643 { // ب ل ك
            if start == 0 {
                hashes[offset + n] = key.tailHash
            } else {
                start += length(next)
                hashes[offset + n] = withUTF8Bytes(word) { TermHash.hash(UnsafeBufferPointer(rebasing: $0[start...])) }
            }
            n += 1
        }
        return n
    }

    /// The word, then without a leading conjunction (و, ف), then without a preposition (ب, ل, ك).
    static func stemForms(_ word: String) -> [String] {
        var forms = [word]
        var w = Substring(word)
        if w.count > 3, let f = w.first, f == "و" || f == "ف" { w = w.dropFirst(); forms.append(String(w)) }
        if w.count > 3, let f = w.first, f == "ب" || f == "ل" || f == "ك" { w = w.dropFirst(); forms.append(String(w)) }
        return forms
    }

    /// The value of an all-ASCII-digit word; nil otherwise (bytes, no allocation).
    static func integer(_ word: String) -> Int? {
        var value = 0
        var count = 0
        for byte in word.utf8 {
            guard byte >= 48, byte <= 57, count < 9 else { return nil }
            value = value * 10 + Int(byte - 48)
            count += 1
        }
        return count == 0 ? nil : value
    }

    var count: Int { words.count }

    func word(_ i: Int) -> String { i < words.count ? words[i] : "" }

    /// The word without a leading conjunction (و, ف) and then a preposition (ب, ل, ك), for lookups
    /// of words that take clitics ("ومنذ", "لسنة", "والخميس").
    func stems(_ i: Int) -> [String] {
        guard i < words.count else { return [] }
        return Self.stemForms(words[i])
    }

    /// The hash of `word(i)`.
    @inline(__always)
    func wordHash(_ i: Int) -> UInt64 { i < keys.count ? keys[i].hash : WordKey.empty.hash }

    /// True when one of `stems(i)` hashes to `form`.
    @inline(__always)
    func hasForm(_ i: Int, _ form: UInt64) -> Bool {
        guard i < count else { return false }
        let base = i * Self.maxForms
        for k in 0..<Int(formCounts[i]) where formHashes[base + k] == form { return true }
        return false
    }

    func lookup<T>(_ table: HashedTable<T>, _ i: Int) -> T? {
        guard i < count else { return nil }
        let base = i * Self.maxForms
        for k in 0..<Int(formCounts[i]) { if let v = table[formHashes[base + k]] { return v } }
        return nil
    }

    func isIn(_ set: HashedWords, _ i: Int) -> Bool {
        guard i < count else { return false }
        let base = i * Self.maxForms
        for k in 0..<Int(formCounts[i]) where set.contains(formHashes[base + k]) { return true }
        return false
    }

    /// True when token `i` is one Character, one of `marks`' (single-scalar marks).
    func isPunct(_ i: Int, _ marks: String) -> Bool {
        guard i < count, keys[i].count == 1, keys[i].first != 0 else { return false }
        let first = keys[i].first
        return marks.unicodeScalars.contains { $0.value == first }
    }

    // MARK: Scanning

    /// All expressions, left to right, not overlapping.
    func matches() -> [DateMatch] {
        var found: [DateMatch] = []
        var i = 0
        while i < count {
            if mayStart[i], let m = expression(at: i) {
                found.append(m)
                i = m.end
            } else {
                i += 1
            }
        }
        return found
    }

    /// Qualifiers, then a core expression, then a range or a time that continues it.
    func expression(at start: Int) -> DateMatch? {
        var j = start
        var partOfDay = false
        var qualifiers = 0
        var includesOpenParen = false
        while qualifiers < 3, j < count {
            if isIn(DateWords.partsOfDay, j) {
                partOfDay = true
            } else if !isIn(DateWords.leadingQualifiers, j) {
                break
            }
            j += 1
            qualifiers += 1
            if isPunct(j, ":") { j += 1 }
        }
        // "بتاريخ ( 7 / 2 / 2002 )": the bracket belongs to the expression after a qualifier.
        if qualifiers > 0, isPunct(j, "(") { includesOpenParen = true; j += 1 }
        var core = self.core(at: j)
        if core == nil, qualifiers > 0, let unit = unitAfterQualifier(at: j) { core = unit }
        // The last qualifier may itself start the core ("قبل شهر": شهر; "بعد اليوم").
        var back = j - 1
        while core == nil, back > start {
            core = self.core(at: back) ?? periodAfterAgo(at: back)
            if core == nil { back -= 1 }
        }
        guard var m = core else { return nil }
        if qualifiers > 0 { m.start = start }
        if includesOpenParen, isPunct(m.end, ")") { m.end += 1 }
        // A part of day makes the span a TIME but names no clock hour, so the value stays a day.
        if partOfDay { m.isTime = true }
        extendRange(&m)
        // "13 سبتمبر 2023 08:41 صباحا": a time right after a day belongs to it.
        if !m.isTime, m.fields.day != nil || m.fields.weekday != nil || m.fields.relativeDays != nil,
           let t = clockTime(at: m.end) {
            m.end = t.end
            m.fields.hour = t.fields.hour
            m.fields.minute = t.fields.minute
            m.isTime = true
        }
        return m
    }

    /// "1936 - 1939", "يناير ومارس": a second expression of the same sort joined on.
    func extendRange(_ m: inout DateMatch) {
        var j = m.end
        guard j < count, !m.fields.isPeriod else { return }
        let monthOnly = m.fields.month != nil && m.fields.day == nil && m.fields.year == nil
        if isIn(DateWords.rangeJoiners, j) && words[j] != "و" {
            j += 1
        } else if monthOnly, words[j].hasPrefix("و"), words[j].count > 2 {
            // "ومارس": the conjunction is glued to the second month; monthAt strips it, and next to
            // a first month even an ambiguous name is a month.
            if let second = monthAt(j, allowAmbiguous: true) { m.end = second.end }
            return
        } else {
            return
        }
        guard let next = core(at: j), next.isTime == m.isTime, !next.fields.isPeriod else { return }
        let nextMonthOnly = next.fields.month != nil && next.fields.day == nil && next.fields.year == nil
        let bothYears = m.fields.year != nil && m.fields.month == nil && next.fields.year != nil && next.fields.month == nil
        if (monthOnly && nextMonthOnly) || bothYears || (words[m.end] != "و" && !words[m.end].hasPrefix("و")) {
            m.end = next.end
        }
    }

    /// "نهاية العام", "بداية الشهر": a bare unit after a qualifier.
    func unitAfterQualifier(at j: Int) -> DateMatch? {
        guard let unit = DateWords.units[wordHash(j)] else { return nil }
        var fields = DateFields()
        fields.relativeUnit = (unit, 0)
        return DateMatch(start: j, end: j + 1, isTime: false, fields: fields)
    }

    /// "قبل شهر", "منذ عام": one unit after "ago" words.
    func periodAfterAgo(at j: Int) -> DateMatch? {
        guard j > 0, isIn(DateWords.agoWords, j - 1), DateWords.singularUnits.contains(wordHash(j)) else { return nil }
        var fields = DateFields()
        fields.isPeriod = true
        return DateMatch(start: j, end: j + 1, isTime: false, fields: fields)
    }

    /// The core rules, most specific first.
    func core(at j: Int) -> DateMatch? {
        guard j < count else { return nil }
        return clockTime(at: j) ?? relative(at: j) ?? weekdayExpression(at: j) ?? dayMonth(at: j)
            ?? monthFirst(at: j) ?? numericDate(at: j) ?? yearExpression(at: j) ?? bracketedMarkedYear(at: j) ?? duration(at: j)
            ?? standalone(at: j)
    }

    // MARK: Times

    /// "08:41 صباحا", "الساعة الثالثة والنصف مساء", "الساعة 10".
    func clockTime(at j: Int) -> DateMatch? {
        var k = j
        let hasHourWord = isIn(DateWords.hourWords, k)
        if hasHourWord { k += 1 }
        var hour: Int?
        var minute = 0
        if let h = numbers[safe: k], let h, h <= 24, digitCounts[k] <= 2 {
            if isPunct(k + 1, ":"), let mm = numbers[safe: k + 2], let mm, mm < 60, digitCounts[k + 2] == 2 {
                hour = h
                minute = mm
                k += 3
            } else if hasHourWord {
                hour = h
                k += 1
            }
        } else if hasHourWord, let h = ordinalHour(at: k) {
            hour = h.0
            k = h.1
        }
        guard var hourValue = hour else {
            // "الساعة" alone: the annotation marks it as TIME only rarely; leave it.
            return nil
        }
        if let fraction = lookup(DateWords.minuteFractions, k) { minute = fraction; k += 1 }
        if k < count {
            if DateWords.eveningMarkers.contains(wordHash(k)) {
                if hourValue < 12 { hourValue += 12 }
                k += 1
            } else if DateWords.morningMarkers.contains(wordHash(k)) {
                if hourValue == 12 { hourValue = 0 }
                k += 1
            }
        }
        var fields = DateFields()
        fields.hour = hourValue
        fields.minute = minute
        return DateMatch(start: j, end: k, isTime: true, fields: fields)
    }

    func ordinalHour(at k: Int) -> (Int, Int)? {
        if k + 1 < count, let h = DateLexicon.ordinalHours[words[k] + " " + words[k + 1]] { return (h, k + 2) }
        if let h = DateLexicon.ordinalHours[word(k)] { return (h, k + 1) }
        return nil
    }

    // MARK: Relative

    /// "اليوم", "أمس", "أمس الأول", "غدا", "بعد غد", "الآن", "الأسبوع الماضي", "هذا العام",
    /// "السنوات الماضية"; a weekday or date right after a relative day is part of it ("أمس الأول الجمعة").
    func relative(at j: Int) -> DateMatch? {
        var fields = DateFields()
        var k = j
        var isTime = false
        if hasForm(j, DateWords.Literal.yesterday), wordHash(j + 1) == DateWords.Literal.theFirst {
            fields.relativeDays = -2
            k += 2
        } else if hasForm(j, DateWords.Literal.first), wordHash(j + 1) == DateWords.Literal.yesterday {
            fields.relativeDays = -2
            k += 2
        } else if hasForm(j, DateWords.Literal.after), wordHash(j + 1) == DateWords.Literal.tomorrow {
            fields.relativeDays = 2
            k += 2
        } else if let days = lookup(DateWords.relativeDays, j) {
            // "اليوم العالمي", "اليوم الأول": "the day", not "today".
            if days == 0, hasForm(j, DateWords.Literal.today), DateWords.dayAdjectives.contains(wordHash(j + 1)) {
                return nil
            }
            fields.relativeDays = days
            if hasForm(j, DateWords.Literal.tonight) { isTime = true }
            k += 1
        } else if isIn(DateWords.nowWords, j) {
            fields.isNow = true
            return DateMatch(start: j, end: j + 1, isTime: true, fields: fields)
        } else if hasForm(j, DateWords.Literal.this) || hasForm(j, DateWords.Literal.thisFeminine) {
            if let unit = DateWords.units[wordHash(j + 1)] {
                fields.relativeUnit = (unit, 0)
                return DateMatch(start: j, end: j + 2, isTime: false, fields: fields)
            }
            if wordHash(j + 1) == DateWords.Literal.today {
                fields.relativeDays = 0
                return DateMatch(start: j, end: j + 2, isTime: false, fields: fields)
            }
            return nil
        } else if let unit = lookup(DateWords.units, j) {
            guard let step = DateWords.unitSteps[wordHash(j + 1)] else { return nil }
            fields.relativeUnit = (unit, step)
            return DateMatch(start: j, end: j + 2, isTime: false, fields: fields)
        } else if isIn(DateWords.eraWords, j), DateWords.eraNames.contains(wordHash(j + 1)) {
            fields.isPeriod = true
            return DateMatch(start: j, end: j + 2, isTime: false, fields: fields)
        } else if isIn(DateWords.pluralPeriods, j), DateWords.periodDirections.contains(wordHash(j + 1)) {
            fields.isPeriod = true
            let clock = hasForm(j, DateWords.Literal.theHours) || hasForm(j, DateWords.Literal.theMinutes)
            return DateMatch(start: j, end: j + 2, isTime: clock, fields: fields)
        } else {
            return nil
        }
        // "اليوم الأحد", "أمس الأربعاء": the weekday names the same day.
        if let weekday = DateWords.weekdays[wordHash(k)] {
            fields.weekday = weekday
            k += 1
        }
        return DateMatch(start: j, end: k, isTime: isTime, fields: fields)
    }

    // MARK: Weekdays

    /// "الأربعاء", "يوم الثلاثاء الموافق 5 / 8 / 2008", "السبت 28 آذار / مارس".
    func weekdayExpression(at j: Int) -> DateMatch? {
        guard let weekday = lookup(DateWords.weekdays, j) else { return nil }
        if j > 0, DateWords.weekdayNameHolders.contains(wordHash(j - 1)) { return nil }
        var fields = DateFields()
        fields.weekday = weekday
        var k = j + 1
        var after = k
        if isPunct(after, ",،") { after += 1 }
        if wordHash(after) == DateWords.Literal.corresponding { after += 1 }
        if let date = dayMonth(at: after) ?? numericDate(at: after) {
            fields = date.fields
            fields.weekday = weekday
            k = date.end
        }
        return DateMatch(start: j, end: k, isTime: false, fields: fields)
    }

    // MARK: Calendar dates

    func monthAt(_ k: Int, allowAmbiguous: Bool) -> (month: Int, end: Int, hijri: Bool)? {
        guard k < count else { return nil }
        for length in [2, 1] where k + length <= count {
            // The month tables are keyed by the hashes of their one or two words (`DateWords.months`).
            var first = keys[k].hash
            let second: UInt64? = length == 2 ? keys[k + 1].hash : nil
            // "ومارس": a conjunction glued to the month.
            if keys[k].count > 3, keys[k].first == 0x0648, DateWords.months[first, second] == nil, // و
               DateWords.hijriMonths[first, second] == nil { first = keys[k].tailHash }
            if let m = DateWords.months[first, second] {
                if !allowAmbiguous, DateWords.ambiguousMonths[first, second] != nil { continue }
                return (m, k + length, false)
            }
            if let m = DateWords.hijriMonths[first, second] {
                if !allowAmbiguous, m != 9 { continue }
                return (m, k + length, true)
            }
        }
        return nil
    }

    /// A month and its alternative name after a slash: "سبتمبر/أيلول", "آذار / مارس".
    func monthPair(_ k: Int, allowAmbiguous: Bool) -> (month: Int, end: Int, hijri: Bool)? {
        guard let first = monthAt(k, allowAmbiguous: allowAmbiguous) ?? (allowAmbiguous ? nil : pairedAmbiguous(k))
        else { return nil }
        if isPunct(first.end, "/"), let second = monthAt(first.end + 1, allowAmbiguous: true), second.month == first.month {
            return (first.month, second.end, first.hijri)
        }
        return first
    }

    /// "مارس / آذار": an ambiguous name is a month when its twin follows.
    func pairedAmbiguous(_ k: Int) -> (month: Int, end: Int, hijri: Bool)? {
        guard let first = monthAt(k, allowAmbiguous: true), isPunct(first.end, "/"),
              let second = monthAt(first.end + 1, allowAmbiguous: true), second.month == first.month else { return nil }
        return first
    }

    /// A year at k: "2023", "( 1948 )", with an era marker after it. Returns the end and whether
    /// the marker says Hijri.
    func yearAt(_ k: Int, requireFourDigits: Bool = false) -> (year: Int, end: Int, hijri: Bool)? {
        var i = k
        var bracket = false
        if isPunct(i, "(") { bracket = true; i += 1 }
        guard let y = numbers[safe: i], let y, digitCounts[i] >= (requireFourDigits ? 4 : 2), digitCounts[i] <= 4 else {
            return nil
        }
        i += 1
        // "( 1958 / 1963 )": two years in one bracket.
        if bracket, isPunct(i, "/"), let second = numbers[safe: i + 1], second != nil, digitCounts[i + 1] == 4 { i += 2 }
        if bracket {
            guard isPunct(i, ")") else { return nil }
            i += 1
        }
        var hijri = false
        if DateWords.hijriMarkers.contains(wordHash(i)) { hijri = true; i += 1 }
        else if DateWords.gregorianMarkers.contains(wordHash(i)) { i += 1 }
        var year = y
        if digitCounts[bracket ? k + 1 : k] == 2 { year += y > 30 ? 1900 : 2000 }
        return (year, i, hijri)
    }

    /// "13 سبتمبر 2023", "13 سبتمبر/أيلول", "14th, September 2023", "20 / شعبان / 1428 هجرية",
    /// "من 13 وحتى 15 تشرين الثاني / نوفمبر 2016".
    func dayMonth(at j: Int) -> DateMatch? {
        guard let day = numbers[safe: j], let day, (1...31).contains(day), digitCounts[j] <= 2 else { return nil }
        var k = j + 1
        var ordinal = false
        if DateWords.ordinalSuffixes.contains(wordHash(k)) { k += 1; ordinal = true }
        // A second day of a range: "13 وحتى 15".
        if isIn(DateWords.rangeJoiners, k), let d2 = numbers[safe: k + 1], let d2, (1...31).contains(d2),
           monthPair(k + 2, allowAmbiguous: true) != nil { k += 2 }
        // "14th, September"; in Arabic a comma after a number ends the expression ("العدد 6 ، يونيو").
        if isPunct(k, "/-") || (ordinal && isPunct(k, ",")) { k += 1 }
        guard let month = monthPair(k, allowAmbiguous: true) else { return nil }
        k = month.end
        var fields = DateFields()
        fields.day = day
        fields.month = month.month
        fields.hijri = month.hijri
        var yearStart = k
        if isPunct(yearStart, ",،/-") { yearStart += 1 }
        if let year = yearAt(yearStart) {
            fields.year = year.year
            fields.hijri = fields.hijri || year.hijri
            k = year.end
        }
        return DateMatch(start: j, end: k, isTime: false, fields: fields)
    }

    /// "سبتمبر 2022", "أكتوبر / تشرين الأول 2019", "September 14, 2023", "شباط ( 9 / 2 / 1946 )",
    /// "أيلول" alone, "شهر رمضان".
    func monthFirst(at j: Int) -> DateMatch? {
        guard let month = monthPair(j, allowAmbiguous: false) ?? monthPairWithYear(j) else { return nil }
        var fields = DateFields()
        fields.month = month.month
        fields.hijri = month.hijri
        var k = month.end
        // "شباط ( 9 / 2 / 1946 )": the numeric date in brackets spells the same month out.
        if isPunct(k, "("), let numeric = numericDate(at: k + 1), isPunct(numeric.end, ")") {
            return DateMatch(start: j, end: numeric.end + 1, isTime: false, fields: numeric.fields)
        }
        if let day = numbers[safe: k], let day, (1...31).contains(day), digitCounts[k] <= 2 {
            var y = k + 1
            if isPunct(y, ",") { y += 1 }
            if let year = yearAt(y) {
                fields.day = day
                fields.year = year.year
                return DateMatch(start: j, end: year.end, isTime: false, fields: fields)
            }
        }
        if isPunct(k, "/") && yearAt(k + 1) != nil { k += 1 }
        // "شهر رمضان عام ( 1992 )".
        if isIn(DateWords.yearWords, k), let year = yearAt(k + 1) { k += 1; _ = year }
        if isPunct(k, ",،") && yearAt(k + 1, requireFourDigits: true) != nil { k += 1 }
        if let year = yearAt(k) {
            fields.year = year.year
            fields.hijri = fields.hijri || year.hijri
            k = year.end
        } else if k == month.end, k < count, wordHash(k) == DateWords.Literal.blessed {
            k += 1
        }
        return DateMatch(start: j, end: k, isTime: false, fields: fields)
    }

    /// An ambiguous month name is accepted when a year follows ("مارس 2019").
    func monthPairWithYear(_ j: Int) -> (month: Int, end: Int, hijri: Bool)? {
        guard let month = monthPair(j, allowAmbiguous: true) else { return nil }
        var k = month.end
        if isPunct(k, "("), numericDate(at: k + 1) != nil { return month }
        if isPunct(k, ",،/") { k += 1 }
        if yearAt(k, requireFourDigits: true) != nil { return month }
        if let d = numbers[safe: k], d != nil, digitCounts[k] <= 2 {
            var y = k + 1
            if isPunct(y, ",") { y += 1 }
            if yearAt(y, requireFourDigits: true) != nil { return month }
        }
        return nil
    }

    /// "13/9/2023", "( 15 / 5 / 1985 )", "4 / 22 / 1948" (month first when the first is over 12),
    /// "2023-09-13".
    func numericDate(at j: Int) -> DateMatch? {
        var k = j
        var bracket = false
        if isPunct(k, "(") { bracket = true; k += 1 }
        guard let a = numbers[safe: k], let a else { return nil }
        var fields = DateFields()
        if digitCounts[k] == 4, isPunct(k + 1, "-"), let m = numbers[safe: k + 2], let m, isPunct(k + 3, "-"),
           let d = numbers[safe: k + 4], let d, (1...12).contains(m), (1...31).contains(d) {
            fields.year = a
            fields.month = m
            fields.day = d
            k += 5
        } else {
            guard digitCounts[k] <= 2, isPunct(k + 1, "/-."), let b0 = numbers[safe: k + 2], var b = b0,
                  digitCounts[k + 2] <= 2, words[safe: k + 3] == words[k + 1] || isPunct(k + 3, "/") else { return nil }
            // "9 / 10 / 10 / ( 1940 )": two days of one month (a letter's dates).
            if let c0 = numbers[safe: k + 4], let c = c0, (1...12).contains(c), digitCounts[k + 4] <= 2,
               isPunct(k + 5, "/"), yearAt(k + 6) != nil {
                b = c
                k += 2
            }
            guard let year = yearAt(k + 4) else { return nil }
            var (day, month) = (a, b)
            if month > 12, day <= 12 { swap(&day, &month) }
            guard (1...31).contains(day), (1...12).contains(month) else { return nil }
            fields.day = day
            fields.month = month
            fields.year = year.year
            fields.hijri = year.hijri
            k = year.end
        }
        if bracket {
            guard isPunct(k, ")") else { return nil }
            k += 1
        }
        if DateWords.hijriMarkers.contains(wordHash(k)) { fields.hijri = true; k += 1 }
        else if DateWords.gregorianMarkers.contains(wordHash(k)) { k += 1 }
        return DateMatch(start: bracket ? j + 1 : j, end: bracket ? k - 1 : k, isTime: false, fields: fields)
    }

    /// "( 1343 ) هجري": a bracketed year that an era marker names as one.
    func bracketedMarkedYear(at j: Int) -> DateMatch? {
        guard isPunct(j, "("), let year = yearAt(j), year.end > j + 3 else { return nil }
        var fields = DateFields()
        fields.year = year.year
        fields.hijri = year.hijri
        return DateMatch(start: j, end: year.end, isTime: false, fields: fields)
    }

    /// "عام 1948", "عام ( 1325 ) هجري", "العام 1992", and a bare year "1987" or "1348 هـ".
    func yearExpression(at j: Int) -> DateMatch? {
        var fields = DateFields()
        if isIn(DateWords.yearWords, j), let year = yearAt(j + 1), digitCounts[isPunct(j + 1, "(") ? j + 2 : j + 1] >= 3 {
            fields.year = year.year
            fields.hijri = year.hijri
            return DateMatch(start: j, end: year.end, isTime: false, fields: fields)
        }
        guard let y = numbers[safe: j], let y, digitCounts[j] == 4 else { return nil }
        let hijriMarked = DateWords.hijriMarkers.contains(wordHash(j + 1))
        guard hijriMarked || (1800...2099).contains(y) else { return nil }
        // "2000 دولار", "رقم 1990": counts and numbers, not years.
        if !hijriMarked, j + 1 < count, isIn(DateWords.countNouns, j + 1) { return nil }
        if j > 0, isIn(DateWords.numberWordsBeforeYear, j - 1) { return nil }
        if isPunct(j + 1, ",.٫"), numbers[safe: j + 2] != nil { return nil }
        guard let year = yearAt(j) else { return nil }
        fields.year = year.year
        fields.hijri = year.hijri
        return DateMatch(start: j, end: year.end, isTime: false, fields: fields)
    }

    // MARK: Periods

    /// "ثلاث سنوات", "8 سنوات", "لعدة أيام", "30 ثانية", "عامين", "ساعتين".
    func duration(at j: Int) -> DateMatch? {
        var fields = DateFields()
        fields.isPeriod = true
        if let clock = lookup(DateWords.dualUnits, j) {
            return DateMatch(start: j, end: j + 1, isTime: clock, fields: fields)
        }
        var k = j
        if numbers[safe: k] != nil, numbers[k] != nil {
            k += 1
        } else if lookup(DateWords.numberWords, k) != nil {
            k += 1
            // "الثامنة والعشرون", "خمسة وعشرين": a compound number.
            if k < count, words[k].hasPrefix("و"), DateLexicon.numberWords[String(words[k].dropFirst())] != nil { k += 1 }
        } else {
            return nil
        }
        guard let clock = lookup(DateWords.durationUnits, k) else { return nil }
        return DateMatch(start: j, end: k + 1, isTime: clock, fields: fields)
    }

    /// Frequencies, decades and seasons ("يوميا", "الأربعينات").
    func standalone(at j: Int) -> DateMatch? {
        guard isIn(DateWords.standaloneDates, j) else { return nil }
        var fields = DateFields()
        fields.isPeriod = true
        return DateMatch(start: j, end: j + 1, isTime: false, fields: fields)
    }

    // MARK: Future

    /// True when a future marker (سوف, سـ + verb, المقبل…) stands near tokens [start, end).
    func isFuture(_ start: Int, _ end: Int) -> Bool {
        let from = max(0, start - 6), to = min(count, end + 3)
        for i in from..<to where i < start || i >= end {
            if isPunct(i, ".!؟?") { if i < start { continue } else { break } }
            guard mayBeFuture(i) else { continue }
            for form in stems(i) {
                if DateLexicon.futureWords.contains(form) { return true }
                if DateGrammar.looksLikeFutureVerb(form) { return true }
            }
        }
        return false
    }

    /// False only where `isFuture`'s String tests must fail on word `i`, decided on bytes: none of
    /// its forms (hashed in `formHashes`, which are `stems(i)`'s) is a future word, and the word has
    /// no س, so no form starts with the future prefix. Building the forms as Strings is the cost.
    private func mayBeFuture(_ i: Int) -> Bool {
        for k in 0..<Int(formCounts[i]) where DateWords.futureWords.contains(formHashes[i * Self.maxForms + k]) {
            return true
        }
        var previous: UInt8 = 0
        for byte in words[i].utf8 {
            if previous == 0xD8 && byte == 0xB3 { return true } // س
            previous = byte
        }
        return false
    }

    /// "سيعقد", "ستبدأ", "سنناقش": the future prefix سـ on an imperfect verb.
    static func looksLikeFutureVerb(_ w: String) -> Bool {
        let scalars = Array(w.unicodeScalars)
        guard scalars.count >= 5, scalars[0] == "س", ["ي", "ت", "ن", "ا"].contains(scalars[1]) else { return false }
        return !DateLexicon.futureLookalikes.contains { w.hasPrefix($0) }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
