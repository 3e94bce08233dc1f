import KhabarText

/// A dateline: the place (and outlet, agency or date) that opens a news report —
/// "القاهرة - بوابة الوسط الأربعاء 13 سبتمبر 2023, 08:41 صباحا" on its own line, or
/// "الرياض - واس:" / "القاهرة (رويترز) -" / "رويترز- تل أبيب:" at the start of the first paragraph.
struct Dateline: Equatable {
    var place: String?
    var outlet: String?
    var agency: String?
    var date: PublishedDate?

    static let weekdays = Set(JunkLexicon.keys(["الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]))
    /// "-", "–", "—" and tatweel "ـ" (a switch: hashing a scalar per character costs more).
    static func isDash(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "-", "–", "—", "ـ": return true
        default: return false
        }
    }

    /// Parses a whole short line as a dateline. It must name a known place or carry a full date,
    /// so a headline with a dash in it is not taken for one.
    static func parseLine(_ text: String) -> Dateline? {
        guard let (left, right) = splitAtDash(text) else {
            // "13 سبتمبر 2023 08:41" alone.
            if let date = DateParser.firstDate(in: text), Tokenizer.words(text).count <= 8 {
                return Dateline(date: date)
            }
            return nil
        }
        var line = Dateline()
        line.date = DateParser.firstDate(in: text)
        let leftWords = Tokenizer.words(left)
        if PlaceGazetteer.isPlace(leftWords) {
            line.place = left
        } else if let agency = AgencyCatalog.agency(named: left) {
            line.agency = agency
        } else if line.date == nil {
            return nil
        }
        // The rest up to the weekday or the date is the outlet, agency or place.
        let rightTokens = right.split(separator: " ").map(String.init)
        var nameWords: [String] = []
        for w in rightTokens {
            let key = ArabicNormalizer.normalize(w, .matching)
            if weekdays.contains(key) || w.unicodeScalars.first.map({ ("0"..."9").contains($0) }) == true { break }
            nameWords.append(w)
        }
        let name = nameWords.joined(separator: " ").trimmingCharacters(in: [",", "،", ":", " "])
        if !name.isEmpty, nameWords.count <= 4 {
            if let agency = AgencyCatalog.agency(named: name) { line.agency = agency }
            else if line.place == nil, PlaceGazetteer.isPlace(Tokenizer.words(name)) { line.place = name }
            else { line.outlet = name }
        }
        guard line.place != nil || line.date != nil else { return nil }
        return line
    }

    /// An inline dateline at the start of a paragraph: returns it and the paragraph without it.
    static func parsePrefix(_ text: String) -> (Dateline, rest: String)? {
        // The prefix ends at the first ":" or dash after at most six words. The scan stops at the
        // seventh space and looks at most 21 scalars past where it stops, so only that much of a
        // (long) paragraph is taken apart into scalars.
        var scalars: [Unicode.Scalar] = []
        var spaces = 0, pastLastSpace = -1
        for s in text.unicodeScalars {
            scalars.append(s)
            if pastLastSpace >= 0 {
                pastLastSpace += 1
                if pastLastSpace == 22 { break }
            } else if s == " " {
                spaces += 1
                if spaces == 7 { pastLastSpace = 0 }
            }
        }
        var words = 1
        var end: Int? = nil
        for (i, s) in scalars.enumerated() {
            if s == " " { words += 1; if words > 7 { break } }
            if s == ":" || (isDash(s) && i > 0 && i + 1 < scalars.count && (scalars[i - 1] == " " || scalars[i + 1] == " ")) {
                end = i
                // "الرياض - واس:" — a colon may follow a dash.
                if s != ":", let colon = scalars[(i + 1)...].prefix(20).firstIndex(of: ":"),
                   !scalars[(i + 1)..<colon].contains(where: { $0 == "." }) {
                    let between = String(String.UnicodeScalarView(scalars[(i + 1)..<colon])).split(separator: " ").count
                    if between <= 3 { end = colon }
                }
                break
            }
        }
        guard let cut = end else { return nil }
        let prefix = String(String.UnicodeScalarView(scalars[..<cut]))
        let restStart = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: cut + 1)
        let rest = String(text.unicodeScalars[restStart...]).trimmingWhitespace()
        guard !rest.isEmpty else { return nil }
        var line = Dateline()
        // Parts of the prefix: split on dashes, brackets and colons.
        let parts = prefix.split(whereSeparator: { isDash($0.unicodeScalars.first!) || "():/".contains($0) })
            .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        for part in parts {
            let w = Tokenizer.words(part)
            if line.place == nil, PlaceGazetteer.isPlace(w) { line.place = part }
            else if line.agency == nil, let agency = AgencyCatalog.agency(named: part) { line.agency = agency }
            else { return nil } // an unknown part: not a dateline
        }
        guard line.place != nil || line.agency != nil else { return nil }
        return (line, rest)
    }

    static func splitAtDash(_ text: String) -> (String, String)? {
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() where isDash(s) && i > 0 {
            let left = String(String.UnicodeScalarView(scalars[..<i])).trimmingWhitespace()
            let right = String(String.UnicodeScalarView(scalars[(i + 1)...])).trimmingWhitespace()
            guard !left.isEmpty, !right.isEmpty, left.split(separator: " ").count <= 4 else { return nil }
            return (left, right)
        }
        return nil
    }
}
