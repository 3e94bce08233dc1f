import Foundation
import Testing
@testable import Khabar

@Suite("Digest rendering")
struct DigestRenderTests {
    /// Two articles of one story whose title and body carry markup.
    static func hostileDigest() throws -> Digest {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = "أعلنت وزارة الصحة اليوم الأربعاء افتتاح مستشفى جديد في مدينة جدة بسعة 300 سرير <script>alert('x')</script> لخدمة سكان المنطقة. "
            + "وقال وزير الصحة إن المستشفى سيبدأ استقبال المرضى الشهر المقبل بعد اكتمال تجهيزه بالكامل."
        let lines = [
            #"{"id": "a1", "title": "افتتاح مستشفى <b>جديد</b> & \"كبير\"", "text": "\#(body)", "published": "2015-08-05T10:00:00", "outlet": "<i>صحيفة</i>", "url": "https://example.com/a1?x=<y>"}"#,
            #"{"id": "a2", "title": "مستشفى جديد في جدة", "text": "\#(body) وأضاف أن المستشفى يضم أقساما متخصصة.", "published": "2015-08-05T12:00:00", "outlet": "وكالة", "url": "javascript:alert(1)"}"#,
        ]
        let file = folder.appendingPathComponent("a.jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        var tracker = StoryTracker()
        return Pipeline(jobs: 1).digest(paths: [file.path], tracker: &tracker, onError: { error in
            Issue.record("\(error.input): \(error.message)")
        })
    }

    @Test func htmlEscapesArticleText() throws {
        let html = try Self.hostileDigest().html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(!html.contains("<script"), "a script tag from an article reached the page")
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("<b>") && !html.contains("<i>"))
        #expect(html.contains("&lt;b&gt;جديد&lt;/b&gt;"))
        #expect(!html.contains("href=\"javascript:"), "only http(s) URLs become links")
        #expect(html.contains("https://example.com/a1?x=&lt;y&gt;"))
    }

    @Test func markdownEscapesMarkup() throws {
        let markdown = try Self.hostileDigest().markdown()
        #expect(markdown.contains("\\<script\\>"))
        // Every "<" from article text is backslash-escaped (the digest's own Markdown has none).
        let scalars = Array(markdown.unicodeScalars)
        let bare = scalars.indices.filter { scalars[$0] == "<" && ($0 == 0 || scalars[$0 - 1] != "\\") }
        #expect(bare.isEmpty, "\(bare.count) unescaped '<'")
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let digest = try Self.hostileDigest()
        let object = try JSONSerialization.jsonObject(with: Data(digest.json().utf8)) as? [String: Any]
        let stories = try #require(object?["stories"] as? [[String: Any]])
        let story = try #require(stories.first)
        for key in ["id", "headline", "articles", "outlets", "summary", "entities", "quotes", "timeline", "coverage", "contradictions"] {
            #expect(story[key] != nil, "story has \(key)")
        }
        let summary = try #require(story["summary"] as? [[String: Any]])
        #expect(!summary.isEmpty)
        for sentence in summary {
            #expect(sentence["text"] is String && sentence["article"] is String && sentence["cited_by"] is [String])
        }
        let articles = try #require(object?["articles"] as? [[String: Any]])
        #expect(articles.count == 2)
        #expect(articles.allSatisfy { $0["story"] is Int && $0.keys.contains("duplicate_of") && $0["paragraphs"] is [String] })
    }
}
