import KhabarText

/// Word tables for time expressions, in matching-normalised form (the tables are written in
/// ordinary spelling and normalised once, so "أمس" and "امس" are the same key).
enum DateLexicon {
    static func key(_ word: String) -> String { ArabicNormalizer.normalize(word, Tokenizer.wordOptions) }

    static func keys(_ words: [String]) -> Set<String> { Set(words.map(key)) }

    static func table<T>(_ pairs: [(String, T)]) -> [String: T] {
        var table: [String: T] = [:]
        for (word, value) in pairs { table[key(word)] = value }
        return table
    }

    /// Gregorian month names by their words: the dateline parser's table (Egyptian/Gulf, Levantine,
    /// Maghrebi, English) plus the spellings news text uses that a dateline rarely does.
    static let months: [[String]: Int] = {
        var table = DateParser.months
        let extra: [(String, Int)] = [
            ("كانون ثاني", 1), ("كانون اول", 12), ("تشرين اول", 10), ("تشرين ثاني", 11), ("تشرن الثاني", 11),
            ("تشرن الأول", 10), ("اذار", 3), ("ايار", 5), ("ايلول", 9), ("أغسطس", 8), ("يوليوز", 7), ("غشت", 8),
            ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12), ("ابريل", 4), ("إبريل", 4), ("مايو", 5), ("فبراير", 2),
        ]
        for (name, month) in extra { table[Tokenizer.words(name)] = month }
        return table
    }()

    /// Month names that are also common words ("آب" father, "مارس" practised, "ماي", English "may"):
    /// taken as months only next to a day or a year.
    static let ambiguousMonths: Set<[String]> = Set(["آب", "مارس", "ماي", "may", "march", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "august", "april", "june", "july", "january",
        "february", "september", "october", "november", "december"].map { Tokenizer.words($0) })

    /// Hijri months (tabular calendar); "صفر" is also "zero", so like the ambiguous Gregorian ones.
    static let hijriMonths: [[String]: Int] = {
        let pairs: [(String, Int)] = [
            ("محرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع الاول", 3), ("ربيع الثاني", 4), ("ربيع الآخر", 4),
            ("جمادى الأولى", 5), ("جمادى الاولى", 5), ("جمادى الأول", 5), ("جمادى الثانية", 6), ("جمادى الآخرة", 6),
            ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10), ("ذو القعدة", 11), ("ذي القعدة", 11),
            ("ذو الحجة", 12), ("ذي الحجة", 12),
        ]
        var table: [[String]: Int] = [:]
        for (name, month) in pairs { table[Tokenizer.words(name)] = month }
        return table
    }()

    /// Weekdays, 0 = Sunday … 6 = Saturday (as `PublishedDate.weekday`).
    static let weekdays: [String: Int] = table([
        ("الأحد", 0), ("الاثنين", 1), ("الإثنين", 1), ("الاتنين", 1), ("الثلاثاء", 2), ("الأربعاء", 3),
        ("الاربعاء", 3), ("الخميس", 4), ("الجمعة", 5), ("السبت", 6),
    ])

    /// Days counted from publication.
    static let relativeDays: [String: Int] = table([
        ("اليوم", 0), ("أمس", -1), ("البارحة", -1), ("غدا", 1), ("غداً", 1), ("الليلة", 0),
    ])

    /// Words that make a span a clock time rather than a date.
    static let nowWords: Set<String> = keys(["الآن", "حاليا", "حالياً", "حاليًا"])

    /// Calendar units a relative period counts in: days per unit is only for the sign of the step.
    enum Unit: Sendable { case week, month, year }
    static let units: [String: Unit] = table([
        ("الأسبوع", .week), ("الاسبوع", .week), ("الشهر", .month), ("العام", .year), ("السنة", .year),
    ])
    /// "الماضي" -1, "المقبل" +1, "الحالي" 0, with their feminine forms for السنة.
    static let unitSteps: [String: Int] = table([
        ("الماضي", -1), ("الماضية", -1), ("المنصرم", -1), ("المنصرمة", -1), ("الفائت", -1), ("السابق", -1),
        ("المقبل", 1), ("المقبلة", 1), ("القادم", 1), ("القادمة", 1), ("الجاري", 0), ("الجارية", 0),
        ("الحالي", 0), ("الحالية", 0), ("الجاي", 1), ("الجاية", 1), ("الجايي", 1),
    ])
    /// Singular units that are a period after "قبل"/"منذ" ("قبل شهر").
    static let singularUnits = keys(["شهر", "عام", "سنة", "أسبوع", "يوم"])
    static let agoWords = keys(["قبل", "منذ", "بعد"])
    /// "الفترة العثمانية": historical periods the annotation counts as dates.
    static let eraWords = keys(["الفترة", "العهد", "الحقبة"])
    static let eraNames = keys(["العثمانية", "الرومانية", "البيزنطية", "المملوكية", "الصليبية", "الفاطمية",
                                "الأيوبية", "الأموية", "العباسية", "الهلنستية", "الكنعانية", "الإسلامية"])
    /// Words after which a weekday names a market or place ("سوق الجمعة").
    static let weekdayNameHolders = keys(["سوق", "مسجد", "جامع", "صلاة", "خطبة"])
    /// "اليوم العالمي": "the day", not "today".
    static let dayAdjectives = keys(["العالمي", "الوطني", "الدولي", "الأول", "الثاني", "الثالث", "التالي",
                                     "السابق", "الأخير"])
    /// Plural periods with a direction: "السنوات الماضية", "الأيام المقبلة" (vague: no value).
    static let pluralPeriods = keys(["السنوات", "الأعوام", "الأيام", "الأشهر", "الشهور", "الأسابيع", "العقود",
                                     "الساعات", "الدقائق", "العقد", "الفترة", "المرحلة"])
    static let periodDirections = keys(["الماضية", "الأخيرة", "المقبلة", "القادمة", "الماضي", "المقبل", "القادم",
                                        "الأخير", "الفائتة", "المنصرمة"])

    /// Words that name a year before its number: "عام 1948", "سنة ( 1935 )".
    static let yearWords = keys(["عام", "العام", "سنة", "السنة", "للعام", "لعام", "لسنة", "للسنة"])
    /// Era markers after a year: هـ (normalised to ه), م, هجري, ميلادي.
    static let hijriMarkers = keys(["هـ", "ه", "هجري", "هجرية", "هجريا", "للهجرة"])
    static let gregorianMarkers = keys(["م", "ميلادي", "ميلادية", "ميلاديا", "للميلاد"])

    /// Qualifiers the annotation counts as part of the expression: "منذ 2016", "قبل شهر",
    /// "خلال الأسبوع الماضي", "بتاريخ ( 7 / 2 / 2002 )", "يوم الثلاثاء", "أواخر عام 2017".
    static let leadingQualifiers = keys(["منذ", "قبل", "بعد", "خلال", "لمدة", "طيلة", "طوال", "بتاريخ", "تاريخ",
        "يوم", "مطلع", "أوائل", "أواخر", "أواسط", "منتصف", "بداية", "نهاية", "مستهل", "بين", "شهر"])
    /// Parts of the day: with a day after them the expression is a TIME ("صباح يوم 12 سبتمبر").
    static let partsOfDay = keys(["صباح", "مساء", "ليلة", "ليل", "فجر", "ظهر", "عصر", "ظهيرة", "صبيحة", "عشية"])
    static let morningMarkers = keys(["صباحا", "صباحاً", "ص", "صباح", "am", "فجرا", "فجراً"])
    static let eveningMarkers = keys(["مساء", "مساءً", "مساءا", "م", "ظهرا", "ظهراً", "عصرا", "ليلا", "ليلاً", "pm"])
    static let hourWords = keys(["الساعة", "الساعه", "تمام"])
    /// "الساعة الثالثة": ordinal hours.
    static let ordinalHours: [String: Int] = table([
        ("الواحدة", 1), ("الثانية", 2), ("الثالثة", 3), ("الرابعة", 4), ("الخامسة", 5), ("السادسة", 6),
        ("السابعة", 7), ("الثامنة", 8), ("التاسعة", 9), ("العاشرة", 10), ("الحادية عشرة", 11),
        ("الثانية عشرة", 12),
    ])
    static let minuteFractions: [String: Int] = table([("والنصف", 30), ("والربع", 15), ("ونصف", 30), ("وربع", 15)])

    /// Cardinal number words for durations ("ثلاث سنوات", "عشرين عاما").
    static let numberWords: [String: Int] = table([
        ("واحد", 1), ("اثنين", 2), ("اثنان", 2), ("ثلاث", 3), ("ثلاثة", 3), ("أربع", 4), ("أربعة", 4), ("خمس", 5),
        ("خمسة", 5), ("ست", 6), ("ستة", 6), ("سبع", 7), ("سبعة", 7), ("ثماني", 8), ("ثمانية", 8), ("ثمان", 8),
        ("تسع", 9), ("تسعة", 9), ("عشر", 10), ("عشرة", 10), ("عشرين", 20), ("عشرون", 20), ("ثلاثين", 30),
        ("ثلاثون", 30), ("أربعين", 40), ("خمسين", 50), ("مئة", 100), ("مائة", 100), ("عدة", 0), ("بضعة", 0),
        ("بضع", 0), ("لعدة", 0), ("لثلاثة", 3), ("لثلاث", 3), ("لخمس", 5), ("لسبع", 7), ("لست", 6), ("لأربع", 4),
        ("لأربعة", 4), ("لعشر", 10), ("لعشرة", 10), ("لبضعة", 0), ("لبضع", 0),
    ])
    /// Units of durations; true for clock units (TIME).
    static let durationUnits: [String: Bool] = table([
        ("سنوات", false), ("سنين", false), ("أعوام", false), ("عاما", false), ("عاماً", false), ("سنة", false),
        ("أيام", false), ("يوما", false), ("يوماً", false), ("أسابيع", false), ("أسبوعا", false), ("أشهر", false),
        ("شهور", false), ("شهرا", false), ("شهراً", false), ("عقود", false), ("عقدا", false), ("عقود", false),
        ("ساعات", true), ("ساعة", true), ("دقائق", true), ("دقيقة", true), ("ثانية", true), ("ثوان", true),
        ("ثواني", true),
    ])
    /// Duals that are a duration on their own ("منذ عامين", "ساعتين").
    static let dualUnits: [String: Bool] = table([
        ("عامين", false), ("سنتين", false), ("يومين", false), ("شهرين", false), ("أسبوعين", false), ("عقدين", false),
        ("ساعتين", true), ("دقيقتين", true), ("عقدا", false),
    ])
    /// Frequency and decade words the annotation counts as dates.
    static let standaloneDates = keys(["يوميا", "يومياً", "شهريا", "شهرياً", "سنويا", "سنوياً", "السنة",
        "الأربعينات", "الخمسينات", "الستينات", "السبعينات", "الثمانينات", "التسعينات", "العشرينات",
        "الثلاثينات", "الشتاء", "الصيف", "الخريف"])

    /// Words after a number that show it is a count, not a year ("2000 دولار").
    static let countNouns = keys(["دولار", "دينار", "ريال", "جنيه", "يورو", "شيكل", "درهم", "ليرة", "شخص", "طن",
        "متر", "كيلو", "كيلومتر", "ألف", "مليون", "مليار", "عنصر", "مواطن", "طالب", "جندي", "منزل", "صاروخ",
        "قتيل", "جريح", "حالة", "نسمة", "برميل", "ميغاواط", "%"])
    static let numberWordsBeforeYear = keys(["رقم", "العدد", "عدد", "بنحو", "نحو", "حوالي"])

    /// Words that look like future verbs but are not ("سياسة", "سنوات", "سيارة").
    static let futureLookalikes = ["سياس", "سيار", "سيطر", "سنو", "سنه", "سته", "ستين", "سيد", "سينا", "سيول",
                                   "سيرجي", "سيرغي", "ستار", "سيف", "سين", "ستوكهولم", "سيول", "سنغافور", "سيدن"]
    static let futureWords = keys(["سوف", "لن", "المقبل", "القادم", "المقبلة", "القادمة", "غدا"])
    /// Joining words inside a range: "1936 - 1939", "من 13 وحتى 15 تشرين الثاني".
    static let rangeJoiners = keys(["-", "–", "إلى", "الى", "حتى", "وحتى", "و", "ولغاية", "لغاية"])
}

