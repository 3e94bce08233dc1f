import GRDB

/// The store's schema as one ordered list: adding a migration is appending one entry; the schema
/// version is how many have run (GRDB records each by name in `grdb_migrations`).
enum StoreMigrations {
    static let all: [(name: String, migrate: @Sendable (Database) throws -> Void)] = [
        ("v1-articles-stories-entities", { db in
            try db.execute(sql: """
                CREATE TABLE article (
                    seq INTEGER PRIMARY KEY,          -- arrival order
                    id TEXT NOT NULL UNIQUE,
                    text_hash TEXT NOT NULL,          -- normalised title and body
                    same_as TEXT,                     -- a re-post of this stored article's text under another id
                    story INTEGER NOT NULL,
                    duplicate_of TEXT,
                    outlet TEXT,
                    published REAL,                   -- seconds since 1970, when the article is dated
                    received REAL NOT NULL
                );
                -- The clean article apart from the row: lists, counts and joins scan narrow rows.
                CREATE TABLE article_text (
                    seq INTEGER PRIMARY KEY REFERENCES article(seq),
                    clean TEXT NOT NULL               -- the clean article, as khabar clean writes it
                );
                CREATE UNIQUE INDEX article_by_text ON article(text_hash) WHERE same_as IS NULL;
                CREATE INDEX article_by_story ON article(story, seq);
                CREATE INDEX article_by_outlet ON article(outlet);
                CREATE TABLE story (
                    id INTEGER PRIMARY KEY,
                    headline TEXT NOT NULL,
                    article_count INTEGER NOT NULL,
                    outlets TEXT NOT NULL,            -- JSON array, most articles first
                    first REAL,
                    last REAL,
                    importance REAL NOT NULL,
                    top_entities TEXT NOT NULL DEFAULT '[]',
                    digest_article_count INTEGER NOT NULL DEFAULT 0,  -- articles the digest was made from; -1: stale
                    updated REAL
                );
                -- Digests apart from the story rows, so that ranking and listing sort narrow rows.
                CREATE TABLE story_digest (
                    story INTEGER PRIMARY KEY REFERENCES story(id),
                    digest TEXT NOT NULL              -- one story of khabar digest --format json
                );
                CREATE INDEX story_by_last ON story(last);
                CREATE TABLE story_outlet (
                    story INTEGER NOT NULL,
                    outlet TEXT NOT NULL,
                    PRIMARY KEY (outlet, story)
                ) WITHOUT ROWID;
                CREATE TABLE entity (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    variants TEXT NOT NULL,           -- JSON array, most frequent first
                    mentions INTEGER NOT NULL
                );
                CREATE TABLE entity_spelling (       -- each spelling's search terms, for query expansion
                    terms TEXT NOT NULL,
                    entity INTEGER NOT NULL,
                    PRIMARY KEY (terms, entity)
                ) WITHOUT ROWID;
                CREATE TABLE story_entity (
                    entity INTEGER NOT NULL,
                    story INTEGER NOT NULL,
                    mentions INTEGER NOT NULL,
                    PRIMARY KEY (entity, story)
                ) WITHOUT ROWID;
                CREATE INDEX story_entity_by_story ON story_entity(story);
                CREATE VIRTUAL TABLE article_search USING fts5(title, body, tokenize = 'khabar');
                """)
        }),
        // The same migration as PostgreSQL's (KhabarPostgres/PostgresMigrations.swift): when a story
        // last gained an article, the queue several workers share and the facts they keep (one
        // process owns a SQLite store, so both stay empty; the schema stays the same in both).
        ("v2-shared-placing", { db in
            try db.execute(sql: """
                ALTER TABLE story ADD COLUMN placed REAL;
                CREATE TABLE inbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- arrival order
                    article_id TEXT NOT NULL,
                    clean TEXT NOT NULL,
                    received REAL NOT NULL,
                    facts TEXT,
                    queued REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0)
                );
                -- Facts as extracted, for a replay that reads instead of extracting (PostgreSQL's
                -- workers fill it; a SQLite desk extracts again at restart and leaves it empty).
                CREATE TABLE article_facts (
                    seq INTEGER PRIMARY KEY REFERENCES article(seq),
                    facts TEXT NOT NULL
                );
                CREATE INDEX story_stale ON story(placed) WHERE digest_article_count <> article_count;
                """)
        }),
    ]

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all { migrator.registerMigration(migration.name, migrate: migration.migrate) }
        return migrator
    }
}
