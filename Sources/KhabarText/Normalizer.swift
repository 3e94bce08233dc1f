import Foundation

/// Arabic text normalisation for display and for matching keys.
///
/// Works on UTF-8 bytes: ASCII runs are copied in bulk and only non-ASCII scalars are decoded,
/// so the common case costs little more than a copy.
public enum ArabicNormalizer {
    /// `text` with the rules in `options` applied. Returns `text` itself when nothing changes.
    public static func normalize(_ text: String, _ options: NormalizationOptions = .matching) -> String {
        withUTF8Bytes(text) { input in
            normalizedUTF8(input, options) { $0 == nil ? text : String(decoding: $0!, as: UTF8.self) }
        }
    }

    /// Calls `body` with the normalised UTF-8 of `input`, or with nil when nothing changes: callers
    /// that only slice the result (into lines, say) need not build a String of it.
    public static func normalizedUTF8<R>(_ input: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions,
                                         _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        let arabicTable = ArabicBlockTables.table(for: options)
        // Much text needs no change at all (display form): find that out without writing.
        let first = NormalizerCore.firstChange(input, options, arabicTable: arabicTable)
        if first == input.count { return try body(nil) }
        let rest = UnsafeBufferPointer(rebasing: input[first...])
        let out = [UInt8](unsafeUninitializedCapacity: first + NormalizerCore.maxOutput(rest)) { buffer, count in
            buffer.baseAddress!.update(from: input.baseAddress!, count: first)
            count = first + NormalizerCore.write(rest, options, arabicTable: arabicTable, to: buffer.baseAddress! + first)
        }
        return try out.withUnsafeBufferPointer { try body($0) }
    }

    /// Appends the normalised form of `input` (UTF-8) to `out`, for callers that gather many
    /// pieces in one buffer.
    public static func append(_ input: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions, to out: inout [UInt8]) {
        NormalizerCore.append(input, options, arabicTable: ArabicBlockTables.table(for: options), to: &out)
    }

    /// Like `normalize`, but also records where each byte of the result came from in `text`.
    public static func normalizeMapped(_ text: String, _ options: NormalizationOptions = .matching) -> MappedText {
        withUTF8Bytes(text) { input in
            var out: [UInt8] = []
            out.reserveCapacity(input.count)
            var offsets: [Int32] = []
            offsets.reserveCapacity(input.count + 1)
            let changed = NormalizerCore.run(input, options, arabicTable: ArabicBlockTables.table(for: options), into: &out,
                                             offsets: &offsets, trackOffsets: true)
            if !changed { return MappedText(identity: text, utf8Count: input.count) }
            offsets.append(Int32(input.count))
            return MappedText(text: String(decoding: out, as: UTF8.self),
                              originalUTF8Count: input.count, offsets: offsets)
        }
    }

    /// Normalises a slice of UTF-8 (e.g. one token) reusing `scratch` to avoid an allocation per call.
    /// `arabicTable` must be `ArabicBlockTables.table(for: options)`, fetched once by the caller.
    static func normalize(_ input: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions,
                          arabicTable: [UInt32]?, scratch: inout [UInt8]) -> String {
        scratch.removeAll(keepingCapacity: true)
        NormalizerCore.append(input, options, arabicTable: arabicTable, to: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }
}

/// Runs `body` over the UTF-8 of `text` without copying native strings.
@inlinable @inline(__always)
public func withUTF8Bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return try copy.withUTF8(body)
}

enum NormalizerCore {
    /// The most bytes `write` can produce for `input`: no rule lengthens a scalar's UTF-8 except the
    /// expansion of a presentation form (3 bytes, lead byte EF) into its letters.
    static func maxOutput(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        // Most text has no such byte at all: memchr says so quickly.
        guard let base = input.baseAddress, memchr(base, 0xEF, input.count) != nil else { return input.count }
        var threeByteLeads = 0
        for b in input where b == 0xEF { threeByteLeads += 1 }
        return input.count + threeByteLeads * PresentationForms.maxExpandedUTF8Count
    }

    /// The offset of the first scalar that `options` change (`input.count` when none does).
    static func firstChange(_ input: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions,
                            arabicTable: [UInt32]?) -> Int {
        let n = input.count
        let lowercase = options.contains(.lowercaseLatin)
        let expandPresentation = options.contains(.presentationForms)
        var i = 0
        while i < n {
            let lead = input[i]
            if lead < 0x80 {
                if lowercase && lead &- 0x41 < 26 { return i }
                i += 1
                continue
            }
            if let arabicTable, lead &- 0xD8 < 4 {
                if arabicTable[Int(lead &- 0xD8) << 6 | Int(input[i + 1] & 0x3F)] != ScalarRules.unchanged { return i }
                i += 2
                continue
            }
            let (value, length) = decodeScalar(input, at: i)
            if expandPresentation && PresentationForms.contains(value) && PresentationForms.expands(value) { return i }
            if ScalarRules.map(value, options) != value { return i }
            i += length
        }
        return n
    }

