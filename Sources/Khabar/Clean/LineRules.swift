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
        // Whole-line phrases ("إعلان", "تعليقات", "المزيد") only matter on short lines. On longer ones
        // the key stands in for the bare form, and a key longer than any phrase matches none (nil).
        let bare = block.wordCount <= 8 ? block.withKey { stripPunctuationAndDigits($0, maxBytes: .max) }
            : block.key(ifAtMost: PhraseSet.maxPhraseBytes)
        if isAdvertisement(bare) { return .advertisement }
        if isCommentCounter(bare: bare) { return .commentCounter }
        if let inline = readAlso(block) { return .readAlso(inlineHeadline: inline) }
        if isRelatedHeader(block, bare: block.wordCount <= 8 ? bare : nil) { return .relatedHeader }
        // The prefix rules read the whole key only when its head starts like one of theirs.
        if block.keyMayStart(withAnyOf: JunkLexicon.keywordPrefixes), case let key = block.key,
           let rest = rest(of: block.text, key: key, afterAnyOf: JunkLexicon.keywordPrefixes, requireSeparator: false),
           !block.endsLikeSentence || key.contains(":") {
            if rest.isEmpty || matchesWithSeparator(key, JunkLexicon.keywordPrefixes) || block.wordCount <= 40 {
                return .keywords(KeywordLine.split(rest))
            }
        }
        if block.keyMayStart(withAnyOf: JunkLexicon.publishedPrefixes),
           let rest = rest(of: block.text, key: block.key, afterAnyOf: JunkLexicon.publishedPrefixes, requireSeparator: true),
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

    static func readAlso(_ block: Block) -> Bool? {
        guard block.keyMayStart(withAnyOf: JunkLexicon.readAlso) else { return nil }
        let key = block.key
        for marker in JunkLexicon.readAlso.phrases where key.hasBytePrefix(marker) {
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
    static func isRelatedHeader(_ block: Block, bare: String?) -> Bool {
        if let bare { return JunkLexicon.relatedHeaders.contains(bare) }
        // Stripping stops once it is longer than any heading, so the key head mostly answers.
        let limit = PhraseSet.maxPhraseBytes
        let fromHead = block.keyHead.withBytes { stripPunctuationAndDigits($0, maxBytes: limit) }
        if fromHead == nil { return false }
        let stripped = block.keyHead.isWhole ? fromHead : block.withKey { stripPunctuationAndDigits($0, maxBytes: limit) }
        return stripped.map(JunkLexicon.relatedHeaders.contains) ?? false
    }

    static func isAdvertisement(_ bare: String?) -> Bool {
        bare.map(JunkLexicon.advertisements.contains) ?? false
    }

    /// "تعليق (0)", "3 تعليقات", "التعليقات", "أضف تعليقك".
    static func isCommentCounter(bare: String?) -> Bool {
        bare.map(JunkLexicon.commentWords.contains) ?? false
    }

    static func credit(_ block: Block, bare: String?) -> LineSignal? {
        if let bare, JunkLexicon.creditPrefixes.phrases.contains(bare) { return .credit(nil) }
        guard block.wordCount <= 8, block.keyMayStart(withAnyOf: JunkLexicon.creditPrefixes),
              let rest = rest(of: block.text, key: block.key, afterAnyOf: JunkLexicon.creditPrefixes,
                              requireSeparator: block.wordCount > 4),
              !rest.isEmpty else { return nil }
        return .credit(rest)
    }

    /// "بقلم: فلان", "كتب - فلان", and short name lines that credit agencies: "مينه دوك (وفقًا لـ RT و Sputnik)".
    static func byline(_ block: Block) -> LineSignal? {
        guard block.wordCount <= 10, !block.endsLikeSentence else { return nil }
        if block.keyMayStart(withAnyOf: JunkLexicon.bylinePrefixes),
           let rest = rest(of: block.text, key: block.key, afterAnyOf: JunkLexicon.bylinePrefixes, requireSeparator: true),
           !rest.isEmpty, rest.split(separator: " ").count <= 6 {
            return .byline(rest)
        }
        // A short line whose bracketed tail credits sources: "NAME (وفقا لـ X و Y)".
        if block.text.last == ")" || block.text.last == "]",
           let open = block.text.firstIndex(where: { $0 == "(" || $0 == "[" }) {
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

    static func isChrome(_ block: Block, bare: String?) -> Bool {
        guard let bare else {
            // A key longer than any phrase: only the prefixes can tell.
            return block.wordCount <= 14 && matchesAnyPrefix(block, JunkLexicon.chromePrefixes)
        }
        if bare.isEmpty { return true } // only punctuation, symbols or numbers
        if JunkLexicon.chromeLines.contains(bare) { return true }
        if block.wordCount <= 14, matchesAnyPrefix(block, JunkLexicon.chromePrefixes) { return true }
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
        withUTF8Bytes(text) { bytes in
            // Scalars other than spaces, counted by their lead bytes; code is mostly ASCII, so the
            // punctuation is only counted for lines that pass that test.
            var multiByte = 0
            for b in bytes {
                ascii &+= b < 0x80 && b != 0x20 ? 1 : 0
                multiByte &+= b >= 0xC0 ? 1 : 0
            }
            total = ascii + multiByte
            guard total > 0, ascii * 10 >= total * 8 else { return }
            for b in bytes {
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
        withUTF8Bytes(text) { bytes in
            // Runs on every body line: most have no brace at all.
            guard bytes.contains(UInt8(ascii: "{")) else { return nil }
            // Works on UTF-8: braces and colons are ASCII, so byte positions find them; only the
            // Arabic-letter test decodes.
            func isArabicLetter(at i: Int) -> Bool {
                bytes[i] >= 0x80 && ArabicScript.isArabicLetter(Unicode.Scalar(decodeScalar(bytes, at: i).value)!)
            }
            func after(_ i: Int) -> Int { bytes[i] < 0x80 ? i + 1 : i + decodeScalar(bytes, at: i).length }
            var keep: [UInt8] = [], removed: [UInt8] = []
            var i = 0
            while i < bytes.count {
                // A run of non-Arabic scalars that holds a {…:…} rule is code.
                if !isArabicLetter(at: i) {
                    var j = i
                    var sawRule = false
                    while j < bytes.count && !isArabicLetter(at: j) {
                        if bytes[j] == UInt8(ascii: "{"),
                           let close = bytes[j...].firstIndex(of: UInt8(ascii: "}")),
                           bytes[j..<close].contains(UInt8(ascii: ":")) { sawRule = true; j = close }
                        j = after(j)
                    }
                    if sawRule {
                        removed.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    } else {
                        keep.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    }
                    i = j
                } else {
                    let j = after(i)
                    keep.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    i = j
                }
            }
            guard !removed.isEmpty else { return nil }
            return (String(decoding: keep, as: UTF8.self).trimmingWhitespace(),
                    String(decoding: removed, as: UTF8.self).trimmingWhitespace())
        }
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
        withUTF8Bytes(key) { stripPunctuationAndDigits($0, maxBytes: .max)! }
    }

    /// The same over a key's UTF-8, or nil as soon as the result would be longer than `maxBytes`.
    static func stripPunctuationAndDigits(_ bytes: UnsafeBufferPointer<UInt8>, maxBytes: Int) -> String? {
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

    /// The key starts with one of the prefixes as whole words.
    static func matchesAnyPrefix(_ block: Block, _ prefixes: PrefixList) -> Bool {
        guard block.keyMayStart(withAnyOf: prefixes) else { return false }
        let key = block.key
        return prefixes.phrases.contains { p in
            guard key.hasBytePrefix(p) else { return false }
            let after = key.unicodeScalars.dropFirst(p.unicodeScalars.count).first
            return after.map { !isLetter($0) } ?? true
        }
    }

    static func matchesWithSeparator(_ key: String, _ prefixes: PrefixList) -> Bool {
        prefixes.phrases.contains { p in
            guard key.hasBytePrefix(p) else { return false }
            let after = key.unicodeScalars.dropFirst(p.unicodeScalars.count).drop(while: { $0 == " " }).first
            return after.map { ":|-–—/".unicodeScalars.contains($0) } ?? false
        }
    }

    static let separators = ":|-–—/".unicodeScalars

    /// When `key` starts with one of the prefixes as whole words, the rest of the original line after
    /// it and its separator (":", "|", "-"…). With `requireSeparator`, a separator must follow.
    static func rest(of text: String, key: String, afterAnyOf prefixes: PrefixList, requireSeparator: Bool) -> String? {
        for p in prefixes.phrases where key.hasBytePrefix(p) {
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
