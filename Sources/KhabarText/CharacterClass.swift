/// How the tokenizer and sentence splitter see one Unicode scalar.
enum CharacterClass: UInt8 {
    /// Whitespace, controls, bidi marks: separates tokens and is never part of one.
    case separator
    /// Arabic-script letter (including presentation forms).
    case arabicLetter
    /// Continues an Arabic word but cannot start one: harakat, tatweel, ZWNJ/ZWJ.
    case arabicMark
    /// Letter of any other script (Latin mostly; named for the common case).
    case otherLetter
    /// Combining mark outside the Arabic block; continues a non-Arabic word.
    case otherMark
    /// ASCII, Arabic-Indic or Persian digit.
    case digit
    case punctuation
    case symbol

    /// Class of `v`; ASCII and the Arabic block use lookup tables, the rest Unicode properties.
    /// Hot loops should hold a `CharacterClassifier` instead, which skips the lazy-global check.
    static func of(_ v: UInt32) -> CharacterClass {
        CharacterClassifier().classify(v)
    }

    static let asciiTable: [CharacterClass] = (0..<128).map { code -> CharacterClass in
        switch UInt8(code) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .otherLetter
        case 0...0x20, 0x7F: return .separator
        // Symbols by Unicode category (Sm, Sc, Sk); everything else printable is punctuation.
        case UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
             UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return .symbol
        default: return .punctuation
        }
    }

    static let arabicBlockTable: [CharacterClass] = (0x0600...0x06FF).map { (v: UInt32) -> CharacterClass in
        switch v {
        case 0x0600...0x0605, 0x061C, 0x06DD: return .separator // number signs and ALM are formatting
        case 0x0606...0x0608, 0x060B, 0x060E, 0x060F, 0x06DE, 0x06E9, 0x06FD, 0x06FE: return .symbol
        case 0x0609, 0x060A, 0x060C, 0x060D, 0x061B, 0x061D...0x061F, 0x066A...0x066D, 0x06D4:
            return .punctuation
        case 0x0610...0x061A, 0x0640, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4,
             0x06E7, 0x06E8, 0x06EA...0x06ED:
            return .arabicMark
        case 0x0660...0x0669, 0x06F0...0x06F9: return .digit
        default: return .arabicLetter
        }
    }

    static func classifyOther(_ v: UInt32) -> CharacterClass {
        switch v {
        case 0x0750...0x077F, 0x08A0...0x08C9, 0xFB50...0xFBB1, 0xFBD3...0xFD3D, 0xFD50...0xFDC7,
             0xFDF0...0xFDFB, 0xFE80...0xFEFC:
            return .arabicLetter
        case 0x08CA...0x08E1, 0x08E3...0x08FF, 0xFE70...0xFE7F, 0x200C, 0x200D:
            return .arabicMark // joiners keep Persian-style words (می‌خواهم) in one token
        case 0x0080...0x00A0, 0x00AD, 0x2000...0x200B, 0x200E, 0x200F, 0x2028...0x202F,
             0x205F...0x206F, 0x3000, 0xFEFF:
            return .separator
        case 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x024F: return .otherLetter
        case 0x2010...0x2027, 0x2030...0x205E:
            return isSymbolCategory(v) ? .symbol : .punctuation
        default: break
        }
        guard let scalar = Unicode.Scalar(v) else { return .separator }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .otherLetter
        case .nonspacingMark, .spacingMark, .enclosingMark: return .otherMark
        case .decimalNumber: return .digit
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol, .letterNumber, .otherNumber:
            return .symbol
        default: return .separator
        }
    }

    private static func isSymbolCategory(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        switch scalar.properties.generalCategory {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return true
        default: return false
        }
    }
}

/// Holds the class tables in locals so that per-scalar lookups avoid the lazy-global
/// initialisation check a `static let` costs on every access.
struct CharacterClassifier {
    let ascii = CharacterClass.asciiTable
    let arabicBlock = CharacterClass.arabicBlockTable

    @inline(__always)
    func classify(_ v: UInt32) -> CharacterClass {
        if v < 0x80 { return ascii[Int(v)] }
        if v &- 0x0600 < 0x100 { return arabicBlock[Int(v &- 0x0600)] }
        return CharacterClass.classifyOther(v)
    }
}

/// Decodes the scalar starting at `i` in valid UTF-8; returns its value and byte length.
@inlinable @inline(__always)
public func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
    let lead = bytes[i]
    if lead < 0x80 { return (UInt32(lead), 1) }
    if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
    if lead < 0xF0 {
        return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
    }
    return (UInt32(lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
        | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), 4)
}