    /// Appends the normalised form of `input` to `out`.
    static func append(_ input: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions,
                       arabicTable: [UInt32]?, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: maxOutput(input)))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            write(input, options, arabicTable: arabicTable, to: buffer.baseAddress! + start)
        }
        out.removeLast(out.count - start - written)
    }

    /// Writes the normalised form of `input` at `o`, which must have room for `maxOutput(input)`
    /// bytes; returns the count written. Writing through a pointer into room made beforehand saves
    /// the uniqueness and capacity checks of appending to an Array byte by byte.
    @inline(__always)
    static func write(_ input: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions,
                      arabicTable: [UInt32]?, to o: UnsafeMutablePointer<UInt8>) -> Int {
        guard let arabicTable else { return write(input, options, table: nil, to: o) }
        return arabicTable.withUnsafeBufferPointer { write(input, options, table: $0.baseAddress!, to: o) }
    }

    /// The loop behind `write`. Kept free of closures, so that the counters stay in registers.
    @inline(__always)
    static func write(_ input: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions,
                      table: UnsafePointer<UInt32>?, to o: UnsafeMutablePointer<UInt8>) -> Int {
        let n = input.count
        let lowercase = options.contains(.lowercaseLatin)
        let expandPresentation = options.contains(.presentationForms)
        var written = 0
        var i = 0
        while i < n {
            let lead = input[i]
            if lead < 0x80 {
                o[written] = lowercase && lead &- 0x41 < 26 ? lead | 0x20 : lead
                written += 1
                i += 1
                continue
            }
            // Arabic block (lead bytes D8–DB) through the preset's table: the bulk of news text.
            if let table, lead &- 0xD8 < 4 {
                let second = input[i + 1]
                let mapped = table[Int(lead &- 0xD8) << 6 | Int(second & 0x3F)]
                if mapped == ScalarRules.unchanged {
                    o[written] = lead
                    o[written + 1] = second
                    written += 2
                } else if mapped != ScalarRules.dropped {
                    put(mapped, o, &written)
                }
                i += 2
                continue
            }
            let (value, length) = decodeScalar(input, at: i)
            if expandPresentation && PresentationForms.contains(value), let bases = PresentationForms.expansion(value) {
                for k in bases {
                    let mapped = ScalarRules.map(PresentationForms.base(k), options)
                    if mapped != ScalarRules.dropped { put(mapped, o, &written) }
                }
                i += length
                continue
            }
            let mapped = ScalarRules.map(value, options)
            if mapped == value {
                for k in i..<(i + length) { o[written] = input[k]; written += 1 }
            } else if mapped != ScalarRules.dropped {
                put(mapped, o, &written)
            }
            i += length
        }
        return written
    }

    /// UTF-8 encodes `v` at `o[written...]`.
    @inline(__always)
    static func put(_ v: UInt32, _ o: UnsafeMutablePointer<UInt8>, _ written: inout Int) {
        if v < 0x80 {
            o[written] = UInt8(v); written += 1
        } else if v < 0x800 {
            o[written] = UInt8(0xC0 | (v >> 6)); o[written + 1] = UInt8(0x80 | (v & 0x3F)); written += 2
        } else if v < 0x10000 {
            o[written] = UInt8(0xE0 | (v >> 12)); o[written + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            o[written + 2] = UInt8(0x80 | (v & 0x3F)); written += 3
        } else {
            o[written] = UInt8(0xF0 | (v >> 18)); o[written + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            o[written + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); o[written + 3] = UInt8(0x80 | (v & 0x3F)); written += 4
        }
    }

    /// Appends the normalised form of `input` to `out`. When `trackOffsets` is set, appends to
    /// `offsets`, for every output byte, the input offset it came from. Returns whether anything changed.
    @inline(__always)
    static func run(_ input: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions, arabicTable: [UInt32]?,
                    into out: inout [UInt8], offsets: inout [Int32], trackOffsets: Bool) -> Bool {
        let n = input.count
        let lowercase = options.contains(.lowercaseLatin)
        let expandPresentation = options.contains(.presentationForms)
        var changed = false
        var i = 0
        while i < n {
            let lead = input[i]
            if lead < 0x80 {
                var j = i
                if lowercase {
                    while j < n, input[j] < 0x80 {
                        var b = input[j]
                        if b &- 0x41 < 26 { b |= 0x20; changed = true }
                        out.append(b)
                        j += 1
                    }
                } else {
                    j += 1
                    while j < n, input[j] < 0x80 { j += 1 }
                    if j - i == 1 {
                        out.append(lead) // the usual single space between Arabic words
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j]))
                    }
                }
                if trackOffsets { for k in i..<j { offsets.append(Int32(truncatingIfNeeded: k)) } }
                i = j
                continue
            }

            // Arabic block (lead bytes D8–DB) through the preset's table: the bulk of news text.
            if let arabicTable, lead &- 0xD8 < 4 {
                let second = input[i + 1]
                let mapped = arabicTable[Int(lead &- 0xD8) << 6 | Int(second & 0x3F)]
                if mapped == ScalarRules.unchanged {
                    out.append(lead)
                    out.append(second)
                    if trackOffsets {
                        offsets.append(Int32(truncatingIfNeeded: i))
                        offsets.append(Int32(truncatingIfNeeded: i + 1))
                    }
                } else {
                    changed = true
                    if mapped != ScalarRules.dropped {
                        appendScalar(mapped, to: &out, origin: Int32(truncatingIfNeeded: i),
                                     offsets: &offsets, trackOffsets: trackOffsets)
                    }
                }
                i += 2
                continue
            }

            // Decode one scalar; `input` is valid UTF-8 because it comes from a String.
            let length: Int
            let value: UInt32
            if lead < 0xE0 {
                length = 2
                value = UInt32(lead & 0x1F) << 6 | UInt32(input[i + 1] & 0x3F)
            } else if lead < 0xF0 {
                length = 3
                value = UInt32(lead & 0x0F) << 12 | UInt32(input[i + 1] & 0x3F) << 6
                    | UInt32(input[i + 2] & 0x3F)
            } else {
                length = 4
                value = UInt32(lead & 0x07) << 18 | UInt32(input[i + 1] & 0x3F) << 12
                    | UInt32(input[i + 2] & 0x3F) << 6 | UInt32(input[i + 3] & 0x3F)
            }
            let origin = Int32(truncatingIfNeeded: i)

            if expandPresentation, PresentationForms.contains(value) {
                let expanded = PresentationForms.expand(value) { base in
                    let mapped = ScalarRules.map(base, options)
                    if mapped != ScalarRules.dropped {
                        appendScalar(mapped, to: &out, origin: origin, offsets: &offsets, trackOffsets: trackOffsets)
                    }
                }
                if expanded {
                    changed = true
                    i += length
                    continue
                }
            }

            let mapped = ScalarRules.map(value, options)
            if mapped == value {
                for k in i..<(i + length) { out.append(input[k]) }
                if trackOffsets { for k in i..<(i + length) { offsets.append(Int32(truncatingIfNeeded: k)) } }
            } else {
                changed = true
                if mapped != ScalarRules.dropped {
                    appendScalar(mapped, to: &out, origin: origin, offsets: &offsets, trackOffsets: trackOffsets)
                }
            }
            i += length
        }
        return changed
    }

    /// UTF-8 encodes `v`; every byte of a replaced scalar maps back to the start of its source.
    @inline(__always)
    static func appendScalar(_ v: UInt32, to out: inout [UInt8], origin: Int32,
                             offsets: inout [Int32], trackOffsets: Bool) {
        let before = out.count
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
        if trackOffsets {
            for _ in before..<out.count { offsets.append(origin) }
        }
    }
}

/// Precomputed results of `ScalarRules.map` over U+0600–U+06FF for the presets used in hot loops.
enum ArabicBlockTables {
    static let matching = build(.matching)
    static let display = build(.display)
    static let words = build(Tokenizer.wordOptions)

    @inline(__always)
    static func table(for options: NormalizationOptions) -> [UInt32]? {
        if options == .matching { return matching }
        if options == .display { return display }
        if options == Tokenizer.wordOptions { return words }
        return nil
    }

    /// Entry = replacement scalar, `ScalarRules.dropped`, or `ScalarRules.unchanged`.
    private static func build(_ options: NormalizationOptions) -> [UInt32] {
        (UInt32(0x0600)...0x06FF).map { v in
            let mapped = ScalarRules.map(v, options)
            return mapped == v ? ScalarRules.unchanged : mapped
        }
    }
}
