import KhabarText

/// What a single line says about itself, before its neighbours are looked at. Each case comes from
/// one small rule below; the cleaner combines them with position and cohesion.
enum LineSignal: Equatable {
    case readAlso(inlineHeadline: Bool)
    case relatedHeader
    case keywords([String])
    case published(String)
    case credit(String?)
    case byline(String)
    case advertisement
    case commentCounter
    case chrome
    /// A lone Latin word or identifier between Arabic lines ("Atwasat", "WTV_Frequency"): a site
    /// name or widget id in flat text, but possibly a real subheading in an HTML page.
    case strayWord
    case code
}

enum LineRules {
    /// The first rule that recognises the line wins; nil means the line looks like text.
    static func classify(_ block: Block) -> LineSignal? {
        if isCode(block.text) { return .code }
        let key = block.key
        // Whole-line phrases ("إعلان", "تعليقات", "المزيد") only matter on short lines.
        let bare = block.wordCount <= 8 ? stripPunctuationAndDigits(key) : key
        if isAdvertisement(bare) { return .advertisement }
        if isCommentCounter(key, bare: bare) { return .commentCounter }
        if let inline = readAlso(key, block: block) { return .readAlso(inlineHeadline: inline) }
        if isRelatedHeader(key, bare: block.wordCount <= 8 ? bare : nil) { return .relatedHeader }
        if let rest = rest(of: block.text, key: key, afterAnyOf: JunkLexicon.keywordPrefixes, requireSeparator: false),
           !block.endsLikeSentence || key.contains(":") {
            if rest.isEmpty || matchesWithSeparator(key, JunkLexicon.keywordPrefixes) || block.wordCount <= 40 {
                return .keywords(KeywordLine.split(rest))
            }
        }
        if let rest = rest(of: block.text, key: key, afterAnyOf: JunkLexicon.publishedPrefixes, requireSeparator: true),
           block.wordCount <= 14 {
            return .published(rest)
        }
        if let credit = credit(block, bare: bare) { return credit }
        if let byline = byline(block) { return byline }
        if isChrome(block, bare: bare) { return .chrome }
        if isStrayWord(block) { return .strayWord }
        return nil
    }

    // MARK: - Rules

    static func readAlso(_ key: String, block: Block) -> Bool? {
        for marker in JunkLexicon.readAlso where key.hasBytePrefix(marker) {
            let after = key.dropFirst(marker.count)
            guard after.isEmpty || !isLetter(after.unicodeScalars.first!) else { continue }
            let rest = stripPunctuationAndDigits(String(after))
            if rest.isEmpty { return false }
            // "اقرأ أيضاً: <headline>" on one line.
            return block.wordCount <= 30 ? true : nil
        }
        return nil
    }

    /// `bare` is the stripped key when the caller has it already.
    static func isRelatedHeader(_ key: String, bare: String?) -> Bool {
        // Stripping stops once it is longer than any heading: long lines of text cost little.
        guard let bare = bare ?? stripPunctuationAndDigits(key, maxBytes: PhraseSet.maxPhraseBytes) else { return false }
        return JunkLexicon.relatedHeaders.contains(bare)
    }

    static func isAdvertisement(_ bare: String) -> Bool {
        JunkLexicon.advertisements.contains(bare)
    }

    /// "تعليق (0)", "3 تعليقات", "التعليقات", "أضف تعليقك".
    static func isCommentCounter(_ key: String, bare: String) -> Bool {
        JunkLexicon.commentWords.contains(bare)
    }

    static func credit(_ block: Block, bare: String) -> LineSignal? {
        let key = block.key
        if JunkLexicon.creditPrefixes.contains(bare) { return .credit(nil) }
        guard block.wordCount <= 8,
              let rest = rest(of: block.text, key: key, afterAnyOf: JunkLexicon.creditPrefixes,
                              requireSeparator: block.wordCount > 4),
              !rest.isEmpty else { return nil }
        return .credit(rest)
    }

    /// "بقلم: فلان", "كتب - فلان", and short name lines that credit agencies: "مينه دوك (وفقًا لـ RT و Sputnik)".
    static func byline(_ block: Block) -> LineSignal? {
        guard block.wordCount <= 10, !block.endsLikeSentence else { return nil }
        if let rest = rest(of: block.text, key: block.key, afterAnyOf: JunkLexicon.bylinePrefixes, requireSeparator: true),
           !rest.isEmpty, rest.split(separator: " ").count <= 6 {
            return .byline(rest)
        }
        // A short line whose bracketed tail credits sources: "NAME (وفقا لـ X و Y)".
        if let open = block.text.firstIndex(where: { $0 == "(" || $0 == "[" }),
           block.text.last == ")" || block.text.last == "]" {
            let inside = ArabicNormalizer.normalize(String(block.text[open...]), .matching)
            let name = block.text[..<open].trimmingWhitespace()
            let nameWords = name.split(separator: " ").count
            if (inside.contains("وفقا") || inside.contains("نقلا") || inside.contains("عن ") || inside.contains("بحسب")),
               nameWords >= 1, nameWords <= 4 {
                return .byline(name)
            }
        }
        return nil
    }

    static func isChrome(_ block: Block, bare: String) -> Bool {
        if bare.isEmpty { return true } // only punctuation, symbols or numbers
        if JunkLexicon.chromeLines.contains(bare) { return true }
        if block.wordCount <= 14, matchesAnyPrefix(block.key, JunkLexicon.chromePrefixes) { return true }
        return false
    }

    static func isStrayWord(_ block: Block) -> Bool {
        if block.wordCount <= 2, block.arabicRatio == 0,
           block.text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
           !block.text.unicodeScalars.contains(where: { $0 == "." || $0 == "!" || $0 == "?" }) {
            return true
        }
        return false
    }

