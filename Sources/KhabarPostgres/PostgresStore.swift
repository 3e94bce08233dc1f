import Foundation
import Khabar
import KhabarText
import Logging
import NIOCore
import PostgresNIO

/// The story store on PostgreSQL: the same tables and answers as `SQLiteStore`, search over a
/// GIN-indexed tsvector of Khabar's own search terms, and the queue and lease that let several
/// `khabar serve` processes share one database (`SharedStoryStore`).
public final class PostgresStore: SharedStoryStore, @unchecked Sendable {
    public let location: PostgresLocation
    let connections: BlockingConnections
    let logger: Logger
    /// The placing lease's own session: the advisory lock lives as long as it does, and the lease
    /// holder's commits go through it, so a lost connection can never commit without the lock.
    private let leaseLock = NSLock()
    private var leaseConnection: PostgresConnection?
    private var holdingLease = false
    /// What `enqueue` encoded for each article (its JSON, its facts' JSON, its tsvector), for the
    /// commit that stores it: made by the accepting desk outside the placing lease, across its
    /// cores, so the lease holder does not make them again. Bounded: emptied past `maxEncoded`.
    private let encodedLock = NSLock()
    /// Keyed by id and arrival time: the same id sent again with other text is another entry.
    private var encoded: [EncodedKey: EncodedArticle] = [:]

    struct EncodedKey: Hashable {
        var id: String
        var received: Double
    }
    static let maxEncoded = 20_000

    struct EncodedArticle: Sendable {
        var clean: String
        var facts: String?
        var terms: String
    }

    /// Connects to `url` (postgresql://user:password@host:port/database?schema=NAME), creates the
    /// schema when missing and runs any migration not yet run.
    public init(url: String, connections limit: Int = 8, logger: Logger = Logger(label: "khabar.postgres")) throws {
        location = try PostgresLocation(url)
        self.logger = logger
        connections = BlockingConnections(configuration: location.configuration, schema: location.schema,
                                          limit: max(2, limit), logger: logger)
        do {
            let connection = try connections.connect()
            defer { try? connection.close().wait() }
            try PostgresMigrations.migrate(connection, schema: location.schema, logger: logger)
        } catch {
            throw StoreError("cannot open the store \(location): \(Self.describe(error))")
        }
    }

