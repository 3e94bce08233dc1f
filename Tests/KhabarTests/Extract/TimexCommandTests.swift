import Foundation
import Testing

@Suite("khabar timex, end to end")
struct TimexCommandTests {
    /// Extra tag columns are ignored, `$#$` separates segments, and every token gets one tag line.
    @Test func tagsEveryTokenInOrder() throws {
        guard let khabar = KhabarBinary.path else {
            print("skipping: the khabar executable was not found next to the test bundle")
            return
        }
        let input = """
            وصل O
            يوم B-DATE
            13 I-DATE B-X
            سبتمبر I-DATE
            $#$ O

            الساعة O
            08:41 O
            صباحا O
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("timex-\(UUID().uuidString).txt")
        try Data(input.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runTool(khabar, ["timex", "--conll", file.path])
        #expect(result.status == 0)
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines == ["وصل\tO", "يوم\tB-DATE", "13\tI-DATE", "سبتمبر\tI-DATE", "$#$\tO",
                          "الساعة\tB-TIME", "08:41\tI-TIME", "صباحا\tI-TIME"])
    }
}
