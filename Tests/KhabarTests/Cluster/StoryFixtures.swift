@testable import Khabar

/// Small hand-written articles for the story stages (ours, not from any data set).
enum StoryFixtures {
    static let day: Double = 86_400
    static let start: Double = 1_700_000_000

    static func article(_ id: String, title: String, body: [String], outlet: String = "outlet",
                        at time: Double? = start) -> ArticleProfile {
        var clean = CleanArticle(id: id, source: .file(path: id), title: title, outlet: outlet)
        clean.paragraphs = body
        clean.published = time.map { PublishedDate(utcSecondsSince1970: $0) }
        return ArticleAnalyser(keepTermNames: true).profile(clean)
    }

    static let earthquakeA = (title: "زلزال بقوة 6 درجات يضرب جزيرة سومطرة الإندونيسية",
                              body: ["ضرب زلزال بقوة ست درجات جزيرة سومطرة الإندونيسية فجر الثلاثاء، وأعلنت هيئة الأرصاد الجوية الإندونيسية أن مركز الزلزال كان في البحر على عمق عشرة كيلومترات.",
                                     "وقالت السلطات في سومطرة إن الهزة أثارت الذعر بين السكان الذين خرجوا إلى الشوارع، ولم ترد تقارير فورية عن ضحايا."])
    static let earthquakeB = (title: "هزة أرضية قوية تثير الذعر في سومطرة بإندونيسيا",
                              body: ["أثار زلزال قوي ضرب جزيرة سومطرة في إندونيسيا الذعر بين السكان، بحسب هيئة الأرصاد الجوية الإندونيسية.",
                                     "وأوضحت الهيئة أن الزلزال وقع في البحر قبالة سومطرة، فيما تتفقد فرق الإنقاذ المناطق الساحلية."])
    static let football = (title: "ريال مدريد يفوز على إشبيلية بثلاثية في الدوري الإسباني",
                           body: ["حقق فريق ريال مدريد فوزا كبيرا على ضيفه إشبيلية بثلاثة أهداف دون رد في المرحلة الخامسة من الدوري الإسباني لكرة القدم.",
                                  "وسجل المهاجم البرازيلي فينيسيوس هدفين وأضاف بيلينغهام الهدف الثالث في الشوط الثاني."])
}
