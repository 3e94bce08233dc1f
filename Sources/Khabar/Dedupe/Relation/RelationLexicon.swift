import KhabarText

/// Hand-written word lists behind the relation judge: what can flip the meaning of a near-identical
/// sentence. Written from general Arabic knowledge (not taken from any data set); the judge learns
/// from training pairs how much each cue counts.
///
/// Entries are written as ordinary words; at load time each is normalised (`.matching`), stemmed
/// (`LightStemmer`) and hashed, and tokens are looked up through the same steps, so one listed form
/// also covers its spellings with or without hamza, ta marbuta, the article or a conjunction.
enum RelationLexicon {
    /// A pair of opposite poles: a word of pole +1 and a word of pole −1 of the same concept
    /// ("ارتفاع" / "انخفاض") contradict each other; two words of the same pole are near-synonyms.
    struct Pole: Hashable, Sendable {
        let concept: UInt8
        let sign: Int8
    }

    /// Concepts with two opposite poles. Order matters only for the concept ids.
    static let opposites: [(concept: String, plus: String, minus: String)] = [
        ("gain-loss", // rises, gains, wins against falls, losses, defeats
         "ارتفاع يرتفع ترتفع ارتفع ارتفعت مرتفع مرتفعة صعود يصعد تصعد صعد صعدت قفزة قفزات يقفز تقفز قفز قفزت "
            + "زيادة يزيد تزيد زاد زادت تحسن يتحسن تتحسن انتعاش ينتعش تنتعش مكاسب يكسب تكسب نمو ينمو تنمو "
            + "رفع يرفع ترفع يرفعان تعزيز يعزز تعزز ارتفاعا صعودا ارتفاعات تضاعف يتضاعف "
            + "أعلى الأعلى أكبر الأكبر أكثر الأكثر يفوق تفوق يتجاوز "
            // winning and succeeding are gains too: فوز / خسارة
            + "فوز يفوز تفوز فاز فازت انتصار ينتصر تنتصر انتصر نجاح ينجح تنجح نجح نجحت تأهل يتأهل تتأهل "
            + "تأهلت ربح أرباح يربح تربح تعافي يتعافى تتعافى تعافى يحلق تحلق حلق",
         "انخفاض ينخفض تنخفض انخفض انخفضت منخفض منخفضة هبوط يهبط تهبط هبط هبطت تراجع يتراجع تتراجع تراجعت "
            + "خفض يخفض تخفض تخفيض انهيار ينهار تنهار انهار تدهور يتدهور تتدهور تهوي يهوي هوى هوت "
            + "خسارة خسائر يخسر تخسر خسر خسرت نقص ينقص تقلص يتقلص تتقلص ضعف يضعف تضعف انكماش ينكمش "
            + "انخفاضا هبوطا تراجعا تهاوي يتهاوى أدنى الأدنى أقل الأقل يقل تقل أصغر الأصغر "
            + "هزيمة ينهزم انهزم فشل يفشل تفشل فشلت إخفاق يخفق تخفق أخفق إقصاء يقصى "
            + "سقوط يسقط تسقط انزلاق ينزلق تنزلق تدني متدني انحدار ينحدر"),
        ("acceptance",
         "قبول يقبل تقبل قبلت موافقة يوافق توافق وافق وافقت تأييد يؤيد تؤيد أيد دعم يدعم تدعم "
            + "ترحيب يرحب ترحب رحب رحبت يصادق مصادقة إشادة يشيد تشيد أشاد أشادت",
         "رفض يرفض ترفض رفضت معارضة يعارض تعارض عارض إدانة يدين تدين أدان أدانت يندد تندد ندد "
            + "انتقاد ينتقد تنتقد انتقد انتقدت يستنكر تستنكر"),
        ("affirmation",
         "تأكيد يؤكد تؤكد أكد أكدت اعتراف يعترف تعترف اعترف اعترفت إقرار يقر تقر أقر",
         "نفي ينفي تنفي نفى نفت ينفون إنكار ينكر تنكر أنكر تكذيب يكذب"),
        ("opening", "فتح يفتح تفتح فتحت افتتاح يفتتح تفتتح افتتحت", "إغلاق يغلق تغلق أغلق أغلقت غلق"),
        ("continuation",
         "بدء يبدأ تبدأ بدأ بدأت استمرار يستمر تستمر استمرت مواصلة يواصل تواصل واصل واصلت "
            + "استئناف يستأنف تستأنف انطلاق تنطلق ينطلق",
         "توقف يتوقف تتوقف توقفت وقف يوقف إيقاف تعليق يعلق تعلق علقت إنهاء ينهي تنهي انتهاء ينتهي "
            + "تأجيل يؤجل تؤجل أجلت إلغاء يلغي تلغي ألغت ألغى تجميد يجمد تجمد"),
        ("permission", "يسمح تسمح سماح السماح سمحت يجيز إباحة يتيح تتيح",
         "منع يمنع تمنع منعت حظر يحظر تحظر ممنوع ممنوعة"),
        ("conflict",
         "حرب هجوم هجمات اشتباكات اشتباك قتال تصعيد تظاهرات احتجاجات توتر توترات",
         "هدوء سلام هدنة تهدئة تهدأ يهدأ استقرار يستقر تستقر"),
        ("freedom", "إفراج يفرج تفرج أفرج أفرجت براءة تبرئة يبرئ",
         "اعتقال يعتقل تعتقل اعتقل اعتقلت احتجاز يحتجز سجن يسجن حبس قبض توقيف إعدام"),
        ("office", "تعيين يعين تعين عين عينت ترقية",
         "إقالة يقيل تقيل أقال أقالت عزل يعزل استقالة يستقيل تستقيل"),
        ("time", "قبل قبيل سابق", "بعد لاحق"),
        ("age", "جديد جديدة حديث", "قديم قديمة"),
        ("strength", "قوة قوي قوية", "ضعيف ضعيفة"),
        ("valence", "إيجابي إيجابية إيجابا", "سلبي سلبية سلبا"),
        ("accord", "اتفاق اتفاقية تقارب مصالحة", "خلاف خلافات نزاع قطيعة"),
        ("presence", "وجود حضور", "غياب يغيب تغيب"),
        ("inside", "داخل الداخل داخلي داخلية", "خارج الخارج خارجي خارجية"),
        ("north-south", "شمال شمالي الشمال شمالية", "جنوب جنوبي الجنوب جنوبية"),
        ("east-west", "شرق شرقي الشرق شرقية", "غرب غربي الغرب غربية"),
        ("trade", "شراء يشتري تشتري اشترى استيراد يستورد واردات", "بيع يبيع تبيع باع تصدير يصدر صادرات"),
        ("movement", "دخول يدخل تدخل دخل وصول يصل تصل عودة يعود تعود",
         "خروج يخرج تخرج انسحاب ينسحب تنسحب انسحبت مغادرة يغادر تغادر رحيل"),
        ("order", "أول الأول أولى", "آخر الأخير أخيرة الأخيرة"),
        ("price", "رخيص رخيصة", "غالي غالية باهظ"),
        ("survival", "نجاة ينجو تنجو نجا", "وفاة مقتل موت يموت قتل"),
    ]

