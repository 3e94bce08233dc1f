import Foundation
import Testing
@testable import Khabar

@Suite("JSON Lines reader")
struct JSONLinesReaderTests {
    static func read(_ text: String, name: String = "in.jsonl") -> [ReadOutcome] {
        var outcomes: [ReadOutcome] = []
        try? JSONLinesReader.read(DataChunks(Data(text.utf8)), name: name, maxRecordBytes: 10 << 20) { outcomes.append($0) }
        return outcomes
    }

    @Test func rfc822PublishedAndNullTitle() throws {
        let outcomes = Self.read(#"{"id": "a", "title": null, "text": "نص الخبر.", "published": "Mon, 14 May 2018 21:35:43 +0400", "outlet": "صحيفة", "url": "https://example.com/a"}"#)
        let raw = try #require(try outcomes.first?.get())
        #expect(raw.id == "a")
        #expect(raw.kind == .jsonLines)
        #expect(raw.text == "نص الخبر.")
        #expect(raw.hints.title == nil)
        #expect(raw.hints.published?.iso8601 == "2018-05-14T21:35:43+04:00")
        #expect(raw.hints.outlet == "صحيفة")
        #expect(raw.hints.url == "https://example.com/a")
        #expect(raw.source == .url("https://example.com/a"))
    }

    @Test func extraFieldsAreIgnored() throws {
        let outcomes = Self.read(#"{"id": "b", "text": "نص.", "category": "world", "views": 12, "tags": ["x"], "nested": {"k": 1}}"#)
        #expect(outcomes.count == 1)
        let raw = try #require(try outcomes.first?.get())
        #expect(raw.id == "b")
    }

    @Test func authorStringOrList() throws {
        let outcomes = Self.read("""
            {"id": "1", "text": "نص.", "author": "أحمد علي"}
            {"id": "2", "text": "نص.", "author": ["أحمد علي", " سارة محمد "]}
            {"id": "3", "text": "نص.", "author": null}
            """)
        let raws = outcomes.compactMap { try? $0.get() }
        #expect(raws.count == 3)
        #expect(raws.map(\.hints.authors) == [["أحمد علي"], ["أحمد علي", "سارة محمد"], []])
    }

    @Test func numericIDAndFallbackID() throws {
        let outcomes = Self.read("""
            {"id": 42, "text": "نص."}
            {"text": "نص آخر."}
            """, name: "/data/feed.jsonl")
        let raws = outcomes.compactMap { try? $0.get() }
        #expect(raws.map(\.id) == ["42", "feed-2"])
    }

    @Test func badLinesNameFileAndLine() {
        let outcomes = Self.read("""
            {"id": "1", "text": "نص."}

            not json
            {"id": "4"}
            {"id": "5", "text": "   "}
            {"id": "6", "text": 7}
            """, name: "feed.jsonl")
        let failures = outcomes.compactMap { if case .failure(let e) = $0 { return e } else { return nil } }
        #expect(failures.map(\.input) == ["feed.jsonl:3", "feed.jsonl:4", "feed.jsonl:5", "feed.jsonl:6"])
        #expect(failures[0].message.contains("JSON"))
        #expect(failures[1].message.contains("text"))
        #expect(failures[2].message.contains("empty"))
        #expect(failures[3].message.contains("text"))
    }

    @Test func oversizedRecord() {
        var outcomes: [ReadOutcome] = []
        let line = #"{"id": "big", "text": ""# + String(repeating: "ب", count: 2000) + #""}"#
        try? JSONLinesReader.read(DataChunks(Data(line.utf8)), name: "f.jsonl", maxRecordBytes: 1000) { outcomes.append($0) }
        guard case .failure(let error)? = outcomes.first else {
            Issue.record("an oversized record must fail")
            return
        }
        #expect(error.input == "f.jsonl:1")
        #expect(error.message.contains("limit"))
    }

    @Test func jsonArrayFile() throws {
        var outcomes: [ReadOutcome] = []
        InputReader().read(data: Data(#"[{"id": "x", "text": "نص."}, {"text": "نص ثان."}]"#.utf8), name: "arr.json", id: "arr") {
            outcomes.append($0)
        }
        #expect(outcomes.compactMap { try? $0.get().id } == ["x", "arr-2"])
    }

    @Test func emptyJSONArrayIsSaid() {
        var outcomes: [ReadOutcome] = []
        InputReader().read(data: Data("[\n\n ]".utf8), name: "empty.json", id: "empty") { outcomes.append($0) }
        guard outcomes.count == 1, case .failure(let error) = outcomes[0] else {
            Issue.record("an empty JSON array must give one error, got \(outcomes)")
            return
        }
        #expect(error.input == "empty.json")
        #expect(error.message.contains("no articles"))
    }

    /// The fast scanner either gives what JSONDecoder gives or declines (nil), never something else.
    @Test(arguments: [
        #"{"id": "a", "title": "عنوان", "text": "سطر\nسطر \"مقتبس\" \\ \/ \t\u0041\u00e9\ud83d\ude00", "published": "2015-08-01", "outlet": "س", "url": "u", "author": "أ"}"#,
        #"{"id": 42, "text": "نص", "author": ["a", "b"], "extra": {"k": [1, -2.5e3, true, false, null, "\u0041"]}}"#,
        #" { "text" : "نص" , "author" : null , "title" : null } "# + "\r",
        #"{"id": 0, "text": "نص"}"#,
        #"{}"#,
        // Records the scanner leaves to JSONDecoder: a repeated field, odd ids, bad escapes, bad JSON.
        #"{"text": "a", "text": "b"}"#,
        #"{"id": -1, "text": "a"}"#,
        #"{"id": 1.5, "text": "a"}"#,
        #"{"id": 007, "text": "a"}"#,
        #"{"id": true, "text": "a"}"#,
        #"{"text": "\ud800"}"#,
        #"{"text": "\x"}"#,
        #"{"text": "a", "x": 01}"#,
        #"{"text": "a",}"#,
        #"{"text": "a"} x"#,
        #"{"t\u0065xt": "a"}"#,
        #"{"author": ["a", null], "text": "a"}"#,
        #"["not", "an", "object"]"#,
        "{\"text\": \"raw\u{1}control\"}",
    ])
    func scannerAgreesWithJSONDecoder(_ line: String) throws {
        let data = Data(line.utf8)
        let fast = data.withUnsafeBytes { JSONRecordScanner.record(from: $0.bindMemory(to: UInt8.self)) }
        guard let fast else { return } // declined: JSONDecoder decides
        let slow = try JSONDecoder().decode(JSONLinesReader.Record.self, from: data)
        #expect(fast.id?.value == slow.id?.value)
        #expect(fast.title == slow.title)
        #expect(fast.text == slow.text)
        #expect(fast.text.map { Array($0.utf8) } == slow.text.map { Array($0.utf8) })
        #expect(fast.published == slow.published)
        #expect(fast.outlet == slow.outlet)
        #expect(fast.url == slow.url)
        #expect(fast.author?.names == slow.author?.names)
    }

    @Test func scannerTakesTheUsualRecords() {
        for line in [#"{"id": "a", "text": "سطر\nسطر", "author": null}"#, #"{"id": 42, "text": "نص", "tags": ["x"]}"#] {
            let data = Data(line.utf8)
            #expect(data.withUnsafeBytes { JSONRecordScanner.record(from: $0.bindMemory(to: UInt8.self)) } != nil)
        }
    }
}
