/// Which normalisation rules `ArabicNormalizer` applies.
///
/// Two presets cover almost every use:
/// - `.display` cleans text without changing how it reads: spaces, invisible bidi/joiner marks,
///   presentation forms and tatweel. Harakat, digit shapes and letter shapes are kept.
/// - `.matching` applies every rule below and yields the key used for comparing and indexing.
///   Latin case is *not* folded here (see `.lowercaseLatin`, which `Tokenizer.words` adds).
public struct NormalizationOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Persian/Urdu/Maghrebi letter variants → the Arabic letter a reader would spell with:
    /// ک ڪ گ ګ ڭ → ك, ی ې ے → ي, ۀ ھ ہ ە ۂ → ه, ۃ → ة, پ → ب, چ → ج, ژ → ز, ڤ ڥ → ف, ڨ → ق,
    /// ٹ → ت, ڈ → د, ڑ → ر, ں → ن, ۆ ۇ ۈ ۋ ۅ ۉ → و.
    /// گ is folded to ك (its base shape) rather than غ or ج, because news transliteration varies
    /// between those and only the shape-based fold is predictable.
    public static let foldPersian = NormalizationOptions(rawValue: 1 << 0)
    /// أ إ آ ٱ ٲ ٳ → ا
    public static let foldAlef = NormalizationOptions(rawValue: 1 << 1)
    /// ى → ي (alef maksura and yeh are used interchangeably at word ends)
    public static let foldYa = NormalizationOptions(rawValue: 1 << 2)
    /// ة → ه
    public static let foldTaMarbuta = NormalizationOptions(rawValue: 1 << 3)
    /// Harakat U+064B–U+065F, superscript alef U+0670, honorific marks U+0610–U+061A and
    /// Quranic annotation marks U+06D6–U+06ED are removed.
    public static let stripHarakat = NormalizationOptions(rawValue: 1 << 4)
    /// Tatweel U+0640 is removed.
    public static let stripTatweel = NormalizationOptions(rawValue: 1 << 5)
    /// Arabic-Indic ٠–٩ and Persian ۰–۹ digits → 0–9; ٫ → "." ; ٬ → "," ; ٪ → "%".
    public static let asciiDigits = NormalizationOptions(rawValue: 1 << 6)
    /// Invisible direction and joining controls are removed: LRM, RLM, ALM, ZWNJ, ZWJ,
    /// LRE…RLO, LRI…PDI, BOM/ZWNBSP and the soft hyphen.
    public static let removeBidi = NormalizationOptions(rawValue: 1 << 7)
    /// NBSP, U+2000–U+200B, U+202F, U+205F and U+3000 → an ASCII space.
    public static let normalizeSpaces = NormalizationOptions(rawValue: 1 << 8)
    /// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC) → base letters (NFKC);
    /// lam-alef ligatures become two letters, word ligatures (ﷲ, ﷺ) their spelled-out words.
    public static let presentationForms = NormalizationOptions(rawValue: 1 << 9)
    /// A–Z and Latin-1 capitals → lower case. Not part of `.matching`; `Tokenizer.words` uses it.
    public static let lowercaseLatin = NormalizationOptions(rawValue: 1 << 10)

    /// Clean for display: keeps harakat, digit shapes and letter shapes.
    public static let display: NormalizationOptions = [
        .removeBidi, .normalizeSpaces, .presentationForms, .stripTatweel,
    ]
    /// The matching key: every rule except Latin case folding.
    public static let matching: NormalizationOptions = [
        .foldPersian, .foldAlef, .foldYa, .foldTaMarbuta, .stripHarakat, .stripTatweel,
        .asciiDigits, .removeBidi, .normalizeSpaces, .presentationForms,
    ]
}