    /// Particles and words that negate what follows.
    static let negations = "لا لم لن ليس ليست ليسوا غير عدم دون بدون بلا ولا ولم ولن وليس"
    /// After a negation particle, these make "still" (لا يزال، لا تزال، ما زال) or "especially"
    /// (لا سيما), not a negation.
    static let stillVerbs = "زال زالت يزال تزال يزالون سيما"
    /// Words that turn a fact into a possibility, a plan, a threat or a question.
    static let modality = "قد ربما يحتمل محتمل احتمال يعتزم تعتزم يدرس تدرس يتوقع تتوقع متوقع مرتقب يهدد تهدد هل يمكن"
    /// Connectives and light verbs that paraphrases add or drop freely; not content.
    static let connectives = "بسبب لأن عقب إثر جراء نتيجة وسط بفعل تم يتم قام قامت تقوم يقوم"

    /// Countries with their capitals, big cities, adjectives, usual metonyms and best-known leaders:
    /// one id per country, so "واشنطن", "ترامب" and "أميركا" are the same actor and "اليمن" / "موزمبيق"
    /// are different places.
    static let places: [(id: String, names: String)] = [
        ("egypt", "مصر مصري القاهرة الإسكندرية السيسي"), ("saudi", "السعودية سعودي المملكة الرياض جدة مكة سلمان"),
        ("uae", "الإمارات إماراتي أبوظبي دبي الشارقة"), ("qatar", "قطر قطري الدوحة"),
        ("bahrain", "البحرين بحريني المنامة"), ("oman", "عمان عماني مسقط"), ("kuwait", "الكويت كويتي"),
        ("yemen", "اليمن يمني صنعاء عدن الحديدة الحوثي الحوثيين"),
        ("iraq", "العراق عراقي بغداد البصرة الموصل أربيل"), ("syria", "سوريا سورية سوري دمشق حلب إدلب درعا الغوطة"),
        ("lebanon", "لبنان لبناني بيروت"), ("jordan", "الأردن أردني"), ("palestine", "فلسطين فلسطيني غزة الضفة"),
        ("israel", "إسرائيل إسرائيلي نتنياهو"), ("sudan", "السودان سوداني الخرطوم"), ("libya", "ليبيا ليبي طرابلس بنغازي"),
        ("tunisia", "تونس تونسي"), ("algeria", "الجزائر جزائري"), ("morocco", "المغرب مغربي الرباط"),
        ("mauritania", "موريتانيا موريتاني"), ("somalia", "الصومال صومالي مقديشو"),
        ("russia", "روسيا روسي موسكو الكرملين بوتين بوتن"), ("ukraine", "أوكرانيا أوكراني كييف"),
        ("china", "الصين صيني بكين شنغهاي"), ("japan", "اليابان ياباني طوكيو"), ("india", "الهند هندي نيودلهي مومباي"),
        ("pakistan", "باكستان باكستاني"), ("iran", "إيران إيراني طهران روحاني خامنئي"), ("turkey", "تركيا تركي أنقرة إسطنبول اسطنبول أردوغان"),
        ("germany", "ألمانيا ألماني برلين ميركل"), ("france", "فرنسا فرنسي باريس ماكرون"), ("uk", "بريطانيا بريطاني لندن إنجلترا ماي جونسون"),
        ("italy", "إيطاليا إيطالي روما"), ("spain", "إسبانيا اسبانيا إسباني مدريد برشلونة"),
        ("usa", "أميركا أمريكا أميركي أمريكي واشنطن الولايات نيويورك ترامب"), ("canada", "كندا كندي أوتاوا"),
        ("mexico", "المكسيك مكسيكي"), ("brazil", "البرازيل برازيلي"), ("argentina", "الأرجنتين أرجنتيني"),
        ("venezuela", "فنزويلا فنزويلي كاراكاس مادورو"), ("korea", "كوريا كوري سيول"), ("afghanistan", "أفغانستان أفغاني كابول"),
        ("ethiopia", "إثيوبيا أثيوبيا إثيوبي أثيوبي"), ("greece", "اليونان يوناني أثينا"), ("cyprus", "قبرص قبرصي"),
        ("europe", "أوروبا أوروبي بروكسل"), ("africa", "أفريقيا إفريقيا أفريقي إفريقي"), ("asia", "آسيا آسيوي"),
        ("australia", "أستراليا استراليا أسترالي"), ("indonesia", "إندونيسيا إندونيسي جاكرتا"),
        ("malaysia", "ماليزيا ماليزي"), ("netherlands", "هولندا هولندي أمستردام"), ("belgium", "بلجيكا بلجيكي"),
        ("switzerland", "سويسرا سويسري جنيف"), ("austria", "النمسا نمساوي فيينا"), ("sweden", "السويد سويدي"),
        ("norway", "النرويج نرويجي"), ("poland", "بولندا بولندي"), ("cuba", "كوبا كوبي هافانا"),
        ("nigeria", "نيجيريا نيجيري"), ("kenya", "كينيا كيني"), ("mozambique", "موزمبيق"),
        ("hollywood", "هوليوود"), ("bollywood", "بوليوود"),
    ]

