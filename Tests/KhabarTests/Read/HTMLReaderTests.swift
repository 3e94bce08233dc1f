import Foundation
import Testing
@testable import Khabar

@Suite("HTMLReader")
struct HTMLReaderTests {
    static let paragraph1 = "The city council approved the new budget on Tuesday, after a long debate that ran past midnight and drew hundreds of residents."
    static let paragraph2 = "Officials said the plan, which raises spending on schools and roads, would be paid for without new taxes, a claim critics disputed."
    static let paragraph3 = "The mayor is expected to sign the measure later this week, according to a statement from her office."

    static func page(head: String = "", body: String) -> Data {
        Data("<!DOCTYPE html><html><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>".utf8)
    }

    static let newsBody = """
        <header class="site-header"><a href="/">Daily News</a><nav><ul><li><a href="/world">World</a></li>
        <li><a href="/sport">Sport</a></li><li><a href="/business">Business and economy news</a></li></ul></nav></header>
        <div class="layout">
          <article class="story">
            <h1>Council approves budget</h1>
            <div class="byline">By Jane Doe</div>
            <div class="story-body">
              <p>\(paragraph1)</p>
              <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
              <p>\(paragraph2)</p>
              <h2>What comes next</h2>
              <p>\(paragraph3)</p>
            </div>
          </article>
          <aside class="sidebar"><h3>Most read</h3><ul>
            <li><a href="/a">A very long related headline about something else entirely happening today</a></li>
            <li><a href="/b">Another related headline that is long enough to look like a sentence here</a></li></ul></aside>
          <div id="comments"><p>Great article, I really enjoyed reading this, thanks for writing it all up so well.</p></div>
        </div>
        <footer><p>Copyright 2024 Daily News. All rights reserved. Contact us, advertise with us.</p></footer>
        <script>var x = "not text, at all";</script>
        """

    @Test func extractsMainContentWithoutChrome() throws {
        let article = try HTMLReader.read(Self.page(body: Self.newsBody), id: "a1", source: .file(path: "a1.html"))
        #expect(article.kind == .html)
        #expect(article.id == "a1")
        let lines = article.text.split(separator: "\n").map(String.init)
        #expect(lines == [Self.paragraph1, Self.paragraph2, "What comes next", Self.paragraph3])
        #expect(!article.text.contains("Share on Facebook"))
        #expect(!article.text.contains("Great article"))
        #expect(!article.text.contains("Copyright"))
        #expect(!article.text.contains("not text"))
    }

