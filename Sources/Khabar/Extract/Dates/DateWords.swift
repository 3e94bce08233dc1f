import KhabarText

/// `DateLexicon`'s tables keyed by `TermHash`, for the grammar's lookups on every candidate token
/// (see `WordKey`: a String-keyed lookup normalises the Arabic word to NFC on each call).
enum DateWords {
    static func key(_ word: String) -> UInt64 { TermHash.hash(DateLexicon.key(word)) }

    /// Words the rules name one by one, hashed once.
    enum Literal {
        static let yesterday = key("أمس")
        static let first = key("أول")
        static let theFirst = key("الأول")
        static let theMinutes = key("الدقائق")
        static let theHours = key("الساعات")
        static let tonight = key("الليلة")
        static let blessed = key("المبارك")
        static let corresponding = key("الموافق")
        static let today = key("اليوم")
        static let after = key("بعد")
        static let tomorrow = key("غد")
        static let this = key("هذا")
        static let thisFeminine = key("هذه")
    }

    /// `DateLexicon.vocabulary` in a `TermTable`: asked for every token, and a `Set<UInt64>`
    /// runs SipHash on each lookup.
    static let vocabulary: TermTable<Bool> = {
        var table = TermTable<Bool>(minimumCapacity: DateLexicon.vocabulary.count)
        for hash in DateLexicon.vocabulary { table[hash] = true }
        return table
    }()
    static let futureWords = HashedWords(DateLexicon.futureWords)
    static let partsOfDay = HashedWords(DateLexicon.partsOfDay)
    static let leadingQualifiers = HashedWords(DateLexicon.leadingQualifiers)
    static let rangeJoiners = HashedWords(DateLexicon.rangeJoiners)
    static let agoWords = HashedWords(DateLexicon.agoWords)
    static let hourWords = HashedWords(DateLexicon.hourWords)
    static let nowWords = HashedWords(DateLexicon.nowWords)
    static let eraWords = HashedWords(DateLexicon.eraWords)
    static let pluralPeriods = HashedWords(DateLexicon.pluralPeriods)
    static let yearWords = HashedWords(DateLexicon.yearWords)
    static let countNouns = HashedWords(DateLexicon.countNouns)
    static let numberWordsBeforeYear = HashedWords(DateLexicon.numberWordsBeforeYear)
    static let standaloneDates = HashedWords(DateLexicon.standaloneDates)
    static let eveningMarkers = HashedWords(DateLexicon.eveningMarkers)
    static let morningMarkers = HashedWords(DateLexicon.morningMarkers)
    static let dayAdjectives = HashedWords(DateLexicon.dayAdjectives)
    static let weekdayNameHolders = HashedWords(DateLexicon.weekdayNameHolders)
    static let eraNames = HashedWords(DateLexicon.eraNames)
    static let periodDirections = HashedWords(DateLexicon.periodDirections)
    static let hijriMarkers = HashedWords(DateLexicon.hijriMarkers)
    static let gregorianMarkers = HashedWords(DateLexicon.gregorianMarkers)
    static let singularUnits = HashedWords(DateLexicon.singularUnits)
    /// "14th September".
    static let ordinalSuffixes = HashedWords(["st", "nd", "rd", "th"])

    static let minuteFractions = HashedTable(DateLexicon.minuteFractions)
    static let relativeDays = HashedTable(DateLexicon.relativeDays)
    static let units = HashedTable(DateLexicon.units)
    static let unitSteps = HashedTable(DateLexicon.unitSteps)
    static let weekdays = HashedTable(DateLexicon.weekdays)
    static let dualUnits = HashedTable(DateLexicon.dualUnits)
    static let numberWords = HashedTable(DateLexicon.numberWords)
    static let durationUnits = HashedTable(DateLexicon.durationUnits)

    static let months = MonthTable(DateLexicon.months)
    static let hijriMonths = MonthTable(DateLexicon.hijriMonths)
    static let ambiguousMonths = MonthTable(Dictionary(DateLexicon.ambiguousMonths.map { ($0, 0) }, uniquingKeysWith: { a, _ in a }))

    /// Month names of one or two words, by their words' hashes (`monthAt` looks no further).
    struct MonthTable: Sendable {
        private var one = TermTable<Int>(minimumCapacity: 64)
        private var two = TermTable<Int>(minimumCapacity: 64)

        init(_ names: [[String]: Int]) {
            for (words, month) in names {
                let hashes = words.map { TermHash.hash($0) }
                switch hashes.count {
                case 1: one[hashes[0]] = month
                case 2: two[Self.pair(hashes[0], hashes[1])] = month
                default: continue
                }
            }
        }

        @inline(__always)
        static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 { TermHash.mix(first) ^ second }

        subscript(first: UInt64, second: UInt64?) -> Int? {
            guard let second else { return one[first] }
            return two[Self.pair(first, second)]
        }
    }
}
