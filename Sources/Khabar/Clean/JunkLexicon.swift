import KhabarText

/// The words web pages wrap around Arabic articles, grouped by what they signal. Written as people
/// spell them; matched in the matching-normalised form, so hamza, ta marbuta and harakat variants
/// ("اقرأ أيضاً", "إقرأ ايضا") all match one entry.
enum JunkLexicon {
    static func keys(_ phrases: [String]) -> [String] {
        phrases.map { ArabicNormalizer.normalize($0, Tokenizer.wordOptions) }
    }

    static func keySet(_ phrases: [String]) -> PhraseSet { PhraseSet(keys(phrases)) }

    static func prefixList(_ phrases: [String]) -> PrefixList { PrefixList(keys(phrases)) }

    /// A line that introduces one or two links to other articles.
    static let readAlso = prefixList([
        "اقرأ أيضاً", "اقرأ أيضا", "إقرأ أيضاً", "اقرأ ايضا", "اقرأ كذلك", "اقرأ المزيد", "اقرأ أيضا في",
        "شاهد أيضاً", "شاهد ايضا", "طالع أيضاً", "طالع ايضا", "اقرأ ايضاً:", "إقرأ المزيد", "للمزيد اقرأ",
        "اقرأ أيضًا", "read also", "read more", "see also", "also read",
    ])

    /// A heading over a list of other headlines.
    static let relatedHeaders = keySet([
        "مقالات مشابهة", "مقالات ذات صلة", "عناوين ذات صلة", "أخبار متعلقة", "أخبار ذات صلة",
        "مواضيع ذات صلة", "موضوعات ذات صلة", "مواضيع متعلقة", "أخبار مشابهة", "ذات صلة", "اخترنا لك",
        "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تفضيلا في هذا القسم", "الاكثر تفضيلا",
        "قد يهمك أيضا", "قد يهمك", "قد يعجبك أيضا", "أخبار أخرى", "المزيد من الأخبار", "آخر الأخبار",
        "أحدث الأخبار", "أخر الأخبار", "تقارير ذات صلة", "روابط ذات صلة", "related articles", "related news",
        "related", "more stories", "most read", "you may also like",
    ])

    /// Keyword or tag lines: the article's metadata, not its body.
    static let keywordPrefixes = prefixList([
        "كلمات دلالية", "الكلمات الدلالية", "كلمات مفتاحية", "الكلمات المفتاحية", "الكلمات الدالة",
        "الوسوم", "وسوم", "الوسم", "سمات", "هاشتاج", "tags", "keywords", "topics",
    ])

    /// Lines stating when the article was published or updated.
    static let publishedPrefixes = prefixList([
        "تاريخ النشر", "تاريخ نشر", "نشر في", "نشر بتاريخ", "تم النشر", "آخر تحديث", "اخر تحديث",
        "تاريخ التحديث", "published", "updated", "last updated",
    ])

    /// Credit lines: "المصدر: …".
    static let creditPrefixes = prefixList(["المصدر", "مصدر", "المصادر", "نقلا عن", "source", "via"])

    /// Author lines.
    static let bylinePrefixes = prefixList([
        "بقلم", "كتب", "كتبت", "كتبه", "كتبها", "تقرير", "إعداد", "اعداد", "تحرير", "متابعة", "ترجمة",
        "by", "written by", "author", "الكاتب", "المحرر", "مراسل",
    ])

    /// Ad markers, whole line or bracketed.
    static let advertisements = keySet(["إعلان", "اعلان", "إعلانات", "advertisement", "ad", "sponsored", "محتوى مدفوع", "مساحة إعلانية"])

    /// Comment counters and comment-form chrome.
    static let commentWords = keySet(["تعليق", "تعليقات", "التعليقات", "علق", "أضف تعليق", "اضف تعليقك", "أضف تعليقك", "comments", "comment"])

    /// Whole lines that are site furniture.
    static let chromeLines = keySet([
        "المزيد", "شارك", "مشاركة", "شارك الخبر", "شارك المقال", "طباعة", "أرسل لصديق", "ارسل لصديق",
        "حفظ", "نسخ الرابط", "تويتر", "فيسبوك", "واتساب", "تلغرام", "انستغرام", "يوتيوب", "الرئيسية",
        "عاجل", "فيديو", "صور", "بالفيديو", "بالصور", "تابعونا", "تابعنا", "اشترك", "share", "print",
        "tweet", "facebook", "twitter", "whatsapp", "home", "menu", "more", "next", "previous", "السابق",
        "التالي", "إغلاق", "اغلاق", "close", "تكبير الخط", "تصغير الخط", "حجم الخط",
    ])