    /// CSS rules or script: braces with declarations, or script keywords, in a mostly-ASCII line.
    static func isCode(_ text: String) -> Bool {
        var ascii = 0, total = 0, braces = 0, semicolons = 0, colons = 0
        // Scalars counted on UTF-8 bytes: every byte but a continuation byte starts one.
        withUTF8Bytes(text) { bytes in
            for b in bytes where b & 0xC0 != 0x80 && b != 0x20 {
                total += 1
                guard b < 0x80 else { continue }
                ascii += 1
                switch b {
                case UInt8(ascii: "{"), UInt8(ascii: "}"): braces += 1
                case UInt8(ascii: ";"): semicolons += 1
                case UInt8(ascii: ":"): colons += 1
                default: break
                }
            }
        }
        guard total > 0, ascii * 10 >= total * 8 else { return false }
        if braces >= 2 && (colons >= 1 || semicolons >= 1) { return true }
        let lower = text.lowercased()
        for marker in ["function(", "function (", "var ", "window.", "document.", "googletag", "adsbygoogle", "});", "=>"]
            where lower.contains(marker) && semicolons + braces >= 1 {
            return true
        }
        return false
    }

    /// Removes CSS rule runs ("selector{prop:value;}") embedded in a line; returns the remaining text
    /// and the removed code, or nil when there is none.
    static func scrubEmbeddedCSS(_ text: String) -> (kept: String, removed: String)? {
        // Runs on every body line: most have no brace at all.
        guard withUTF8Bytes(text, { $0.contains(UInt8(ascii: "{")) }) else { return nil }
        let scalars = Array(text.unicodeScalars)
        var keep = String.UnicodeScalarView(), removed = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            // A run of non-Arabic scalars that holds a {…:…} rule is code.
            if !ArabicScript.isArabicLetter(scalars[i]) {
                var j = i
                var sawRule = false
                while j < scalars.count && !ArabicScript.isArabicLetter(scalars[j]) {
                    if scalars[j] == "{", let close = scalars[j...].firstIndex(of: "}"),
                       scalars[j..<close].contains(":") { sawRule = true; j = close }
                    j += 1
                }
                if sawRule {
                    removed.append(contentsOf: scalars[i..<j])
                } else {
                    keep.append(contentsOf: scalars[i..<j])
                }
                i = j
            } else {
                keep.append(scalars[i])
                i += 1
            }
        }
        guard !removed.isEmpty else { return nil }
        return (String(keep).trimmingWhitespace(), String(removed).trimmingWhitespace())
    }

    // MARK: - Helpers

    /// Letter test with fast paths for ASCII and the Arabic letters; other scripts ask Unicode.
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if (0x0621...0x063A).contains(v) || (0x0641...0x064A).contains(v) { return true }
        return s.properties.isAlphabetic
    }

    /// The key with punctuation, symbols and digits removed and spaces collapsed.
    static func stripPunctuationAndDigits(_ key: String) -> String {
        stripPunctuationAndDigits(key, maxBytes: .max)!
    }

    /// The same, or nil as soon as the result would be longer than `maxBytes`.
    static func stripPunctuationAndDigits(_ key: String, maxBytes: Int) -> String? {
        withUTF8Bytes(key) { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count, maxBytes))
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                // Letters are copied as their UTF-8 bytes; only non-ASCII scalars are decoded.
                let (value, length) = bytes[i] < 0x80 ? (UInt32(bytes[i]), 1) : decodeScalar(bytes, at: i)
                if isLetter(Unicode.Scalar(value)!) {
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    if out.count + length > maxBytes { return nil }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                } else if value == 0x20 {
                    pendingSpace = true
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func matchesAnyPrefix(_ key: String, _ prefixes: [String]) -> Bool {
        prefixes.contains { p in
            guard key.hasBytePrefix(p) else { return false }
            let after = key.unicodeScalars.dropFirst(p.unicodeScalars.count).first
            return after.map { !isLetter($0) } ?? true
        }
    }

    static func matchesWithSeparator(_ key: String, _ prefixes: [String]) -> Bool {
        prefixes.contains { p in
            guard key.hasBytePrefix(p) else { return false }
            let after = key.unicodeScalars.dropFirst(p.unicodeScalars.count).drop(while: { $0 == " " }).first
            return after.map { ":|-–—/".unicodeScalars.contains($0) } ?? false
        }
    }

    static let separators = ":|-–—/".unicodeScalars

    /// When `key` starts with one of the prefixes as whole words, the rest of the original line after
    /// it and its separator (":", "|", "-"…). With `requireSeparator`, a separator must follow.
    static func rest(of text: String, key: String, afterAnyOf prefixes: [String], requireSeparator: Bool) -> String? {
        for p in prefixes where key.hasBytePrefix(p) {
            let after = key.unicodeScalars.dropFirst(p.unicodeScalars.count)
            if let f = after.first, isLetter(f) { continue }
            let firstNonSpace = after.drop(while: { $0 == " " }).first
            let hasSeparator = firstNonSpace.map { separators.contains($0) } ?? false
            if requireSeparator && !hasSeparator && firstNonSpace != nil { continue }
            // Keys keep word boundaries, so the prefix's word count locates the rest in the original.
            var words = text.split(separator: " ").dropFirst(p.split(separator: " ").count)
            while let w = words.first, w.unicodeScalars.allSatisfy({ separators.contains($0) }) { words = words.dropFirst() }
            var rest = words.joined(separator: " ")
            while let f = rest.unicodeScalars.first, separators.contains(f) || f == " " { rest.unicodeScalars.removeFirst() }
            return rest
        }
        return nil
    }
}
