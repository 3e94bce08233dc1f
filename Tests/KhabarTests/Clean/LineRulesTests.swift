import Testing
@testable import Khabar

@Suite("LineRules.classify")
struct LineRulesTests {
    static func classify(_ line: String) throws -> LineSignal? {
        let blocks = BlockSplitter.split(line)
        #expect(blocks.count == 1)
        return LineRules.classify(try #require(blocks.first))
    }

    @Test func readAlsoMarker() throws {
        #expect(try Self.classify("اقرأ أيضاً") == .readAlso(inlineHeadline: false))
        #expect(try Self.classify("إقرأ أيضاً:") == .readAlso(inlineHeadline: false))
        #expect(try Self.classify("اقرأ ايضا: بوتين يرفع تعداد الجيش الروسي") == .readAlso(inlineHeadline: true))
    }

    @Test(arguments: ["مقالات مشابهة", "عناوين ذات صلة", "أخبار متعلقة", "الاكثر تفضيلا في هذا القسم"])
    func relatedHeader(_ line: String) throws {
        #expect(try Self.classify(line) == .relatedHeader)
    }

    @Test func keywordLine() throws {
        #expect(try Self.classify("كلمات دلالية: روسيا، كوريا الشمالية، بوتين") == .keywords(["روسيا", "كوريا الشمالية", "بوتين"]))
        guard case .keywords(let words)? = try Self.classify("كلمات دلالية: ملفات بوتين الفضاء كوريا الشمالية روسيا") else {
            Issue.record("a separator-less keyword line is still a keyword line")
            return
        }
        #expect(!words.isEmpty)
    }

    @Test func publishedLine() throws {
        #expect(try Self.classify("تاريخ النشر: 14th, September 2023 GMT") == .published("14th, September 2023 GMT"))
    }

    @Test func creditLines() throws {
        #expect(try Self.classify("المصدر: الخليج الجديد") == .credit("الخليج الجديد"))
        #expect(try Self.classify("المصدر | رويترز") == .credit("رويترز"))
        #expect(try Self.classify("مصدر") == .credit(nil))
    }

    @Test func bylines() throws {
        #expect(try Self.classify("بقلم: أحمد علي") == .byline("أحمد علي"))
        #expect(try Self.classify("مينه دوك (وفقًا لـ RT و Sputnik)") == .byline("مينه دوك"))
    }

    @Test(arguments: ["[إعلان 2]", "إعلان", "Advertisement"])
    func advertisement(_ line: String) throws {
        #expect(try Self.classify(line) == .advertisement)
    }

    @Test(arguments: ["تعليق (0)", "تعليقات", "التعليقات"])
    func commentCounter(_ line: String) throws {
        #expect(try Self.classify(line) == .commentCounter)
    }

    @Test(arguments: ["المزيد", "المزيد من بوابة الوسط", "تابع أحدث الأخبار عبر تطبيق", "•••"])
    func chrome(_ line: String) throws {
        #expect(try Self.classify(line) == .chrome)
    }

    /// A lone Latin word or identifier: a site name or widget id in flat text.
    @Test(arguments: ["Atwasat", "WTV_Frequency"])
    func strayWord(_ line: String) throws {
        #expect(try Self.classify(line) == .strayWord)
    }

    @Test func strayWordIsChromeInTextButKeptInHTML() {
        let body = "تفقد الرئيس الروسي فلاديمير بوتين والزعيم الكوري الشمالي كيم جونغ أون منشآت لتجميع وإطلاق صواريخ فضائية في قاعدة فوستوتشني."
        let text = "\(body)\nWTV_Frequency\n\(body.replacingOccurrences(of: "تفقد", with: "زار"))"
        let fromText = Cleaner().clean(RawArticle(id: "t", source: .file(path: "t.txt"), kind: .text, text: text))
        #expect(!fromText.paragraphs.contains("WTV_Frequency"))
        #expect(fromText.removed.contains(RemovedBlock(text: "WTV_Frequency", reason: .siteChrome)))
        let fromHTML = Cleaner().clean(RawArticle(id: "h", source: .file(path: "h.html"), kind: .html, text: text))
        #expect(fromHTML.paragraphs.contains("WTV_Frequency"))
    }

    /// A title hint is matched by its words joined: one presentation form ("ﷺ") spells several words.
    @Test func titleHintWithPresentationForms() {
        let headline = "لا صلى الله عليه وسلم جل جلاله"
        let body = "تفقد الرئيس الروسي فلاديمير بوتين والزعيم الكوري الشمالي كيم جونغ أون منشآت لتجميع وإطلاق صواريخ فضائية."
        let raw = RawArticle(id: "p", source: .file(path: "p.jsonl"), kind: .jsonLines, text: "\(headline)\n\(body)",
                             hints: MetadataHints(title: "ﻻ ﷺ ﷻ"))
        let clean = Cleaner().clean(raw)
        #expect(clean.paragraphs == [body])
        #expect(clean.removed.contains(RemovedBlock(text: headline, reason: .title)))
    }

    @Test func code() throws {
        #expect(try Self.classify(".article-img-ratio{ display:block;padding-bottom: 67%;position:relative; }") == .code)
        #expect(try Self.classify("(adsbygoogle = window.adsbygoogle || []).push({});") == .code)
    }

    @Test(arguments: [
        "تعهد الرئيس الروسي، فلاديمير بوتين، بمساعدة كوريا الشمالية في بناء أقمار اصطناعية.",
        "وأضاف كيم:",
        "روسيا «مهتمة بشراء ذخائر كورية شمالية»",
        "بوتين: روسيا ستساعد كوريا الشمالية على بناء أقمار صناعية",
        "وفي تعليقه على جدول أعمال القمة بين روسيا وكوريا الشمالية، قال السكرتير الصحفي للكرملين إن المحادثات ستركز على عدد من القضايا.",
    ])
    func bodyLinesHaveNoSignal(_ line: String) throws {
        #expect(try Self.classify(line) == nil)
    }
}