extension DateLexicon {
    /// Words the rules test by name rather than through a table ("أول أمس", "هذا العام", "بعد غد").
    static let ruleWords = keys(["أول", "هذا", "هذه", "غد", "الموافق", "المبارك", "الأول", "الساعات", "الدقائق"])

    /// Hashes (FNV-1a over UTF-8) of every word any table or rule names, split at spaces. An
    /// expression can only start at a number, a punctuation mark, a Latin word, or a word one of
    /// whose clitic-stripped forms is here; checking this first spares the rules on most tokens,
    /// and hashing bytes avoids the cost of hashing non-ASCII Strings.
    static let vocabulary: Set<UInt64> = {
        var words: [String] = []
        words += months.keys.flatMap { $0 } + ambiguousMonths.flatMap { $0 } + hijriMonths.keys.flatMap { $0 }
        words += Array(weekdays.keys) + Array(relativeDays.keys) + Array(nowWords) + Array(units.keys)
        words += Array(unitSteps.keys) + Array(singularUnits) + Array(agoWords) + Array(eraWords) + Array(eraNames)
        words += Array(weekdayNameHolders) + Array(dayAdjectives) + Array(pluralPeriods) + Array(periodDirections)
        words += Array(yearWords) + Array(hijriMarkers) + Array(gregorianMarkers) + Array(leadingQualifiers)
        words += Array(partsOfDay) + Array(morningMarkers) + Array(eveningMarkers) + Array(hourWords)
        words += Array(ordinalHours.keys) + Array(minuteFractions.keys) + Array(numberWords.keys)
        words += Array(durationUnits.keys) + Array(dualUnits.keys) + Array(standaloneDates) + Array(countNouns)
        words += Array(numberWordsBeforeYear) + Array(futureWords) + Array(rangeJoiners) + Array(ruleWords)
        return Set(words.flatMap { $0.split(separator: " ") }.map { TermHash.hash(String($0)) })
    }()
}
