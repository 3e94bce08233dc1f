import Foundation
import GRDB
import KhabarText

/// FTS5's tokenizer for Khabar: `SearchTerms` (Khabar's normalisation, then clitics and light
/// affixes off), so an index built with it matches والرئيس, الرئيس and رئيس to one another, and
/// harakat never split a word (the stock unicode61 tokenizer splits at them).
/// Register on every connection with `db.add(tokenizer: KhabarSearchTokenizer.self)`.
public final class KhabarSearchTokenizer: FTS5CustomTokenizer {
    public static let name = "khabar"

    public init(db: Database, arguments: [String]) throws {}

    public func tokenize(context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization,
                         pText: UnsafePointer<CChar>?, nText: CInt,
                         tokenCallback: @escaping FTS5TokenCallback) -> CInt {
        guard let pText, nText > 0 else { return 0 }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        var status: CInt = 0 // SQLITE_OK
        SearchTerms.forEach(in: bytes) { term, range in
            guard status == 0 else { return }
            status = term.withMemoryRebound(to: CChar.self) { chars in
                tokenCallback(context, 0, chars.baseAddress, CInt(chars.count), CInt(range.lowerBound), CInt(range.upperBound))
            }
        }
        return status
    }
}

