/// Arabic function words, stored in matching-normalised form (أ→ا, ى→ي, ة→ه, no harakat).
///
/// `arabic` holds words that carry no topic: prepositions, conjunctions, pronouns, demonstratives,
/// relative pronouns, particles, auxiliary verbs, and their most frequent forms with an attached
/// "و"/"ف"/"ب"/"ل" or pronoun. Reporting verbs ("قال", "أكد"…) are content-free in news but are
/// kept apart in `reportingVerbs`, because attribution detection needs them.
public enum StopWords {
    public static func isStopWord(_ normalizedWord: String) -> Bool {
        PackedWord(normalizedWord).map { packedArabic.contains($0) } ?? false
    }

    /// Same test on raw UTF-8 (e.g. a token range), without creating a String.
    public static func isStopWord(utf8 normalizedWord: UnsafeBufferPointer<UInt8>) -> Bool {
        PackedWord(normalizedWord).map { packedArabic.contains($0) } ?? false
    }

    public static func isReportingVerb(_ normalizedWord: String) -> Bool {
        PackedWord(normalizedWord).map { packedReportingVerbs.contains($0) } ?? false
    }

    // Lookups go through 16-byte packed keys: hashing a non-ASCII String is slow because
    // String hashing normalises Unicode first, and every stop word fits in 16 UTF-8 bytes.
    private static let packedArabic = Set(arabic.compactMap(PackedWord.init))
    private static let packedReportingVerbs = Set(reportingVerbs.compactMap(PackedWord.init))

    public static let arabic: Set<String> = normalizedSet(
        // Prepositions and prepositional adverbs.
        "في من إلى على عن مع حتى منذ مذ لدى لدي عند بين حول دون خلال ضد نحو عبر فوق تحت أمام خلف وراء "
        + "قبل بعد قرب لدن إزاء تجاه جراء بسبب عبر وسط ضمن لصالح بحق حيال سوى غير عدا خلا "
        // Prepositions with attached pronouns.
        + "فيه فيها فيهم فيهما فيهن منه منها منهم منهما منهن منك منا إليه إليها إليهم إليك إلينا "
        + "عليه عليها عليهم عليهما علينا عليك عنه عنها عنهم عنا معه معها معهم معنا له لها لهم لهما "
        + "لنا لك لكم به بها بهم بنا عنده عندها عندهم لديه لديها لديهم بينهم بينها بينهما "
        // Conjunctions and connectives.
        + "و ف ثم أو أم بل لكن لكنه لكنها إلا ألا إما أما كما بينما حيث إذ إذا إذن لذا لذلك كذلك "
        + "أيضا كي لكي لأن لان حين عندما كلما مثل مثلما ريثما بما مما عما فيما كيفما "
        // Personal pronouns, detached and objective.
        + "أنا نحن أنت أنتما أنتم أنتن هو هي هما هم هن إياه إياها إياهم إياي إيانا إياك "
        // Demonstratives.
        + "هذا هذه هذان هذين هاتان هاتين هؤلاء ذلك تلك ذاك ذلكم أولئك أولاء هنا هناك هنالك ثمة "
        // Relative pronouns.
        + "الذي التي الذين اللذان اللذين اللتان اللتين اللاتي اللواتي اللائي ما من "
        // Particles: emphasis, negation, interrogation, condition, vocative, future.
        + "قد لقد إن أن إنه أنه إنها أنها إنهم أنهم كأن كأنه ليت لعل لا لم لن لما ليس ليست ليسوا "
        + "هل كيف متى أين أي أية كم لماذا ماذا لو لولا لوما يا أيها سوف س عسى "
        // Quantifiers and frequent adverbs.
        + "كل كلا كلتا بعض جميع كافة عدة أكثر أقل نفس ذات جدا فقط ثمّ الآن حاليا "
        // Auxiliary and "kana and her sisters" verbs.
        + "كان كانت كانوا كنت كنا يكون تكون يكونوا يكونون تكونوا أكون نكون كن "
        + "أصبح أصبحت يصبح تصبح صار صارت يصير أضحى أمسى ظل ظلت يظل تظل بات باتت مازال مازالت "
        + "زال يزال تزال لازال لايزال مادام دام عاد عادت يعد تعد "
        // Frequent forms with attached و / ف / ب / ل.
        + "وفي ومن وإلى وعلى وعن ومع وحتى وبين وقبل وبعد وخلال وهو وهي وهم وهذا وهذه وذلك وتلك "
        + "والذي والتي والذين وقد ولقد وإن وأن ولا ولم ولن وما وكان وكانت وكل وأيضا ولكن وليس "
        + "وكما وإذا وهل وأما فقد فإن فأن فلا فلم فما فهو فهي ففي فإذا بأن بأنه بأنها بهذا بهذه "
        + "بذلك بعض لهذا لهذه لذلك كذا بهذا"
    )

    /// Speech and attribution verbs that fill news text: قال, أكد, أضاف, أوضح, أشار… (with و prefix too).
    public static let reportingVerbs: Set<String> = {
        let base = "قال قالت يقول تقول قالوا أكد أكدت يؤكد تؤكد أكدوا أضاف أضافت يضيف تضيف "
            + "أوضح أوضحت يوضح توضح أشار أشارت يشير تشير ذكر ذكرت يذكر تذكر أعلن أعلنت يعلن تعلن "
            + "صرح صرحت يصرح تصرح أفاد أفادت يفيد تفيد بين بينت لفت لفتت نقل نقلت كشف كشفت "
            + "تابع تابعت أردف أردفت اعتبر اعتبرت يعتبر رأى رأت يرى ترى شدد شددت يشدد أبلغ أبلغت "
            + "زعم زعمت نفى نفت ينفي أعرب أعربت أوردت أورد"
        let words = base.split(separator: " ").map(String.init)
        return normalizedSet(words.joined(separator: " ") + " " + words.map { "و" + $0 }.joined(separator: " "))
    }()

    private static func normalizedSet(_ spaceSeparated: String) -> Set<String> {
        Set(spaceSeparated.split(separator: " ").map { ArabicNormalizer.normalize(String($0), .matching) })
    }
}

/// Up to 16 UTF-8 bytes packed into two integers; nil for longer words.
struct PackedWord: Hashable {
    let low: UInt64
    let high: UInt64

    init?(_ word: String) {
        guard let packed = withUTF8Bytes(word, { PackedWord($0) }) else { return nil }
        self = packed
    }

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        var low: UInt64 = 0, high: UInt64 = 0
        for (k, byte) in bytes.enumerated() {
            if k < 8 { low |= UInt64(byte) << (8 * UInt64(k)) } else { high |= UInt64(byte) << (8 * UInt64(k - 8)) }
        }
        self.low = low
        self.high = high
    }
}
