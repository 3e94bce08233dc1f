/// Per-scalar normalisation rules shared by `ArabicNormalizer` and the tokenizer.
enum ScalarRules {
    /// Returned by `map` when the scalar is removed.
    static let dropped: UInt32 = 0xFFFF_FFFF
    /// Marks a table entry that leaves its scalar as it is.
    static let unchanged: UInt32 = 0xFFFF_FFFE

    /// The single scalar `v` becomes under `options` (itself when untouched), or `dropped`.
    /// Presentation forms are expanded before this is called.
    @inline(__always)
    static func map(_ v: UInt32, _ options: NormalizationOptions) -> UInt32 {
        if v < 0x80 {
            if options.contains(.lowercaseLatin), v >= 0x41, v <= 0x5A { return v + 0x20 }
            return v
        }
        if v >= 0x0600 && v <= 0x06FF { return mapArabicBlock(v, options) }
        return mapOther(v, options)
    }

    @inline(__always)
    static func mapArabicBlock(_ value: UInt32, _ options: NormalizationOptions) -> UInt32 {
        var v = value
        if options.contains(.foldPersian) { v = foldPersian(v) }
        switch v {
        case 0x064B...0x065F, 0x0670, 0x0610...0x061A, 0x06D6...0x06DC, 0x06DF...0x06E4,
             0x06E7...0x06E8, 0x06EA...0x06ED:
            return options.contains(.stripHarakat) ? dropped : v
        case 0x0640:
            return options.contains(.stripTatweel) ? dropped : v
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673:
            return options.contains(.foldAlef) ? 0x0627 : v
        case 0x0649:
            return options.contains(.foldYa) ? 0x064A : v
        case 0x0629:
            return options.contains(.foldTaMarbuta) ? 0x0647 : v
        case 0x0660...0x0669:
            return options.contains(.asciiDigits) ? v - 0x0660 + 0x30 : v
        case 0x06F0...0x06F9:
            return options.contains(.asciiDigits) ? v - 0x06F0 + 0x30 : v
        case 0x066B: return options.contains(.asciiDigits) ? 0x2E : v // decimal separator → "."
        case 0x066C: return options.contains(.asciiDigits) ? 0x2C : v // thousands separator → ","
        case 0x066A: return options.contains(.asciiDigits) ? 0x25 : v // ٪ → "%"
        case 0x061C: return options.contains(.removeBidi) ? dropped : v // ARABIC LETTER MARK
        default: return v
        }
    }

    @inline(__always)
    static func foldPersian(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x06A9, 0x06AA, 0x06AB, 0x06AC, 0x06AD, 0x06AF: return 0x0643 // ک ڪ ګ ڬ ڭ گ → ك
        case 0x06CC, 0x06D0, 0x06D2: return 0x064A                       // ی ې ے → ي
        case 0x06C0, 0x06BE, 0x06C1, 0x06C2, 0x06D5: return 0x0647       // ۀ ھ ہ ۂ ە → ه
        case 0x06C3: return 0x0629                                       // ۃ → ة
        case 0x067E: return 0x0628                                       // پ → ب
        case 0x0686: return 0x062C                                       // چ → ج
        case 0x0698: return 0x0632                                       // ژ → ز
        case 0x06A4, 0x06A5: return 0x0641                               // ڤ ڥ → ف
        case 0x06A8: return 0x0642                                       // ڨ → ق
        case 0x0679: return 0x062A                                       // ٹ → ت
        case 0x0688: return 0x062F                                       // ڈ → د
        case 0x0691: return 0x0631                                       // ڑ → ر
        case 0x06BA: return 0x0646                                       // ں → ن
        case 0x06C5...0x06C9, 0x06CB: return 0x0648                      // ۅ ۆ ۇ ۈ ۉ ۋ → و
        default: return v
        }
    }

    @inline(__always)
    static func mapOther(_ v: UInt32, _ options: NormalizationOptions) -> UInt32 {
        switch v {
        case 0x00A0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000:
            return options.contains(.normalizeSpaces) ? 0x20 : v
        case 0x00AD, 0x200C...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
            return options.contains(.removeBidi) ? dropped : v
        case 0x00C0...0x00DE where v != 0x00D7:
            return options.contains(.lowercaseLatin) ? v + 0x20 : v
        default:
            return v
        }
    }
}
