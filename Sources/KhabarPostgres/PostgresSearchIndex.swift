import Foundation
import Khabar
import KhabarText
import Logging
import PostgresNIO

/// Khabar's search terms as PostgreSQL text-search values, written in Swift so that the index
/// holds exactly what SQLite's FTS5 tokenizer gives (`SearchTerms`): PostgreSQL's parsers and
/// dictionaries are never involved (a tsvector or tsquery literal is taken as written).
enum SearchVector {
    /// PostgreSQL keeps positions up to 16383 and at most 256 per lexeme, and lexemes under 2 KB.
    static let maxPosition = 16383
    static let maxPositionsPerTerm = 256
    static let maxTermBytes = 2046
    /// PostgreSQL refuses a tsvector over 1 MB as it stores it (each distinct term padded to an
    /// even length, 2 bytes for its position count and 2 per position); a text that big (a
    /// pasted book) keeps its first terms and positions rather than stop every placement behind it.
    static let maxStoredBytes = 1_040_000

    /// A tsvector literal: the title's terms at positions from 1 with weight A, the body's after
    /// a gap (a phrase never runs from the title into the body, as in FTS5's two columns).
    /// Built over bytes (terms keyed by a 64-bit hash, checked against the bytes): Swift strings
    /// as dictionary keys cost a Unicode normalisation per lookup, which made this the placer's
    /// largest cost.
    static func text(title: String, body: String) -> String {
        var slots: [UInt64: Int] = [:]
        var terms: [[UInt8]] = []
        var positions: [[Int32]] = []   // negative: weight A
        var position: Int32 = 0
        var storedBytes = 0
        func add(_ text: String, titled: Bool) {
            withUTF8Bytes(text) { bytes in
                SearchTerms.forEach(in: bytes) { term, _ in
                    position += 1
                    guard term.count <= maxTermBytes else { return }
                    var key = fnv(term)
                    // A different term under the same hash takes the next free key.
                    while let slot = slots[key], !terms[slot].elementsEqual(term) { key &+= 1 }
                    let slot: Int
                    if let known = slots[key] {
                        slot = known
                    } else {
                        let cost = (term.count + 1) & ~1 + 2 + 2
                        guard storedBytes + cost <= maxStoredBytes else { return }
                        storedBytes += cost - 2
                        slot = terms.count
                        slots[key] = slot
                        terms.append(Array(term))
                        positions.append([])
                    }
                    if positions[slot].count < maxPositionsPerTerm, storedBytes + 2 <= maxStoredBytes {
                        storedBytes += 2
                        let kept = min(position, Int32(maxPosition))
                        positions[slot].append(titled ? -kept : kept)
                    }
                }
            }
        }
        add(title, titled: true)
        position += 1
        add(body, titled: false)
        var out: [UInt8] = []
        out.reserveCapacity(terms.reduce(0) { $0 + $1.count + 8 } + positions.reduce(0) { $0 + $1.count * 5 })
        for (slot, term) in terms.enumerated() {
            if slot > 0 { out.append(0x20) }
            appendQuoted(term, to: &out)
            out.append(0x3A) // :
            for (k, value) in positions[slot].enumerated() {
                if k > 0 { out.append(0x2C) } // ,
                appendDecimal(Int(value.magnitude), to: &out)
                if value < 0 { out.append(0x41) } // A
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func appendQuoted(_ term: [UInt8], to out: inout [UInt8]) {
        out.append(0x27)
        for byte in term {
            if byte == 0x27 { out.append(0x27) } else if byte == 0x5C { out.append(0x5C) }
            out.append(byte)
        }
        out.append(0x27)
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        repeat {
            withUnsafeMutableBytes(of: &digits) { $0[count] = UInt8(0x30 + rest % 10) }
            rest /= 10
            count += 1
        } while rest > 0 && count < 6
        withUnsafeBytes(of: &digits) { d in for i in stride(from: count - 1, through: 0, by: -1) { out.append(d[i]) } }
    }

    /// A tsquery literal: clauses ANDed, each an OR of phrases (terms in a row: `<->`); with
    /// `inTitle`, every term must match with weight A (in the title).
    static func query(_ clauses: [SearchQueryBuilder.Clause], inTitle: Bool) -> String? {
        let parts = clauses.compactMap { clause -> String? in
            let phrases = clause.filter { !$0.isEmpty }.map { phrase in
                phrase.map { quoted($0) + (inTitle ? ":A" : "") }.joined(separator: " <-> ")
            }
            guard !phrases.isEmpty else { return nil }
            return "(" + phrases.map { "(" + $0 + ")" }.joined(separator: " | ") + ")"
        }
        return parts.isEmpty ? nil : parts.joined(separator: " & ")
    }

    /// A lexeme in quotes: `'` doubled and `\` escaped, so no term is ever read as an operator.
    static func quoted(_ term: String) -> String {
        var out = "'"
        for scalar in term.unicodeScalars {
            if scalar == "'" { out += "''" } else if scalar == "\\" { out += "\\\\" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "'"
    }
}

/// PostgreSQL's side of a search: the GIN-indexed tsvector, on one connection (one snapshot).
struct PostgresSearchIndex: SearchIndex {
    let connection: PostgresConnection
    let logger: Logger

    func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        try BlockingConnections.run(connection, sql, binds, logger: logger).rows
    }

    func spellings(for keys: [String]) throws -> [EntitySpellingRow] {
        var b = PostgresBindings()
        b.append(keys)
        return try run("""
            SELECT s.terms, e.id, e.name, e.kind, e.variants::text FROM entity_spelling s JOIN entity e ON e.id = s.entity
            WHERE s.terms = ANY($1::text[]) ORDER BY e.mentions DESC, e.id
            """, b).map { row in
            let (key, id, name, kind, variants) = try row.decode((String, Int64, String, String, String).self)
            return EntitySpellingRow(key: key, entity: EntityRef(id: Int(id), name: name),
                                     kind: EntityKind(label: Substring(kind)) ?? .miscellaneous,
                                     variants: PostgresStore.decode([String].self, variants, default: []))
        }
    }

    func matches(_ clauses: [SearchQueryBuilder.Clause], inTitle: Bool, filters query: SearchQuery) throws -> [(story: Int, seq: Int64)] {
        guard let match = SearchVector.query(clauses, inTitle: inTitle) else { return [] }
        var b = PostgresBindings()
        func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            b.append(value)
            return "$\(b.count)"
        }
        var conditions = ["s.terms @@ \(bind(match))::tsquery"]
        if let from = query.from { conditions.append("a.published >= \(bind(from))") }
        if let to = query.to { conditions.append("a.published < \(bind(to))") }
        if let outlet = query.outlet { conditions.append("a.outlet = \(bind(outlet))") }
        if let entity = query.entity {
            conditions.append("a.story IN (SELECT story FROM story_entity WHERE entity = \(bind(Int64(entity))))")
        }
        return try run("""
            SELECT a.story, a.seq FROM article_search s JOIN article a ON a.seq = s.seq
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY a.seq
            """, b).map { row in
            let (story, seq) = try row.decode((Int64, Int64).self)
            return (Int(story), seq)
        }
    }

    func importance(ofStories ids: [Int]) throws -> [Int: Double] {
        var b = PostgresBindings()
        b.append(ids.map(Int64.init))
        var out: [Int: Double] = [:]
        for row in try run("SELECT id, importance FROM story WHERE id = ANY($1::bigint[])", b) {
            let (id, importance) = try row.decode((Int64, Double).self)
            out[Int(id)] = importance
        }
        return out
    }

    func storyRecords(_ ids: [Int]) throws -> [Int: StoryRecord] {
        var b = PostgresBindings()
        b.append(ids.map(Int64.init))
        var out: [Int: StoryRecord] = [:]
        for row in try run("SELECT \(PostgresStore.storyColumns) FROM story WHERE id = ANY($1::bigint[])", b) {
            let record = try PostgresStore.storyRecord(row)
            out[record.id] = record
        }
        return out
    }

    func articleIDs(_ seqs: [Int64]) throws -> [Int64: String] {
        var b = PostgresBindings()
        b.append(seqs)
        var out: [Int64: String] = [:]
        for row in try run("SELECT seq, id FROM article WHERE seq = ANY($1::bigint[])", b) {
            let (seq, id) = try row.decode((Int64, String).self)
            out[seq] = id
        }
        return out
    }

    func indexedTexts(_ seqs: [Int64]) throws -> [Int64: (title: String, body: String)] {
        guard !seqs.isEmpty else { return [:] }
        var b = PostgresBindings()
        b.append(seqs)
        var texts: [Int64: (title: String, body: String)] = [:]
        // The body as CleanArticle.body makes it: paragraphs joined by a blank line.
        for row in try run("""
            SELECT seq, coalesce(clean->>'title', ''),
                   array_to_string(ARRAY(SELECT jsonb_array_elements_text(clean->'paragraphs')), E'\\n\\n')
            FROM article_text WHERE seq = ANY($1::bigint[])
            """, b) {
            let (seq, title, body) = try row.decode((Int64, String, String).self)
            texts[seq] = (title, body)
        }
        return texts
    }
}