    /// A PostgreSQL error in words (the server's message, not the driver's type dump).
    static func describe(_ error: Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown:
                return "the server cannot be reached or closed the connection (\(error.underlying.map { "\($0)" } ?? "no detail"))"
            default: return String(describing: error.code)
            }
        }
        return "\(error)"
    }

    deinit {
        if let leaseConnection { try? leaseConnection.close().wait() }
    }

    /// Migrations run so far (the schema version is their count).
    public func appliedMigrations() throws -> [String] {
        try query("SELECT name FROM khabar_migrations ORDER BY applied, name").map { try $0.decode(String.self) }
    }

    /// Drops the store's schema and everything in it (tests clean up after themselves).
    public func dropSchema() throws {
        try connections.with { connection in
            _ = try BlockingConnections.run(connection, "DROP SCHEMA \(BlockingConnections.quoted(location.schema)) CASCADE", logger: logger)
        }
    }

    // MARK: - Queries

    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        do {
            return try connections.with { try BlockingConnections.run($0, sql, binds, logger: logger).rows }
        } catch {
            throw StoreError("PostgreSQL: \(Self.describe(error))")
        }
    }

    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try connections.transaction(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("PostgreSQL: \(Self.describe(error))")
        }
    }

    // MARK: - Writing

    public func forEachArticle(_ body: (StoredArticle) throws -> Void) throws {
        try forEachArticle(after: 0, body)
    }

    public func forEachArticle(after seq: Int64, _ body: (StoredArticle) throws -> Void) throws {
        // In pages: the whole store's text is never held at once.
        var after = seq
        while true {
            var binds = PostgresBindings()
            binds.append(after)
            let rows = try query("""
                SELECT a.seq, t.clean::text, a.story, a.duplicate_of, a.text_hash, a.same_as, a.received, f.facts
                FROM article a JOIN article_text t USING (seq) LEFT JOIN article_facts f USING (seq)
                WHERE a.seq > $1 ORDER BY a.seq LIMIT 2000
                """, binds)
            // Decoded across the cores: a restart reads the whole store.
            let decoded = try Pipeline.concurrentMap(count: rows.count, jobs: ProcessInfo.processInfo.activeProcessorCount) { i in
                Result { () throws -> StoredArticle in
                    let (seq, clean, story, duplicateOf, textHash, sameAs, received, facts) =
                        try rows[i].decode((Int64, String, Int, String?, String, String?, Double, String?).self)
                    let decoder = JSONDecoder()
                    return StoredArticle(seq: seq, article: try decoder.decode(CleanArticle.self, from: Data(clean.utf8)), story: story,
                                         duplicateOf: duplicateOf, textHash: textHash, sameAs: sameAs, received: received,
                                         facts: facts.flatMap { try? decoder.decode(ArticleFacts.self, from: Data($0.utf8)) })
                }
            }
            for item in decoded {
                let stored = try item.get()
                try body(stored)
                after = stored.seq
            }
            if rows.count < 2000 { return }
        }
    }

    public func commit(_ batch: PlacedBatch) throws {
        try commit(batch, dequeuing: [])
    }

    public func commit(_ batch: PlacedBatch, dequeuing: [Int64]) throws {
        let known = encodedLock.withLock {
            batch.articles.map { encoded.removeValue(forKey: EncodedKey(id: $0.article.id, received: $0.received)) }
        }
        let statements = try Self.commitStatements(batch, dequeuing: dequeuing, encoded: known)
        let run = { (connection: PostgresConnection) throws in
            for (sql, binds) in statements { try BlockingConnections.run(connection, sql, binds, logger: self.logger) }
        }
        // The lease holder commits on the lease's own session (see `leaseConnection`).
        if let lease = leaseLock.withLock({ holdingLease ? leaseConnection : nil }) {
            do {
                try BlockingConnections.run(lease, "BEGIN", logger: logger)
                do {
                    try run(lease)
                    try BlockingConnections.run(lease, "COMMIT", logger: logger)
                } catch {
                    if !lease.isClosed { _ = try? BlockingConnections.run(lease, "ROLLBACK", logger: logger) }
                    throw error
                }
            } catch {
                throw StoreError("PostgreSQL: \(Self.describe(error))")
            }
        } else {
            try transaction(run)
        }
        noteChange()
    }

    /// Whole batches in a few statements: each column goes as one array, `unnest` makes the rows.
    /// `encoded`: per article of the batch, what `enqueue` made of it, or nil (made here).
    static func commitStatements(_ batch: PlacedBatch, dequeuing: [Int64], encoded known: [EncodedArticle?]) throws -> [(String, PostgresBindings)] {
        // The placer holds the lease while it makes these: the per-article work goes across the cores.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let now = Date().timeIntervalSince1970
        var statements: [(String, PostgresBindings)] = []
        let articles = batch.articles
        if !articles.isEmpty {
            var b = PostgresBindings()
            b.append(articles.map(\.seq))
            b.append(articles.map(\.article.id))
            b.append(articles.map(\.textHash))
            b.append(articles.map { $0.sameAs ?? "" })
            b.append(articles.map { $0.sameAs != nil })
            b.append(articles.map { Int64($0.story) })
            b.append(articles.map { $0.duplicateOf ?? "" })
            b.append(articles.map { $0.duplicateOf != nil })
            b.append(articles.map { $0.article.outlet ?? "" })
            b.append(articles.map { $0.article.outlet != nil })
            b.append(articles.map { $0.article.published?.secondsSince1970 ?? 0 })
            b.append(articles.map { $0.article.published != nil })
            b.append(articles.map(\.received))
            statements.append(("""
                INSERT INTO article (seq, id, text_hash, same_as, story, duplicate_of, outlet, published, received)
                SELECT seq, id, text_hash, CASE WHEN has_same THEN same_as END, story, CASE WHEN has_dup THEN dup END,
                       CASE WHEN has_outlet THEN outlet END, CASE WHEN has_published THEN published END, received
                FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::bigint[], $7::text[], $8::bool[],
                            $9::text[], $10::bool[], $11::float8[], $12::bool[], $13::float8[])
                     AS t(seq, id, text_hash, same_as, has_same, story, dup, has_dup, outlet, has_outlet, published, has_published, received)
                """, b))
            // Others' articles (placed from the queue) are encoded here; ours were at enqueue.
            let encodings = try Pipeline.concurrentMap(count: articles.count, jobs: cores) { i in
                Result { () throws -> EncodedArticle in
                    if i < known.count, let made = known[i] { return made }
                    return try encode(articles[i].article, facts: articles[i].facts)
                }
            }.map { try $0.get() }
            var texts = PostgresBindings()
            texts.append(articles.map(\.seq))
            texts.append(encodings.map(\.clean))
            statements.append(("""
                INSERT INTO article_text (seq, clean) SELECT seq, clean::jsonb FROM unnest($1::bigint[], $2::text[]) AS t(seq, clean)
                """, texts))
            let withFacts = articles.indices.filter { articles[$0].facts != nil && encodings[$0].facts != nil }
            if !withFacts.isEmpty {
                var facts = PostgresBindings()
                facts.append(withFacts.map { articles[$0].seq })
                facts.append(withFacts.map { encodings[$0].facts! })
                statements.append(("""
                    INSERT INTO article_facts (seq, facts) SELECT * FROM unnest($1::bigint[], $2::text[])
                    """, facts))
            }
            let indexed = articles.indices.filter { articles[$0].sameAs == nil }
            if !indexed.isEmpty {
                var search = PostgresBindings()
                search.append(indexed.map { articles[$0].seq })
                search.append(indexed.map { encodings[$0].terms })
                statements.append(("""
                    INSERT INTO article_search (seq, terms) SELECT seq, terms::tsvector FROM unnest($1::bigint[], $2::text[]) AS t(seq, terms)
                    """, search))
            }
        }
        if !batch.duplicateChanges.isEmpty {
            var b = PostgresBindings()
            b.append(batch.duplicateChanges.map(\.article))
            b.append(batch.duplicateChanges.map { $0.duplicateOf ?? "" })
            b.append(batch.duplicateChanges.map { $0.duplicateOf != nil })
            statements.append(("""
                UPDATE article SET duplicate_of = CASE WHEN c.has_dup THEN c.dup END
                FROM unnest($1::text[], $2::text[], $3::bool[]) AS c(id, dup, has_dup) WHERE article.id = c.id
                """, b))
        }
        if !batch.staleDigests.isEmpty {
            var b = PostgresBindings()
            b.append(batch.staleDigests.map(Int64.init))
            b.append(now)
            // `placed` too: the stale digest is the placer's to remake, not yet "abandoned".
            statements.append(("UPDATE story SET digest_article_count = -1, placed = $2 WHERE id = ANY($1::bigint[])", b))
        }
        let stories = batch.stories
        if !stories.isEmpty {
            var b = PostgresBindings()
            b.append(stories.map { Int64($0.id) })
            b.append(stories.map(\.headline))
            b.append(stories.map { Int64($0.articleCount) })
            b.append(stories.map { jsonText($0.outlets) })
            b.append(stories.map { $0.first ?? 0 })
            b.append(stories.map { $0.first != nil })
            b.append(stories.map { $0.last ?? 0 })
            b.append(stories.map { $0.last != nil })
            b.append(stories.map(\.importance))
            b.append(now)
            statements.append(("""
                INSERT INTO story (id, headline, article_count, outlets, first, last, importance, placed)
                SELECT id, headline, article_count, outlets::jsonb, CASE WHEN has_first THEN first END,
                       CASE WHEN has_last THEN last END, importance, $10
                FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::float8[], $6::bool[], $7::float8[], $8::bool[], $9::float8[])
                     AS t(id, headline, article_count, outlets, first, has_first, last, has_last, importance)
                ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, article_count = excluded.article_count,
                    outlets = excluded.outlets, first = excluded.first, last = excluded.last, importance = excluded.importance,
                    placed = excluded.placed
                """, b))
            var outlets = PostgresBindings()
            let pairs = stories.flatMap { story in story.outlets.map { (Int64(story.id), $0) } }
            outlets.append(pairs.map(\.0))
            outlets.append(pairs.map(\.1))
            statements.append(("""
                INSERT INTO story_outlet (story, outlet) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING
                """, outlets))
        }
        if !dequeuing.isEmpty {
            var b = PostgresBindings()
            b.append(dequeuing)
            statements.append(("DELETE FROM inbox WHERE id = ANY($1::bigint[])", b))
        }
        return statements
    }

    public func saveDigests(_ stories: [StoryRecord], entities: [EntityRecord]) throws {
        let now = Date().timeIntervalSince1970
        try transaction { connection in
            func run(_ sql: String, _ binds: PostgresBindings) throws -> [PostgresRow] {
                try BlockingConnections.run(connection, sql, binds, logger: logger).rows
            }
            if !entities.isEmpty {
                // Mentions only grow: a worker whose catalog is behind another's does not write
                // an older entity over a newer one.
                var b = PostgresBindings()
                b.append(entities.map { Int64($0.id) })
                b.append(entities.map(\.name))
                b.append(entities.map(\.kind.label))
                b.append(entities.map { Self.jsonText($0.variants) })
                b.append(entities.map { Int64($0.mentions) })
                _ = try run("""
                    INSERT INTO entity (id, name, kind, variants, mentions)
                    SELECT id, name, kind, variants::jsonb, mentions FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[])
                        AS t(id, name, kind, variants, mentions)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, variants = excluded.variants,
                        mentions = excluded.mentions WHERE entity.mentions <= excluded.mentions
                    """, b)
                let spellings = entities.flatMap { entity in StoreSearch.spellingKeys(entity).map { ($0, Int64(entity.id)) } }
                var s = PostgresBindings()
                s.append(spellings.map(\.0))
                s.append(spellings.map(\.1))
                _ = try run("INSERT INTO entity_spelling (terms, entity) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING", s)
            }
            guard !stories.isEmpty else { return }
            // A digest made from fewer articles than the stored one (another worker's, newer) is
            // not written over it.
            var b = PostgresBindings()
            b.append(stories.map { Int64($0.id) })
            b.append(stories.map(\.headline))
            b.append(stories.map(\.importance))
            b.append(stories.map { Self.jsonText($0.topEntities) })
            b.append(stories.map { Int64($0.digestArticleCount) })
            b.append(stories.map { $0.updated ?? now })
            let written = Set(try run("""
                UPDATE story SET headline = t.headline, importance = t.importance, top_entities = t.top::jsonb,
                    digest_article_count = t.count, updated = t.updated
                FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::text[], $5::bigint[], $6::float8[])
                    AS t(id, headline, importance, top, count, updated)
                WHERE story.id = t.id AND story.digest_article_count <= t.count
                RETURNING story.id
                """, b).map { Int(try $0.decode(Int64.self)) })
            let kept = stories.filter { written.contains($0.id) }
            guard !kept.isEmpty else { return }
            let digests = kept.compactMap { story in story.digestJSON.map { (Int64(story.id), $0) } }
            var d = PostgresBindings()
            d.append(digests.map(\.0))
            d.append(digests.map(\.1))
            _ = try run("""
                INSERT INTO story_digest (story, digest) SELECT * FROM unnest($1::bigint[], $2::text[])
                ON CONFLICT (story) DO UPDATE SET digest = excluded.digest
                """, d)
            var ids = PostgresBindings()
            ids.append(kept.map { Int64($0.id) })
            _ = try run("DELETE FROM story_entity WHERE story = ANY($1::bigint[])", ids)
            let links = entities.flatMap { entity in
                entity.stories.filter { written.contains($0.story) }.map { (Int64(entity.id), Int64($0.story), Int64($0.mentions)) }
            }
            var l = PostgresBindings()
            l.append(links.map(\.0))
            l.append(links.map(\.1))
            l.append(links.map(\.2))
            _ = try run("""
                INSERT INTO story_entity (entity, story, mentions) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])
                ON CONFLICT (entity, story) DO UPDATE SET mentions = excluded.mentions
                """, l)
        }
        noteChange()
    }

    public func staleStoryIDs() throws -> [Int] {
        try query("SELECT id FROM story WHERE digest_article_count <> article_count ORDER BY id").map { Int(try $0.decode(Int64.self)) }
    }

    // MARK: - Sharing (several workers)

    public func enqueue(_ articles: [(article: CleanArticle, facts: ArticleFacts?, received: Double)]) throws -> QueueTicket {
        let made = try Pipeline.concurrentMap(count: articles.count, jobs: ProcessInfo.processInfo.activeProcessorCount) { i in
            Result { try Self.encode(articles[i].article, facts: articles[i].facts) }
        }.map { try $0.get() }
        encodedLock.withLock {
            if encoded.count > Self.maxEncoded { encoded.removeAll() }
            // An id twice in one call (same arrival time) is not kept at all: the commit cannot
            // tell which of the two it stores, and encodes that one itself.
            var counts: [EncodedKey: Int] = [:]
            for item in articles { counts[EncodedKey(id: item.article.id, received: item.received), default: 0] += 1 }
            for (item, encoding) in zip(articles, made) {
                let key = EncodedKey(id: item.article.id, received: item.received)
                if counts[key] == 1 { encoded[key] = encoding } else { encoded[key] = nil }
            }
        }
        var b = PostgresBindings()
        b.append(articles.map(\.article.id))
        b.append(made.map(\.clean))
        b.append(articles.map(\.received))
        b.append(made.map { $0.facts ?? "" })
        return try transaction { connection in
            // Queue ids are drawn at insert but seen at commit: enqueues take turns (until their
            // commit), so no later id is ever visible before an earlier one and the queue's order
            // is the arrival order.
            var key = PostgresBindings()
            key.append(LeaseKeys.enqueue(location.schema))
            try BlockingConnections.run(connection, "SELECT pg_advisory_xact_lock($1)", key, logger: logger)
            let before = try BlockingConnections.run(connection, "SELECT coalesce(max(seq), 0)::bigint FROM article", logger: logger)
                .rows.first?.decode(Int64.self) ?? 0
            guard !articles.isEmpty else { return QueueTicket(ids: [], storedBefore: before) }
            // Ids are drawn in the input's order (ORDER BY ord), so sorted they map back to it.
            let ids = try BlockingConnections.run(connection, """
                INSERT INTO inbox (article_id, clean, received, facts)
                SELECT article_id, clean, received, NULLIF(facts, '') FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[])
                    WITH ORDINALITY AS t(article_id, clean, received, facts, ord) ORDER BY ord
                RETURNING id
                """, b, logger: logger).rows.map { try $0.decode(Int64.self) }
            return QueueTicket(ids: ids.sorted(), storedBefore: before)
        }
    }

    static func encode(_ article: CleanArticle, facts: ArticleFacts?) throws -> EncodedArticle {
        EncodedArticle(clean: jsonText(try JSONEncoder.articles.encode(article)),
                       facts: try facts.map { jsonText(try JSONEncoder().encode($0)) },
                       terms: SearchVector.text(title: article.title ?? "", body: article.body))
    }

    public func withPlacingLease<T>(_ body: () throws -> T) throws -> T {
        let key = LeaseKeys.placing(location.schema)
        let connection: PostgresConnection
        do {
            connection = try leaseLock.withLock {
                if let open = leaseConnection, !open.isClosed { return open }
                let fresh = try connections.connect()
                // A worker whose machine vanishes (no reset sent) must not keep the lease for the
                // two hours of default TCP keepalive: the server gives the session up in ~25 s.
                try BlockingConnections.run(fresh, "SET tcp_keepalives_idle = 10", logger: logger)
                try BlockingConnections.run(fresh, "SET tcp_keepalives_interval = 5", logger: logger)
                try BlockingConnections.run(fresh, "SET tcp_keepalives_count = 3", logger: logger)
                leaseConnection = fresh
                return fresh
            }
            var binds = PostgresBindings()
            binds.append(key)
            // Waits while another worker places; granted at once when it dies (its session ends).
            try BlockingConnections.run(connection, "SELECT pg_advisory_lock($1)", binds, logger: logger)
        } catch {
            throw StoreError("cannot take the placing lease: \(Self.describe(error))")
        }
        leaseLock.withLock { holdingLease = true }
        defer {
            leaseLock.withLock { holdingLease = false }
            var binds = PostgresBindings()
            binds.append(key)
            if !connection.isClosed { _ = try? BlockingConnections.run(connection, "SELECT pg_advisory_unlock($1)", binds, logger: logger) }
        }
        return try body()
    }

    public func queued(upTo last: Int64?, limit: Int) throws -> [QueuedArticle] {
        var b = PostgresBindings()
        b.append(last ?? Int64.max)
        b.append(Int64(limit))
        let decoder = JSONDecoder()
        return try query("SELECT id, clean, received, facts FROM inbox WHERE id <= $1 ORDER BY id LIMIT $2", b).map { row in
            let (id, clean, received, facts) = try row.decode((Int64, String, Double, String?).self)
            return QueuedArticle(queueID: id, article: try decoder.decode(CleanArticle.self, from: Data(clean.utf8)),
                                 facts: facts.flatMap { try? decoder.decode(ArticleFacts.self, from: Data($0.utf8)) }, received: received)
        }
    }

    public func queueStatus() throws -> QueueStatus {
        guard let row = try query("""
            SELECT count(*)::bigint, extract(epoch FROM clock_timestamp())::float8 - min(queued) FROM inbox
            """).first else { return QueueStatus(depth: 0, oldestSeconds: nil) }
        let (depth, oldest) = try row.decode((Int64, Double?).self)
        return QueueStatus(depth: Int(depth), oldestSeconds: oldest)
    }

    public func changeCount() throws -> Int64 {
        try query("SELECT last_value FROM desk_changes").first?.decode(Int64.self) ?? 0
    }

    /// Moves the change count, after the commit (a reader that sees the new count sees the change).
    private func noteChange() {
        _ = try? query("SELECT nextval('desk_changes')")
    }

    public func abandonedStaleStories(unchangedFor seconds: Double) throws -> [Int] {
        var b = PostgresBindings()
        b.append(Date().timeIntervalSince1970 - seconds)
        return try query("""
            SELECT id FROM story WHERE digest_article_count <> article_count AND coalesce(placed, 0) < $1 ORDER BY id
            """, b).map { Int(try $0.decode(Int64.self)) }
    }

    // MARK: - Reading

    static let storyColumns = """
        story.id, story.headline, story.article_count, story.outlets::text, story.first, story.last, story.importance,
        story.top_entities::text, story.digest_article_count, story.updated
        """

    public func stories(_ query: StoryListQuery) throws -> StoryList {
        let now = try self.query("SELECT max(last) FROM story").first?.decode(Double?.self) ?? 0
        var binds = PostgresBindings()
        var conditions: [String] = []
        func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let since = query.since { conditions.append("last >= \(bind(since))") }
        if let until = query.until { conditions.append("(last < \(bind(until)) OR last IS NULL)") }
        if let outlet = query.outlet { conditions.append("id IN (SELECT story FROM story_outlet WHERE outlet = \(bind(outlet)))") }
        if let entity = query.entity { conditions.append("id IN (SELECT story FROM story_entity WHERE entity = \(bind(Int64(entity))))") }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try self.query("SELECT count(*)::bigint FROM story \(filter)", binds).first?.decode(Int64.self) ?? 0
        let nowMark = bind(now)
        let limit = bind(Int64(max(0, min(query.limit, 500))))
        let offset = bind(Int64(max(0, query.offset)))
        // The same recency rule as SQLite's (SQLiteStore.rankExpression).
        let rank = "importance / (1.0 + greatest(0.0, (\(nowMark)::float8 - coalesce(last, \(nowMark)::float8))) / 86400.0)"
        let rows = try self.query("""
            SELECT \(Self.storyColumns) FROM story \(filter) ORDER BY \(rank) DESC, id LIMIT \(limit) OFFSET \(offset)
            """, binds)
        return StoryList(stories: try rows.map { try Self.storyRecord($0) }, total: Int(total))
    }

    public func story(id: Int) throws -> StoryRecord? {
        var b = PostgresBindings()
        b.append(Int64(id))
        return try query("""
            SELECT \(Self.storyColumns), story_digest.digest FROM story LEFT JOIN story_digest ON story_digest.story = story.id
            WHERE story.id = $1
            """, b).first.map { try Self.storyRecord($0, digest: true) }
    }

    static let articleColumns = "a.seq, t.clean::text, a.story, a.duplicate_of, a.same_as, a.received, a.id"

    public func articles(inStory id: Int) throws -> [ArticleRecord] {
        var b = PostgresBindings()
        b.append(Int64(id))
        return try query("""
            SELECT \(Self.articleColumns) FROM article a JOIN article_text t USING (seq) WHERE a.story = $1 ORDER BY a.seq
            """, b).map(Self.articleRecord)
    }

    public func article(id: String) throws -> ArticleRecord? {
        var b = PostgresBindings()
        b.append(id)
        return try query("SELECT \(Self.articleColumns) FROM article a JOIN article_text t USING (seq) WHERE a.id = $1", b)
            .first.map(Self.articleRecord)
    }

    public func entity(id: Int) throws -> EntityRecord? {
        var b = PostgresBindings()
        b.append(Int64(id))
        guard let row = try query("SELECT id, name, kind, variants::text, mentions FROM entity WHERE id = $1", b).first else { return nil }
        var entity = try Self.entityRecord(row)
        entity.stories = try query("""
            SELECT story_entity.story, story_entity.mentions FROM story_entity JOIN story ON story.id = story_entity.story
            WHERE entity = $1 ORDER BY story.last DESC NULLS LAST, story.id LIMIT 200
            """, b).map { row in
            let (story, mentions) = try row.decode((Int64, Int).self)
            return (Int(story), mentions)
        }
        return entity
    }

    public func stories(withEntity id: Int, limit: Int) throws -> [StoryRecord] {
        var b = PostgresBindings()
        b.append(Int64(id))
        b.append(Int64(limit))
        return try query("""
            SELECT \(Self.storyColumns), story_digest.digest FROM story_entity JOIN story ON story.id = story_entity.story
            LEFT JOIN story_digest ON story_digest.story = story.id
            WHERE entity = $1 ORDER BY story.last DESC NULLS LAST, story.id LIMIT $2
            """, b).map { try Self.storyRecord($0, digest: true) }
    }

    public func search(_ query: SearchQuery) throws -> SearchResults {
        do {
            // One connection, one snapshot (REPEATABLE READ) for every pass of the search.
            return try connections.with { connection in
                try BlockingConnections.run(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                defer { if !connection.isClosed { _ = try? BlockingConnections.run(connection, "COMMIT", logger: logger) } }
                return try StoreSearch.run(query, on: PostgresSearchIndex(connection: connection, logger: logger))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("PostgreSQL: \(Self.describe(error))")
        }
    }

    public func stats() throws -> StoreStats {
        var b = PostgresBindings()
        b.append(location.schema)
        guard let row = try query("""
            SELECT (SELECT coalesce(max(seq), 0) FROM article)::bigint, (SELECT coalesce(max(id) + 1, 0) FROM story)::bigint,
                   (SELECT count(*) FROM entity)::bigint, (SELECT max(last) FROM story),
                   (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r')::bigint
            """, b).first else { return StoreStats(articles: 0, stories: 0, entities: 0, bytes: 0, newestArticle: nil) }
        // Arrival numbers and story ids are dense from their first value: the largest counts the rows.
        let (articles, stories, entities, newest, bytes) = try row.decode((Int64, Int64, Int64, Double?, Int64).self)
        return StoreStats(articles: Int(articles), stories: Int(stories), entities: Int(entities), bytes: bytes, newestArticle: newest)
    }

    // MARK: - Rows

    static func jsonText<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return jsonText((try? encoder.encode(value)) ?? Data("[]".utf8))
    }

    /// JSON for a JSONB column. PostgreSQL text cannot hold U+0000, which JSON writes as `\u0000`:
    /// such characters (never meaningful in an article) are dropped.
    static func jsonText(_ data: Data) -> String {
        // Looked for over the bytes: Foundation's string search costs more than the encoding.
        let escape = Array("\\u0000".utf8)
        let bytes = [UInt8](data)
        guard bytes.count >= escape.count else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        var i = 0
        var found = false
        while i < bytes.count {
            if bytes[i] == 0x5C, i + escape.count <= bytes.count, bytes[i..<(i + escape.count)].elementsEqual(escape),
               !precededByOddBackslashes(bytes, i) {
                if !found { out = Array(bytes[..<i]); found = true }
                i += escape.count
                continue
            }
            if found { out.append(bytes[i]) }
            i += 1
        }
        return String(decoding: found ? out : bytes, as: UTF8.self)
    }

    /// Whether the backslash at `i` is itself escaped (`\\u0000` is the text \u0000, not U+0000).
    private static func precededByOddBackslashes(_ bytes: [UInt8], _ i: Int) -> Bool {
        var count = 0
        var j = i - 1
        while j >= 0, bytes[j] == 0x5C { count += 1; j -= 1 }
        return count % 2 == 1
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?, default value: T) -> T {
        guard let text else { return value }
        return (try? JSONDecoder().decode(T.self, from: Data(text.utf8))) ?? value
    }

    static func storyRecord(_ row: PostgresRow) throws -> StoryRecord {
        try storyRecord(row, digest: false)
    }

    static func storyRecord(_ row: PostgresRow, digest: Bool) throws -> StoryRecord {
        let cells = row.makeRandomAccess()
        let record = StoryRecord(
            id: Int(try cells[0].decode(Int64.self)), headline: try cells[1].decode(String.self),
            articleCount: try cells[2].decode(Int.self),
            outlets: decode([String].self, try cells[3].decode(String.self), default: []),
            first: try cells[4].decode(Double?.self), last: try cells[5].decode(Double?.self),
            importance: try cells[6].decode(Double.self),
            topEntities: decode([EntityRef].self, try cells[7].decode(String.self), default: []),
            digestJSON: digest ? try cells[10].decode(String?.self) : nil,
            digestArticleCount: try cells[8].decode(Int.self), updated: try cells[9].decode(Double?.self))
        return record
    }

    static func articleRecord(_ row: PostgresRow) throws -> ArticleRecord {
        let (seq, clean, story, duplicateOf, sameAs, received, id) =
            try row.decode((Int64, String, Int64, String?, String?, Double, String).self)
        let article = (try? JSONDecoder().decode(CleanArticle.self, from: Data(clean.utf8))) ?? CleanArticle(id: id, source: .url(""))
        return ArticleRecord(seq: seq, article: article, story: Int(story), duplicateOf: duplicateOf, sameAs: sameAs, received: received)
    }

    static func entityRecord(_ row: PostgresRow) throws -> EntityRecord {
        let (id, name, kind, variants, mentions) = try row.decode((Int64, String, String, String, Int).self)
        return EntityRecord(id: Int(id), name: name, kind: EntityKind(label: Substring(kind)) ?? .miscellaneous,
                            variants: decode([String].self, variants, default: []), mentions: mentions)
    }
}

extension JSONEncoder {
    /// How the stores write a clean article (slashes as they are).
    static var articles: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}