    /// Number words → value; scale words (ألف, مليون…) are kept apart, see `scales`.
    static let numberWords: [(words: String, value: Double)] = [
        ("واحد واحدة", 1), ("اثنان اثنين اثنتين", 2), ("ثلاث ثلاثة", 3), ("أربع أربعة", 4), ("خمس خمسة", 5),
        ("ست ستة", 6), ("سبع سبعة", 7), ("ثمان ثماني ثمانية", 8), ("تسع تسعة", 9), ("عشر عشرة", 10),
        ("عشرون عشرين", 20), ("ثلاثون ثلاثين", 30), ("أربعون أربعين", 40), ("خمسون خمسين", 50), ("ستون ستين", 60),
        ("سبعون سبعين", 70), ("ثمانون ثمانين", 80), ("تسعون تسعين", 90), ("مئة مائة", 100), ("مئتين مائتين", 200),
        ("ألفين", 2000), ("مليونين مليوني", 2e6), ("مليارين ملياري", 2e9),
        ("أول أولى الأول", 1), ("الثاني", 2), ("الثالث", 3), ("الرابع", 4), ("الخامس", 5), ("السادس", 6), ("السابع", 7),
        ("الثامن", 8), ("التاسع", 9), ("العاشر", 10), ("نصف", 0.5), ("ربع", 0.25), ("ثلث", 1.0 / 3),
    ]
    static let scales: [(words: String, value: Double)] = [
        ("ألف آلاف", 1e3), ("مليون ملايين", 1e6), ("مليار مليارات", 1e9), ("تريليون", 1e12),
    ]
    /// Months and weekdays: swapping one for another changes the fact.
    static let timeWords = "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
        + "السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة"

