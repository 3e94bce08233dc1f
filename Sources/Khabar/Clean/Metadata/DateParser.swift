import KhabarText

/// Reads the written dates that publication lines and datelines carry:
/// "الأربعاء 13 سبتمبر 2023, 08:41 صباحا", "13 أيلول 2023", "14th, September 2023 GMT",
/// "September 14, 2023", "2023-09-13", "13/09/2023". Works on matching-normalised words.
enum DateParser {
    /// Month names: Egyptian/Gulf (يناير…), Levantine (كانون الثاني…), Maghrebi (جانفي…), English.
    static let monthNames: [(String, Int)] = [
        ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ابريل", 4), ("إبريل", 4), ("مايو", 5),
        ("يونيو", 6), ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("اغسطس", 8), ("سبتمبر", 9),
        ("أكتوبر", 10), ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
        ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7),
        ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
        ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
        ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ]

    static let months: [[String]: Int] = {
        var table: [[String]: Int] = [:]
        for (name, month) in monthNames { table[Tokenizer.words(name)] = month }
        return table
    }()

    static let morning = Set(JunkLexicon.keys(["صباحا", "صباحاً", "ص", "صباح", "am", "a.m"]))
    static let evening = Set(JunkLexicon.keys(["مساء", "مساءً", "م", "ظهرا", "pm", "p.m"]))

    /// The first full date (day, month, year) in `text`, with a following time when there is one.
    static func firstDate(in text: String) -> PublishedDate? {
        let tokens = Tokenizer.tokenize(text)
        let words = tokens.map { $0.kind == .punctuation || $0.kind == .symbol ? $0.text : $0.normalized.lowercased() }
        var i = 0
        while i < words.count {
            if let (date, next) = dateAt(words, i) {
                var result = date
                if let (h, m, after) = timeAt(words, next) {
                    result.hour = h
                    result.minute = m
                    _ = after
                }
                if result.isValid { return result }
            }
            i += 1
        }
        return nil
    }

    static func number(_ w: String) -> Int? {
        // "14th", "1st", "2nd", "3rd"
        var digits = w
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits = String(digits.dropLast(2)) }
        guard !digits.isEmpty, digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(digits)
    }

    /// A month name at `i` (one or two words), returning the month and the index after it.
    static func monthAt(_ w: [String], _ i: Int) -> (Int, Int)? {
        if i + 1 < w.count, let m = months[[w[i], w[i + 1]]] { return (m, i + 2) }
        if i < w.count, let m = months[[w[i]]] { return (m, i + 1) }
        return nil
    }

    static func skipPunctuation(_ w: [String], _ i: Int) -> Int {
        var j = i
        while j < w.count, [",", "،", "/", "-", "."].contains(w[j]) { j += 1 }
        return j
    }

    /// Day Month[/Month] Year, Month Day, Year, ISO and numeric d/m/y forms.
    static func dateAt(_ w: [String], _ i: Int) -> (PublishedDate, Int)? {
        guard i < w.count else { return nil }
        if let day = number(w[i]), (1...31).contains(day) {
            var j = i + 1
            if j < w.count, ["st", "nd", "rd", "th"].contains(w[j]) { j += 1 } // "14th"
            j = skipPunctuation(w, j)
            if let (month, afterMonth) = monthAt(w, j) {
                j = afterMonth
                // "13 سبتمبر/أيلول 2023": a second month name after a slash.
                if j < w.count, w[j] == "/", let (_, afterSecond) = monthAt(w, j + 1) { j = afterSecond }
                j = skipPunctuation(w, j)
                if j < w.count, let year = number(w[j]), (1900...2100).contains(year) {
                    return (PublishedDate(year: year, month: month, day: day), j + 1)
                }
                return nil
            }
            // 13/09/2023 or 13-09-2023
            if i + 4 < w.count, w[i + 1] == "/" || w[i + 1] == "-", let month = number(w[i + 2]),
               w[i + 3] == w[i + 1], let year = number(w[i + 4]), (1...12).contains(month), (1900...2100).contains(year) {
                return (PublishedDate(year: year, month: month, day: day), i + 5)
            }
        }
        // 2023-09-13
        if let year = number(w[i]), (1900...2100).contains(year), i + 4 < w.count, w[i + 1] == "-",
           let month = number(w[i + 2]), w[i + 3] == "-", let day = number(w[i + 4]) {
            return (PublishedDate(year: year, month: month, day: day), i + 5)
        }
        // September 14, 2023
        if let (month, afterMonth) = monthAt(w, i), afterMonth < w.count, let day = number(w[afterMonth]), (1...31).contains(day) {
            let j = skipPunctuation(w, afterMonth + 1)
            if j < w.count, let year = number(w[j]), (1900...2100).contains(year) {
                return (PublishedDate(year: year, month: month, day: day), j + 1)
            }
        }
        return nil
    }

    /// "08:41 صباحا", "8:41 pm", within two words after a date.
    static func timeAt(_ w: [String], _ i: Int) -> (Int, Int, Int)? {
        var j = skipPunctuation(w, i)
        if j < w.count, ["الساعة", "الساعه", "at"].contains(w[j]) { j += 1 }
        guard j + 2 < w.count, let h = number(w[j]), w[j + 1] == ":", let m = number(w[j + 2]),
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        var hour = h
        let after = j + 3
        if after < w.count {
            if evening.contains(w[after]), hour < 12 { hour += 12 }
            if morning.contains(w[after]), hour == 12 { hour = 0 }
        }
        return (hour, m, after)
    }
}
