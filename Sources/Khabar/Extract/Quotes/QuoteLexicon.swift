import KhabarText

/// The words and marks the quote rules look for, in matching form (`ArabicNormalizer` `.matching`).
enum QuoteLexicon {
    /// Speech verbs: the shared list plus answers ("أجاب"). "بين" is left out: as a verb it is rare
    /// next to the preposition "between".
    static let reportingVerbs: Set<String> = StopWords.reportingVerbs
        .union(normalized("أجاب أجابت وأجاب وأجابت ردّ ردت وردّ وردت"))
        .subtracting(normalized("بين وبين"))

    /// Participles that go on with the same speaker: "، مضيفا أن …", "، مشيرا إلى أن …", "قائلا: …".
    static let participles = normalized(
        "مضيفا مضيفة مشيرا مشيرة لافتا لافتة موضحا موضحة مؤكدا مؤكدة متابعا متابعة ملمحا ملمحة "
        + "قائلا قائلة معتبرا معتبرة منوها منوهة مشددا مشددة")

    /// "قائلا": introduces speech after any verb ("رحب X بضيفه قائلا:"), so its subject is the speaker.
    static let sayingParticiples = normalized("قائلا قائلة")

    /// "إن/أن/بأن" that open reported speech, alone or with a pronoun.
    static let complementizers = normalized(
        "إن أن بأن إنه أنه بأنه إنها أنها بأنها إنهم أنهم بأنهم إنهما أنهما بأنهما إنني أنني إننا أننا بأننا")

    /// Subjects that name nobody new.
    static let subjectPronouns = normalized("هو هي هم هما")

    /// Words that end a speaker's name: prepositions of address and time, days, sources, participles.
    static let adjunctStarters = normalized(
        "إلى عن على أثناء عندما حين خلال عبر بعد قبل اليوم أمس غدا صباح مساء الليلة يوم ليلة فجر نقلا "
        + "الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت وفق وفقا حسب بحسب حسبما ردا وردا "
        + "للصحفيين للصحافيين")

    /// After "في", a word that makes it "in a statement" rather than part of a title ("في جامعة أوسلو").
    static let statementNouns = normalized(
        "بيان تصريح تصريحات مؤتمر حديث مقابلة كلمة رسالة لقاء تغريدة منشور اتصال خطاب")

    /// Words before a sentence-final verb that mark what came before as the speech ("حسبما قال").
    static let postposedMarkers = normalized("ما حسبما كما")

    /// Words that name a source after a comma ("، وفق الوكالة"): the reported clause ends there.
    static let sources = normalized("وفق وفقا حسب بحسب حسبما نقلا")

    /// The sets above by `TermHash` of their words, for lookups on every token (see `WordKey`).
    enum Hashed {
        static let reportingVerbs = HashedWords(QuoteLexicon.reportingVerbs)
        static let participles = HashedWords(QuoteLexicon.participles)
        static let sayingParticiples = HashedWords(QuoteLexicon.sayingParticiples)
        static let complementizers = HashedWords(QuoteLexicon.complementizers)
        static let subjectPronouns = HashedWords(QuoteLexicon.subjectPronouns)
        static let adjunctStarters = HashedWords(QuoteLexicon.adjunctStarters)
        static let statementNouns = HashedWords(QuoteLexicon.statementNouns)
        static let postposedMarkers = HashedWords(QuoteLexicon.postposedMarkers)
        static let sources = HashedWords(QuoteLexicon.sources)
        static let ali = TermHash.hash("علي")
        static let fi = TermHash.hash("في")
    }

    static let colon: UInt32 = 0x3A
    static let arabicComma: UInt32 = 0x060C
    static let latinComma: UInt32 = 0x2C
    static let semicolon: UInt32 = 0x061B

    static func isSentenceTerminator(_ mark: UInt32) -> Bool {
        mark == 0x2E || mark == 0x21 || mark == 0x3F || mark == 0x061F || mark == 0x06D4
    }

    /// The mark that closes a quotation opened by `mark`, or nil.
    static func closingMark(for mark: UInt32) -> UInt32? {
        switch mark {
        case 0xAB: return 0xBB       // « »
        case 0x201C: return 0x201D   // “ ”
        case 0x22: return 0x22       // " "
        default: return nil
        }
    }

    private static func normalized(_ spaceSeparated: String) -> Set<String> {
        Set(spaceSeparated.split(separator: " ").map { ArabicNormalizer.normalize(String($0), .matching) })
    }
}