    // MARK: - Lookup tables (by hash of the normalised word, or of a stem variant)

    /// What the lexicon knows about a stem.
    struct StemCues: Sendable {
        var pole: Pole?
        var place: UInt16?
        var isTime = false
        var isModality = false
    }

    /// What the lexicon knows about a whole normalised word.
    struct WordCues: Sendable {
        var isNegation = false
        var isStill = false
        /// Stop words and connectives: not content.
        var isFunctionWord = false
        /// A spelled-out number; scale words (ألف، مليون…) as −scale.
        var number: Double?
    }

    static let conceptNames: [String] = opposites.map(\.concept)

    /// Stem hash → cues. For poles and places the first listing wins when two entries share a stem.
    static let stems: TermTable<StemCues> = {
        var table = TermTable<StemCues>(minimumCapacity: 1024)
        func add(_ words: String, _ change: (inout StemCues) -> Void) {
            for word in words.split(separator: " ") {
                table.update(stemHash(String(word))) { old in
                    var cues = old ?? StemCues()
                    change(&cues)
                    return cues
                }
            }
        }
        for (index, entry) in opposites.enumerated() {
            add(entry.plus) { if $0.pole == nil { $0.pole = Pole(concept: UInt8(index), sign: 1) } }
            add(entry.minus) { if $0.pole == nil { $0.pole = Pole(concept: UInt8(index), sign: -1) } }
        }
        for (index, entry) in places.enumerated() {
            add(entry.names) { if $0.place == nil { $0.place = UInt16(index) } }
        }
        add(timeWords) { $0.isTime = true }
        add(modality) { $0.isModality = true }
        return table
    }()

    /// Word hash → cues (negations, "still" verbs, function words, number words).
    static let words: TermTable<WordCues> = {
        var table = TermTable<WordCues>(minimumCapacity: 1024)
        func add(_ words: some Sequence<String>, _ change: (inout WordCues) -> Void) {
            for word in words {
                table.update(wordHash(word)) { old in
                    var cues = old ?? WordCues()
                    change(&cues)
                    return cues
                }
            }
        }
        func split(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
        add(StopWords.arabic) { $0.isFunctionWord = true }
        add(split(connectives)) { $0.isFunctionWord = true }
        add(split(negations)) { $0.isNegation = true }
        add(split(stillVerbs)) { $0.isStill = true }
        for (words, value) in numberWords { add(split(words)) { $0.number = value } }
        for (words, value) in scales { add(split(words)) { $0.number = -value } }
        return table
    }()

    /// Hash of the matching-normalised word.
    static func wordHash(_ word: String) -> UInt64 {
        ScalarHash.of(Array(ArabicNormalizer.normalize(word, Tokenizer.wordOptions).unicodeScalars.map { UInt16(truncatingIfNeeded: $0.value) }))
    }

    /// Hash of the light stem of the normalised word.
    static func stemHash(_ word: String) -> UInt64 {
        ScalarHash.of(Array(LightStemmer.stem(ArabicNormalizer.normalize(word, Tokenizer.wordOptions))
            .unicodeScalars.map { UInt16(truncatingIfNeeded: $0.value) }))
    }
}

/// FNV-1a over 16-bit scalars: cheap keys for words (String hashing normalises Unicode first, which
/// is slow for Arabic). Words here are normalised, so every scalar fits in 16 bits.
enum ScalarHash {
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    static func of<C: Collection>(_ scalars: C) -> UInt64 where C.Element == UInt16 {
        var hash = seed
        for s in scalars {
            hash = (hash ^ UInt64(s & 0xFF)) &* 0x0000_0100_0000_01B3
            hash = (hash ^ UInt64(s >> 8)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