    /// Line beginnings that mark site furniture: app promos, "more from <site>", newsletter boxes.
    static let chromePrefixes = prefixList([
        "تابع أحدث الأخبار", "تابعوا أحدث الأخبار", "تابع آخر الأخبار", "تابعونا على", "تابعنا على",
        "المزيد من", "حمل تطبيق", "حمّل تطبيق", "نزل تطبيق", "اشترك في", "اشترك الآن", "اشترك معنا",
        "للاشتراك في", "انضم إلى قناة", "انضم الى قناتنا", "رابط الخبر", "رابط المقال", "رابط مختصر",
        "جميع الحقوق محفوظة", "حقوق النشر", "all rights reserved", "follow us", "subscribe",
        "الاكثر تفضيلا", "شارك هذا", "شارك على", "اضغط هنا", "لمتابعة آخر", "لمشاهدة الفيديو",
        "sign up", "download the app", "click here",
    ])

    /// Words whose own first letter is و, so a leading و is not the conjunction.
    static let wawInitialWords = keys(["وزير", "وزارة", "وزراء", "وكالة", "وكيل", "وفد", "وفاة", "وصول", "وضع", "وقف",
                                       "ولي", "والي", "ولاية", "وسط", "وثيقة", "وحدة", "وجه", "وجود", "واشنطن", "وادي"])

    /// Words that begin a paragraph continuing the previous one ("وقال", "كما", "من جانبه").
    /// A paragraph that begins this way after a "read also" link is the same article going on.
    static let continuationStarts = prefixList([
        "كما", "من جانبه", "من جانبها", "من جهته", "من جهتها", "بدوره", "بدورها", "في المقابل",
        "في حين", "إلى ذلك", "الى ذلك", "وفي", "وكان", "وكانت", "وأضاف", "وأضافت", "وتابع", "وقال",
        "وأكد", "وأشار", "ولفت", "يذكر أن", "يشار إلى", "وبحسب", "وحسب", "ووفق", "لكن", "غير أن",
    ])
}

/// Matching-normalised line beginnings. Their UTF-8 is kept for the first test on a key head,
/// which rules out almost every line before a rule looks at the whole key.
struct PrefixList: Sendable {
    let phrases: [String]
    private let utf8: [[UInt8]]

    init(_ phrases: [String]) {
        precondition(phrases.allSatisfy { $0.utf8.count >= 2 }, "mayStart compares two bytes first")
        self.phrases = phrases
        self.utf8 = phrases.map { Array($0.utf8) }
    }

    /// False when a key starting with `head` surely starts with none of the phrases; true when one
    /// may. `headIsWhole`: `head` is the whole key, so a longer phrase cannot match.
    func mayStart(_ head: UnsafeBufferPointer<UInt8>, headIsWhole: Bool) -> Bool {
        for phrase in utf8 {
            guard head.count >= phrase.count else {
                if headIsWhole { continue } else { return true }
            }
            if head[0] == phrase[0] && head[1] == phrase[1]
                && UnsafeBufferPointer(rebasing: head[..<phrase.count]).elementsEqual(phrase) { return true }
        }
        return false
    }
}

/// A set of matching-normalised phrases compared by their UTF-8 bytes. Both sides come from the
/// same normaliser, so byte equality is the right test, and it skips the Unicode normalisation
/// checks that hashing non-ASCII Strings costs on every lookup.
struct PhraseSet: Sendable {
    /// No phrase is longer than this; `contains` answers longer ones without a lookup.
    static let maxPhraseBytes = 64
    private let phrases: Set<[UInt8]>

    init(_ phrases: [String]) {
        precondition(phrases.allSatisfy { $0.utf8.count <= Self.maxPhraseBytes }, "phrase over maxPhraseBytes")
        self.phrases = Set(phrases.map { Array($0.utf8) })
    }

    func contains(_ phrase: String) -> Bool {
        var phrase = phrase
        return phrase.withUTF8 { bytes in
            // Longer than any phrase: no lookup needed.
            bytes.count <= Self.maxPhraseBytes && phrases.contains(Array(bytes))
        }
    }
}
