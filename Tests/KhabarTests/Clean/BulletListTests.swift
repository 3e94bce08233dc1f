import Testing
@testable import Khabar

/// Bulleted lines: a run of them after the article is a related-headlines list, but a list that a
/// body line announces with a colon belongs to the article.
@Suite("Bullet lists")
struct BulletListTests {
    static let lead = "أغلق المؤشر العام للسوق تعاملات الأسبوع على انخفاض واضح بعد جلسات متقلبة شهدت ضغوطا بيعية على الأسهم القيادية في معظم القطاعات."
    static let tail = "ويتوقع المحللون أن تستمر حالة الترقب خلال الأسبوع المقبل مع بدء إعلان نتائج الربع الثاني للشركات المدرجة."

    static func clean(_ lines: [String]) -> CleanArticle {
        Cleaner().clean(RawArticle(id: "b", source: .file(path: "b.txt"), kind: .text, text: lines.joined(separator: "\n")))
    }

    @Test func announcedListStaysInTheBody() {
        let points = ["- نطاق التذبذب للسوق بلغ 484 نقطة خلال الأسبوع", "- السيولة المجمعة للسوق بلغت 20 مليار ريال",
                      "- المؤشر العام ينخفض 4.8 في المائة عن الأسبوع الماضي"]
        let article = Self.clean([Self.lead, "أبرز ما شهدته الجلسات:"] + points + [Self.tail])
        for point in points { #expect(article.paragraphs.contains(point), "\(point) is part of the report") }
        #expect(article.removed.allSatisfy { $0.reason != .relatedHeadlines })
    }

    @Test func unannouncedHeadlineRunIsRemoved() {
        let links = ["• وزير المالية يعلن موازنة العام المقبل", "• افتتاح معرض الكتاب الدولي في الرياض",
                     "• الأرصاد تتوقع أمطارا رعدية على المرتفعات"]
        let article = Self.clean([Self.lead, Self.tail] + links)
        for link in links { #expect(!article.paragraphs.contains(link)) }
        #expect(article.removed.filter { $0.reason == .relatedHeadlines }.count == 3)
    }
}
