import Foundation
import Testing
@testable import Khabar

@Suite("Text decoding")
struct TextDecodingTests {
    static let arabic = "أعلنت الحكومة اليوم عن خطة جديدة."

    @Test func utf8BOMIsStripped() throws {
        let (text, encoding) = try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array(Self.arabic.utf8)))
        #expect(text == Self.arabic)
        #expect(encoding == .utf8)
        #expect(text.unicodeScalars.first != "\u{FEFF}")
    }

    @Test func utf8BOMIsStrippedThroughTheReader() throws {
        var outcomes: [ReadOutcome] = []
        InputReader().read(data: Data([0xEF, 0xBB, 0xBF] + Array(Self.arabic.utf8)), name: "bom.txt", id: "bom") { outcomes.append($0) }
        let raw = try #require(try outcomes.first?.get())
        #expect(raw.text == Self.arabic)
    }

    @Test func plainUTF8() throws {
        let (text, encoding) = try TextDecoding.decode(Data(Self.arabic.utf8))
        #expect(text == Self.arabic)
        #expect(encoding == .utf8)
    }

    @Test func utf16LittleEndian() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in Self.arabic.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let (text, encoding) = try TextDecoding.decode(Data(bytes))
        #expect(text == Self.arabic)
        #expect(encoding == .utf16)
    }

    @Test func invalidUTF16() {
        // A lone high surrogate.
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.decode(Data([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])) }
    }

    @Test func emptyAndBlank() {
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.decode(Data()) }
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.decode(Data(" \n\t\n".utf8)) }
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF])) }
    }

    @Test func binaryRefused() {
        do {
            _ = try TextDecoding.decode(Data([0x41, 0x42, 0x00, 0x01, 0x02, 0x43]))
            Issue.record("binary data must be refused")
        } catch {
            #expect("\(error)".contains("binary"))
        }
    }

    @Test func latin1IsNotPassedOffAsArabic() {
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me ".utf8) + [0xC3, 0x28]
        do {
            _ = try TextDecoding.decode(Data(bytes))
            Issue.record("invalid UTF-8 that is not Arabic must be refused")
        } catch {
            #expect("\(error)".contains("UTF-8"))
        }
    }
}
