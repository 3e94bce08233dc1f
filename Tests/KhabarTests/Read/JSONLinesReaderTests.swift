import Foundation
import Testing
@testable import Khabar

@Suite("JSON Lines reader")
struct JSONLinesReaderTests {
    static func read(_ text: String, name: String = "in.jsonl") -> [ReadOutcome] {
        var outcomes: [ReadOutcome] = []
        JSONLinesReader.read(Data(text.utf8), name: name, maxRecordBytes: 10 << 20) { outcomes.append($0) }
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
        JSONLinesReader.read(Data(line.utf8), name: "f.jsonl", maxRecordBytes: 1000) { outcomes.append($0) }
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
}
