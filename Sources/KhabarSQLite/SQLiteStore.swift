import Foundation
import GRDB
import Khabar
import KhabarText

/// The story store in one SQLite file (WAL: readers never wait for the writer), with an FTS5
/// index over article titles and bodies that uses Khabar's own tokenizer.
public final class SQLiteStore: StoryStore {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when missing) the store at `path` and runs any migration not yet run.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.prepareDatabase { db in
            db.add(tokenizer: KhabarSearchTokenizer.self)
            // A crash may lose the last commit's fsync ordering only with synchronous=OFF; NORMAL
            // keeps every committed transaction in WAL mode across a process kill.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        config.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try StoreMigrations.migrator().migrate(pool)
        } catch {
            throw StoreError("cannot open the store \(path): \(Self.describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Migrations run so far (the schema version is their count).
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try StoreMigrations.migrator().appliedMigrations(db) }
    }

    // MARK: - Writing

    public func forEachArticle(_ body: (StoredArticle) throws -> Void) throws {
        let decoder = JSONDecoder()
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, clean, story, duplicate_of, text_hash, same_as, received FROM article JOIN article_text USING (seq) ORDER BY seq")
            while let row = try rows.next() {
                let clean: String = row["clean"]
                let article = try decoder.decode(CleanArticle.self, from: Data(clean.utf8))
                try body(StoredArticle(seq: row["seq"], article: article, story: row["story"],
                                       duplicateOf: row["duplicate_of"], textHash: row["text_hash"], sameAs: row["same_as"],
                                       received: row["received"]))
            }
        }
    }

    // Writes go through cached statements: a batch runs the same few statements thousands of times.
    public func commit(_ batch: PlacedBatch) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let now = Date().timeIntervalSince1970
        try pool.write { db in
            for stored in batch.articles {
                let a = stored.article
                let clean = String(decoding: try encoder.encode(a), as: UTF8.self)
                try db.cachedStatement(sql: """
                    INSERT INTO article (seq, id, text_hash, same_as, story, duplicate_of, outlet, published, received)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [stored.seq, a.id, stored.textHash, stored.sameAs, stored.story, stored.duplicateOf, a.outlet,
                                     a.published?.secondsSince1970, stored.received])
                try db.cachedStatement(sql: "INSERT INTO article_text (seq, clean) VALUES (?, ?)").execute(arguments: [stored.seq, clean])
                guard stored.sameAs == nil else { continue }
                try db.cachedStatement(sql: "INSERT INTO article_search (rowid, title, body) VALUES (?, ?, ?)")
                    .execute(arguments: [stored.seq, a.title ?? "", a.body])
            }
            for change in batch.duplicateChanges {
                try db.cachedStatement(sql: "UPDATE article SET duplicate_of = ? WHERE id = ?").execute(arguments: [change.duplicateOf, change.article])
            }
            for id in batch.staleDigests {
                try db.cachedStatement(sql: "UPDATE story SET digest_article_count = -1 WHERE id = ?").execute(arguments: [id])
            }
            for story in batch.stories {
                try db.cachedStatement(sql: """
                    INSERT INTO story (id, headline, article_count, outlets, first, last, importance, placed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, article_count = excluded.article_count,
                        outlets = excluded.outlets, first = excluded.first, last = excluded.last, importance = excluded.importance,
                        placed = excluded.placed
                    """).execute(arguments: [story.id, story.headline, story.articleCount, Self.json(story.outlets),
                                     story.first, story.last, story.importance, now])
                for outlet in story.outlets {
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO story_outlet (story, outlet) VALUES (?, ?)").execute(arguments: [story.id, outlet])
                }
            }
        }
    }

    public func saveDigests(_ stories: [StoryRecord], entities: [EntityRecord]) throws {
        try pool.write { db in
            for entity in entities {
                try db.cachedStatement(sql: """
                    INSERT INTO entity (id, name, kind, variants, mentions) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                        variants = excluded.variants, mentions = excluded.mentions
                    """).execute(arguments: [entity.id, entity.name, entity.kind.label, Self.json(entity.variants), entity.mentions])
                for key in StoreSearch.spellingKeys(entity) {
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity_spelling (terms, entity) VALUES (?, ?)").execute(arguments: [key, entity.id])
                }
            }
            for story in stories {
                try db.cachedStatement(sql: """
                    UPDATE story SET headline = ?, importance = ?, top_entities = ?, digest_article_count = ?, updated = ?
                    WHERE id = ?
                    """).execute(arguments: [story.headline, story.importance, Self.json(story.topEntities),
                                     story.digestArticleCount, story.updated, story.id])
                if let digest = story.digestJSON {
                    try db.cachedStatement(sql: "INSERT OR REPLACE INTO story_digest (story, digest) VALUES (?, ?)").execute(arguments: [story.id, digest])
                }
                try db.cachedStatement(sql: "DELETE FROM story_entity WHERE story = ?").execute(arguments: [story.id])
            }
            for entity in entities {
                for (story, mentions) in entity.stories {
                    try db.cachedStatement(sql: "INSERT OR REPLACE INTO story_entity (entity, story, mentions) VALUES (?, ?, ?)")
                        .execute(arguments: [entity.id, story, mentions])
                }
            }
        }
    }

    public func staleStoryIDs() throws -> [Int] {
        try pool.read { db in try Int.fetchAll(db, sql: "SELECT id FROM story WHERE digest_article_count != article_count ORDER BY id") }
    }

    // MARK: - Reading

    /// Stories ranked by importance, decayed by the days between their last article and the newest
    /// article in the store (the same recency rule as `khabar stories`, as a ratio SQL can compute).
    static let rankExpression = "importance / (1.0 + max(0.0, (:now - coalesce(last, :now))) / 86400.0)"

    public func stories(_ query: StoryListQuery) throws -> StoryList {
        try pool.read { db in
            let now = try Double.fetchOne(db, sql: "SELECT max(last) FROM story") ?? 0
            var conditions: [String] = []
            var arguments: [String: DatabaseValueConvertible?] = ["now": now]
            if let since = query.since { conditions.append("last >= :since"); arguments["since"] = since }
            if let until = query.until { conditions.append("(last < :until OR last IS NULL)"); arguments["until"] = until }
            if let outlet = query.outlet {
                conditions.append("id IN (SELECT story FROM story_outlet WHERE outlet = :outlet)")
                arguments["outlet"] = outlet
            }
            if let entity = query.entity {
                conditions.append("id IN (SELECT story FROM story_entity WHERE entity = :entity)")
                arguments["entity"] = entity
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM story \(filter)", arguments: StatementArguments(arguments)!) ?? 0
            arguments["limit"] = max(0, min(query.limit, 500))
            arguments["offset"] = max(0, query.offset)
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM story \(filter) ORDER BY \(Self.rankExpression) DESC, id LIMIT :limit OFFSET :offset
                """, arguments: StatementArguments(arguments)!)
            return StoryList(stories: rows.map(Self.storyRecord), total: total)
        }
    }

    public func story(id: Int) throws -> StoryRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT story.*, story_digest.digest FROM story LEFT JOIN story_digest ON story_digest.story = story.id WHERE id = ?",
                             arguments: [id]).map(Self.storyRecord)
        }
    }

    public func articles(inStory id: Int) throws -> [ArticleRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM article JOIN article_text USING (seq) WHERE story = ? ORDER BY seq", arguments: [id]).map(Self.articleRecord)
        }
    }

    public func article(id: String) throws -> ArticleRecord? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM article JOIN article_text USING (seq) WHERE id = ?", arguments: [id]).map(Self.articleRecord) }
    }

    public func entity(id: Int) throws -> EntityRecord? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM entity WHERE id = ?", arguments: [id]) else { return nil }
            var entity = Self.entityRecord(row)
            entity.stories = try Row.fetchAll(db, sql: """
                SELECT story_entity.story, story_entity.mentions FROM story_entity JOIN story ON story.id = story_entity.story
                WHERE entity = ? ORDER BY story.last DESC, story.id LIMIT 200
                """, arguments: [id]).map { ($0[0], $0[1]) }
            return entity
        }
    }

    public func stories(withEntity id: Int, limit: Int) throws -> [StoryRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT story.*, story_digest.digest FROM story_entity JOIN story ON story.id = story_entity.story
                LEFT JOIN story_digest ON story_digest.story = story.id
                WHERE entity = ? ORDER BY story.last DESC, story.id LIMIT ?
                """, arguments: [id, limit]).map(Self.storyRecord)
        }
    }

    public func search(_ query: SearchQuery) throws -> SearchResults {
        // One read: every pass of the search sees the same snapshot.
        try pool.read { db in try StoreSearch.run(query, on: SQLiteSearchIndex(db: db)) }
    }

    public func stats() throws -> StoreStats {
        // Arrival numbers, story and entity ids are dense from their first value, so the largest
        // one counts the rows without a scan; the newest story's last article comes off an index.
        let (articles, stories, entities, newest) = try pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT max(seq) FROM article") ?? 0,
             try Int.fetchOne(db, sql: "SELECT max(id) + 1 FROM story") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM entity") ?? 0,
             try Double.fetchOne(db, sql: "SELECT max(last) FROM story"))
        }
        var bytes: Int64 = 0
        for suffix in ["", "-wal", "-shm"] {
            bytes += (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int64) ?? 0
        }
        return StoreStats(articles: articles, stories: stories, entities: entities, bytes: bytes, newestArticle: newest)
    }

    // MARK: - Rows

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?, default value: T) -> T {
        guard let text else { return value }
        return (try? JSONDecoder().decode(T.self, from: Data(text.utf8))) ?? value
    }

    static func storyRecord(_ row: Row) -> StoryRecord {
        StoryRecord(id: row["id"], headline: row["headline"], articleCount: row["article_count"],
                    outlets: decode([String].self, row["outlets"], default: []), first: row["first"], last: row["last"],
                    importance: row["importance"], topEntities: decode([EntityRef].self, row["top_entities"], default: []),
                    digestJSON: row.hasColumn("digest") ? row["digest"] : nil, digestArticleCount: row["digest_article_count"], updated: row["updated"])
    }

    static func articleRecord(_ row: Row) -> ArticleRecord {
        let clean: String = row["clean"]
        let article = (try? JSONDecoder().decode(CleanArticle.self, from: Data(clean.utf8)))
            ?? CleanArticle(id: row["id"], source: .url(""))
        return ArticleRecord(seq: row["seq"], article: article, story: row["story"], duplicateOf: row["duplicate_of"],
                             sameAs: row["same_as"], received: row["received"])
    }

    static func entityRecord(_ row: Row) -> EntityRecord {
        EntityRecord(id: row["id"], name: row["name"], kind: EntityKind(label: Substring(row["kind"] as String)) ?? .miscellaneous,
                     variants: decode([String].self, row["variants"], default: []), mentions: row["mentions"])
    }
}

/// FTS5's side of a search: MATCH expressions over `article_search` (title, body).
struct SQLiteSearchIndex: SearchIndex {
    let db: Database

    func spellings(for keys: [String]) throws -> [EntitySpellingRow] {
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ",")
        return try Row.fetchAll(db, sql: """
            SELECT s.terms AS key, e.id, e.name, e.kind, e.variants FROM entity_spelling s JOIN entity e ON e.id = s.entity
            WHERE s.terms IN (\(marks)) ORDER BY e.mentions DESC, e.id
            """, arguments: StatementArguments(keys)).map { row in
            EntitySpellingRow(key: row["key"], entity: EntityRef(id: row["id"], name: row["name"]),
                              kind: EntityKind(label: Substring(row["kind"] as String)) ?? .miscellaneous,
                              variants: SQLiteStore.decode([String].self, row["variants"], default: []))
        }
    }

    func matches(_ clauses: [SearchQueryBuilder.Clause], inTitle: Bool, filters query: SearchQuery) throws -> [(story: Int, seq: Int64)] {
        guard let match = SearchQueryBuilder().matchExpression(clauses) else { return [] }
        var conditions = ["article_search MATCH :match"]
        var arguments: [String: DatabaseValueConvertible?] = ["match": inTitle ? "{title} : (\(match))" : match]
        if let from = query.from { conditions.append("article.published >= :from"); arguments["from"] = from }
        if let to = query.to { conditions.append("article.published < :to"); arguments["to"] = to }
        if let outlet = query.outlet { conditions.append("article.outlet = :outlet"); arguments["outlet"] = outlet }
        if let entity = query.entity {
            conditions.append("article.story IN (SELECT story FROM story_entity WHERE entity = :entity)")
            arguments["entity"] = entity
        }
        var found: [(story: Int, seq: Int64)] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT article.story, article.seq FROM article_search JOIN article ON article.seq = article_search.rowid
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY article.seq
            """, arguments: StatementArguments(arguments)!)
        while let row = try rows.next() { found.append((row[0], row[1])) }
        return found
    }

    func importance(ofStories ids: [Int]) throws -> [Int: Double] {
        var importance: [Int: Double] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, importance FROM story WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
        while let row = try rows.next() { importance[row[0]] = row[1] }
        return importance
    }

    func storyRecords(_ ids: [Int]) throws -> [Int: StoryRecord] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM story WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as Int, SQLiteStore.storyRecord($0)) })
    }

    func articleIDs(_ seqs: [Int64]) throws -> [Int64: String] {
        var ids: [Int64: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, id FROM article WHERE seq IN (\(seqs.map(String.init).joined(separator: ",")))")
        while let row = try rows.next() { ids[row[0]] = row[1] }
        return ids
    }

    func indexedTexts(_ seqs: [Int64]) throws -> [Int64: (title: String, body: String)] {
        // The text as the index holds it (no JSON to decode).
        var texts: [Int64: (title: String, body: String)] = [:]
        for seq in seqs {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, body FROM article_search WHERE rowid = ?"),
                                             arguments: [seq]) else { continue }
            texts[seq] = (row["title"], row["body"])
        }
        return texts
    }
}
