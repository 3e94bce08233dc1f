/// Small script-level helpers.
public enum ArabicScript {
    /// True for Arabic-script letters, including Persian/Urdu letters, the Arabic Supplement and
    /// Extended-A blocks and presentation forms. Harakat, tatweel, digits and punctuation are not letters.
    public static func isArabicLetter(_ s: Unicode.Scalar) -> Bool {
        CharacterClass.of(s.value) == .arabicLetter
    }

    /// Share of letters in `text` that are Arabic (0 when there are no letters at all).
    /// Marks and digits are not counted, so vocalised text scores like plain text.
    public static func arabicLetterRatio(_ text: String) -> Double {
        var arabic = 0, letters = 0
        withUTF8Bytes(text) { bytes in
            let classes = CharacterClassifier()
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    if (b | 0x20) &- 0x61 < 26 { letters += 1 }
                    i += 1
                    continue
                }
                let (value, length) = decodeScalar(bytes, at: i)
                switch classes.classify(value) {
                case .arabicLetter: arabic += 1; letters += 1
                case .otherLetter: letters += 1
                default: break
                }
                i += length
            }
        }
        return letters == 0 ? 0 : Double(arabic) / Double(letters)
    }
}
