import Foundation
import Testing

@Suite("khabar compare, end to end")
struct CompareCommandTests {
    func writeTemporary(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pairs-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func judgesEachPair() throws {
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        let csv = """
            s1,s2,note
            مقتل 17 شخصا في انفجار ببغداد,مقتل ١٧ شخصا في انفجار ببغداد,digits
            "الذهب عند أعلى مستوى، منذ شهر","الذهب عند أدنى مستوى، منذ شهر",antonym
            تراجع التضخم في مصر,"فوز المنتخب المغربي
            في المباراة الودية",other

            """
        let url = try writeTemporary(csv)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try runTool(khabar, ["compare", "--pairs", url.path])
        #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        var relations: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["relation", "similarity"])
            let similarity = try #require(object["similarity"] as? Double)
            #expect(similarity >= 0 && similarity <= 1)
            relations.append(try #require(object["relation"] as? String))
        }
        #expect(relations == ["same", "contradicts", "different"])
    }

    @Test func badCSVNamesFileAndLine() throws {
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        for (text, line) in [("s1,s2\nا,ب\n\"غير مغلق,ج\n", 3), ("s1,s2\nا,ب\nوحيد\n", 3)] {
            let url = try writeTemporary(text)
            defer { try? FileManager.default.removeItem(at: url) }
            let result = try runTool(khabar, ["compare", "--pairs", url.path])
            let stderr = String(decoding: result.stderr, as: UTF8.self)
            #expect(result.status == 1)
            #expect(stderr.contains("\(url.path):\(line):"), "\(stderr)")
            #expect(result.stdout.isEmpty)
        }
        let missing = try runTool(khabar, ["compare", "--pairs", "/no/such/pairs.csv"])
        #expect(missing.status == 1)
        #expect(String(decoding: missing.stderr, as: UTF8.self).contains("/no/such/pairs.csv"))
    }
}
