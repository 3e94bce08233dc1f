import Foundation
import Logging
import PostgresNIO

/// The store's schema on PostgreSQL: the same migrations, by the same names and in the same order,
/// as SQLite's (KhabarSQLite/Migrations.swift), in PostgreSQL's dialect. `khabar_migrations`
/// records each one run; the schema version is their count.
enum PostgresMigrations {
    static let all: [(name: String, sql: [String])] = [
        ("v1-articles-stories-entities", [
            """
            CREATE TABLE article (
                seq BIGINT PRIMARY KEY,               -- arrival order
                id TEXT NOT NULL UNIQUE,
                text_hash TEXT NOT NULL,              -- normalised title and body
                same_as TEXT,                         -- a re-post of this stored article's text under another id
                story BIGINT NOT NULL,
                duplicate_of TEXT,
                outlet TEXT,
                published DOUBLE PRECISION,           -- seconds since 1970, when the article is dated
                received DOUBLE PRECISION NOT NULL
            )
            """,
            // JSONB, so that other teams can query the articles' fields in SQL.
            // lz4, not the default pglz, for every large value: the placer waits for these writes.
            "CREATE TABLE article_text (seq BIGINT PRIMARY KEY REFERENCES article(seq), clean JSONB COMPRESSION lz4 NOT NULL)",
            "CREATE UNIQUE INDEX article_by_text ON article(text_hash) WHERE same_as IS NULL",
            "CREATE INDEX article_by_story ON article(story, seq)",
            "CREATE INDEX article_by_outlet ON article(outlet)",
            """
            CREATE TABLE story (
                id BIGINT PRIMARY KEY,
                headline TEXT NOT NULL,
                article_count INTEGER NOT NULL,
                outlets JSONB NOT NULL,               -- most articles first
                first DOUBLE PRECISION,
                last DOUBLE PRECISION,
                importance DOUBLE PRECISION NOT NULL,
                top_entities JSONB NOT NULL DEFAULT '[]',
                digest_article_count INTEGER NOT NULL DEFAULT 0,  -- articles the digest was made from; -1: stale
                updated DOUBLE PRECISION
            )
            """,
            // Text, not JSONB: the API serves the digest as the desk wrote it.
            "CREATE TABLE story_digest (story BIGINT PRIMARY KEY REFERENCES story(id), digest TEXT COMPRESSION lz4 NOT NULL)",
            "CREATE INDEX story_by_last ON story(last)",
            "CREATE TABLE story_outlet (story BIGINT NOT NULL, outlet TEXT NOT NULL, PRIMARY KEY (outlet, story))",
            """
            CREATE TABLE entity (
                id BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                variants JSONB NOT NULL,              -- most frequent first
                mentions INTEGER NOT NULL
            )
            """,
            "CREATE TABLE entity_spelling (terms TEXT NOT NULL, entity BIGINT NOT NULL, PRIMARY KEY (terms, entity))",
            "CREATE TABLE story_entity (entity BIGINT NOT NULL, story BIGINT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (entity, story))",
            "CREATE INDEX story_entity_by_story ON story_entity(story)",
            // Khabar's search terms (SQLite's FTS5 tokenizer, the same chain) as a tsvector made
            // in Swift, titles weighted A: PostgreSQL's own parsers know no Arabic folding.
            "CREATE TABLE article_search (seq BIGINT PRIMARY KEY REFERENCES article(seq), terms TSVECTOR COMPRESSION lz4 NOT NULL)",
            "CREATE INDEX article_search_terms ON article_search USING GIN (terms)",
        ]),
        ("v2-shared-placing", [
            "ALTER TABLE story ADD COLUMN placed DOUBLE PRECISION",
            """
            CREATE TABLE inbox (
                id BIGSERIAL PRIMARY KEY,             -- arrival order
                article_id TEXT NOT NULL,
                clean TEXT COMPRESSION lz4 NOT NULL,  -- JSON; text, not JSONB: read back once, never queried
                facts TEXT COMPRESSION lz4,           -- JSON: what the accepting worker extracted
                received DOUBLE PRECISION NOT NULL,
                queued DOUBLE PRECISION NOT NULL DEFAULT extract(epoch FROM clock_timestamp())
            )
            """,
            // Each article's facts as extracted: workers catching up, and a restart's replay, read
            // them instead of extracting again.
            "CREATE TABLE article_facts (seq BIGINT PRIMARY KEY REFERENCES article(seq), facts TEXT COMPRESSION lz4 NOT NULL)",
            // Stories whose digest is behind, by when they last gained an article (a dead worker's).
            "CREATE INDEX story_stale ON story(placed) WHERE digest_article_count <> article_count",
            // Moves after every commit and digest write: readers' caches key on it.
            "CREATE SEQUENCE desk_changes",
        ]),
    ]

    /// Runs the migrations not yet run, each in its own transaction, under an advisory lock so
    /// that workers starting together run each once.
    static func migrate(_ connection: PostgresConnection, schema: String, logger: Logger) throws {
        func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> PostgresQueryResult {
            try BlockingConnections.run(connection, sql, binds, logger: logger)
        }
        _ = try run("CREATE SCHEMA IF NOT EXISTS \(BlockingConnections.quoted(schema))")
        _ = try run("BEGIN")
        do {
            var binds = PostgresBindings()
            binds.append(LeaseKeys.migrations(schema))
            _ = try run("SELECT pg_advisory_xact_lock($1)", binds)
            _ = try run("CREATE TABLE IF NOT EXISTS khabar_migrations (name TEXT PRIMARY KEY, applied DOUBLE PRECISION NOT NULL)")
            let applied = Set(try run("SELECT name FROM khabar_migrations").rows.map { try $0.decode(String.self) })
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.sql { _ = try run(statement) }
                var binds = PostgresBindings()
                binds.append(migration.name)
                binds.append(Date().timeIntervalSince1970)
                _ = try run("INSERT INTO khabar_migrations (name, applied) VALUES ($1, $2)", binds)
            }
            _ = try run("COMMIT")
        } catch {
            if !connection.isClosed { _ = try? run("ROLLBACK") }
            throw error
        }
    }
}

/// Advisory lock keys, one set per schema (several desks' stores may share a database).
enum LeaseKeys {
    static func placing(_ schema: String) -> Int64 { key("khabar placing " + schema) }
    static func migrations(_ schema: String) -> Int64 { key("khabar migrations " + schema) }
    static func enqueue(_ schema: String) -> Int64 { key("khabar enqueue " + schema) }

    /// FNV-1a: stable across processes and builds (Swift's `Hasher` is seeded per process).
    static func key(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