    @Test func inlineSpacingLineBreaksAndEntities() throws {
        let body = """
            <div class="content"><p>Prices rose&nbsp;by <b>3.2</b>% in <a href="/x">March</a>, the fastest pace in years &amp; more than forecast.<br>
            A second line after a break, which also continues the same paragraph of the report.</p>
            <p>   Whitespace
               is   collapsed, and tabs\tvanish into single spaces, as the reader promises here.  </p></div>
            """
        let article = try HTMLReader.read(Self.page(body: body), id: "b", source: .url("https://example.com/b"))
        #expect(article.text == """
            Prices rose by 3.2% in March, the fastest pace in years & more than forecast.
            A second line after a break, which also continues the same paragraph of the report.
            Whitespace is collapsed, and tabs vanish into single spaces, as the reader promises here.
            """)
    }

    @Test func readsMetadataHints() throws {
        let head = """
            <title>Council approves budget | Daily News</title>
            <meta property="og:title" content="Council approves budget">
            <meta property="og:site_name" content="Daily News">
            <meta property="og:url" content="https://news.example/budget">
            <meta property="article:published_time" content="2024-03-05T10:15:00+02:00">
            <meta name="author" content="Jane Doe">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
              "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
              "publisher":{"@type":"Organization","name":"Daily News Group"},"datePublished":"2024-03-05"}</script>
            """
        let article = try HTMLReader.read(Self.page(head: head, body: Self.newsBody), id: "m", source: .file(path: "m.html"))
        #expect(article.hints.title == "Council approves budget")
        #expect(article.hints.outlet == "Daily News")
        #expect(article.hints.url == "https://news.example/budget")
        #expect(article.hints.published == PublishedDate(year: 2024, month: 3, day: 5, hour: 10, minute: 15,
                                                          second: 0, utcOffsetMinutes: 120))
        #expect(article.hints.authors == ["Jane Doe", "John Roe"])
    }

    @Test func metadataFallbacks() throws {
        let head = """
            <title>Council approves budget - Daily News</title>
            <meta property="og:site_name" content="Daily News">
            <link rel="canonical" href="https://news.example/canonical">
            <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"x"},
              {"@type":["NewsArticle"],"datePublished":"2023-09-14","author":{"name":"Sam Poe"},
               "publisher":{"name":"DN Media"}}]}</script>
            """
        let article = try HTMLReader.read(Self.page(head: head, body: Self.newsBody), id: "f", source: .file(path: "f.html"))
        #expect(article.hints.title == "Council approves budget")
        #expect(article.hints.url == "https://news.example/canonical")
        #expect(article.hints.published == PublishedDate(year: 2023, month: 9, day: 14))
        #expect(article.hints.authors == ["Sam Poe"])

        // No <title> and no og:title: the first <h1>; <time datetime> for the date; JSON-LD publisher.
        let body = "<time datetime=\"2022-01-02T03:04\">Jan 2</time>" + Self.newsBody
        let plain = try HTMLReader.read(Self.page(body: body), id: "g", source: .file(path: "g.html"))
        #expect(plain.hints.title == "Council approves budget")
        #expect(plain.hints.published == PublishedDate(year: 2022, month: 1, day: 2, hour: 3, minute: 4))
        #expect(article.hints.outlet == "Daily News")
    }

    @Test func decodesWindows1256() throws {
        // "خبر عاجل: وصل الوفد إلى القاهرة، وبدأت المحادثات." in windows-1256.
        let hex = "cec8d120dac7cce13a20e6d5e120c7e1e6ddcf20c5e1ec20c7e1dec7e5d1c9a120e6c8cfc3ca20c7e1e3cdc7cfcbc7ca2e"
        var sentence = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            sentence.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        var data = Data("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body><div class=\"article-body\"><p>".utf8)
        for _ in 0..<3 { data.append(sentence); data.append(0x20) }
        data.append(contentsOf: Array("</p></div></body></html>".utf8))
        let article = try HTMLReader.read(data, id: "ar", source: .file(path: "ar.html"))
        let expected = "خبر عاجل: وصل الوفد إلى القاهرة، وبدأت المحادثات."
        #expect(article.text == [expected, expected, expected].joined(separator: " "))
    }

    @Test func honoursUTF8ByteOrderMarkAndMetaCharset() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Self.page(body: "<p>\(Self.paragraph1) Café — naïve “quotes”.</p>"))
        let article = try HTMLReader.read(data, id: "bom", source: .file(path: "bom.html"))
        #expect(article.text.hasSuffix("Café — naïve “quotes”."))
        #expect(HTMLReader.detectEncoding(Data("<meta charset='ISO-8859-1'>".utf8)) == "windows-1252")
        #expect(HTMLReader.detectEncoding(Data("<meta content=\"text/html; charset=UTF-8\">".utf8)) == "UTF-8")
        #expect(HTMLReader.detectEncoding(Data([0x3C, 0x70, 0x3E, 0xE9, 0x3C])) == "windows-1252")
    }

    @Test func prefersMarkedArticleBody() throws {
        let boiler = String(repeating: "Our customer service center answers questions by phone, fax and e-mail, on weekdays. ", count: 6)
        let body = """
            <div class="promo-text"><p>\(boiler)</p></div>
            <div itemprop="articleBody">A short breaking news item: a man was stabbed to death in Berlin, police said on Wednesday.<br>Police arrested a suspect.</div>
            """
        let article = try HTMLReader.read(Self.page(body: body), id: "s", source: .file(path: "s.html"))
        #expect(article.text == "A short breaking news item: a man was stabbed to death in Berlin, police said on Wednesday.\nPolice arrested a suspect.")
    }

    @Test func throwsForNonHTMLAndEmptyPages() {
        #expect(throws: HTMLReadError.notHTML) {
            try HTMLReader.read(Data("just some words, no markup".utf8), id: "t", source: .file(path: "t"))
        }
        #expect(throws: HTMLReadError.notHTML) {
            try HTMLReader.read(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x3C, 0x61, 0x00]), id: "png", source: .file(path: "p"))
        }
        #expect(throws: HTMLReadError.notHTML) {
            try HTMLReader.read(Data(), id: "e", source: .file(path: "e"))
        }
        #expect(throws: HTMLReadError.noContent) {
            try HTMLReader.read(Self.page(body: "<nav><a href='/'>Home</a></nav><script>x()</script>"), id: "n",
                                source: .file(path: "n"))
        }
        #expect(HTMLReadError.noContent.description == "no article text found in the HTML")
    }

    @Test func deepNestingDoesNotOverflow() throws {
        func nested(_ depth: Int) -> Data {
            Self.page(body: String(repeating: "<div>", count: depth) + "<p>\(Self.paragraph1)</p>"
                      + String(repeating: "</div>", count: depth))
        }
        let article = try HTMLReader.read(nested(200), id: "d", source: .file(path: "d.html"))
        #expect(article.text == Self.paragraph1)
        // libxml2 stops at its depth limit; the reader must answer (text or an error), not crash.
        _ = try? HTMLReader.read(nested(20000), id: "deep", source: .file(path: "deep.html"))
    }
}
