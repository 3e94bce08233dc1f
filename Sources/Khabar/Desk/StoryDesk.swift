import Foundation
import KhabarText
import Logging

/// The live story engine: articles in (one at a time or in batches), the same stages as the batch
/// CLI — clean → analyse → extract (across cores), then dedupe → cluster → entity catalog in
/// arrival order — and every placed article committed to the store before its caller hears back.
/// Touched stories' digests are remade a moment later (`DigestRefresher`), never the whole world.
///
/// After a restart the desk replays the stored articles through the same stages, so the next
/// article lands exactly where an uninterrupted run would have put it.
public final class StoryDesk: @unchecked Sendable {
    public struct Options: Sendable {
        /// Stories whose last article is older than this (behind the newest article) are closed:
        /// kept in the store and searchable, but their articles leave memory.
        public var liveWindow: Double = 7 * 86_400
        /// Placements between two looks for stories to close.
        public var closeCheckEvery = 1000
        /// Cores for cleaning, analysis, extraction and digests.
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// How far below normal CPU priority that work runs (Linux nice steps), so that reads stay
        /// quick while a heavy ingest uses the rest of the machine.
        public var workNice: Int32 = 5
        public init() {}
    }

    public let store: any StoryStore
    public let options: Options
    public let reader: InputReader
    let cleaner = Cleaner()
    let analyser = ArticleAnalyser()
    let extractors = FactExtractorPool()
    let digester: StoryDigester = {
        var digester = StoryDigester()
        digester.memos = DigestMemos()
        return digester
    }()
    let dates = DateExtractor()
    static let logger = Logger(label: "khabar.desk")
    /// Threads for the order-free work (preparing articles, making digests).
    let workers: DeskWorkers

    /// The store as several desks share it (PostgreSQL), or nil when this desk owns its store.
    let shared: (any SharedStoryStore)?
    /// One placing-lease holder per process at a time.
    private let leaseHolder = NSLock()
    /// Called when stories need digests that no ingest of ours announced (a dead desk's); the
    /// server's `DigestRefresher` sets it.
    public var onStoriesChanged: (@Sendable () -> Void)? {
        // Not under `lock`: the replay holds that for as long as it takes, and the server sets
        // this before it starts serving.
        get { changes.withLock { storiesChangedHandler } }
        set { changes.withLock { storiesChangedHandler = newValue } }
    }
    private var storiesChangedHandler: (@Sendable () -> Void)?

    /// Guards the placed state: placing holds it; a digest refresh only to take its stories' members.
    private let lock = NSLock()
    /// One digest refresh at a time.
    private let refreshing = NSLock()
    private let changes = NSLock()
    private var changeCount = 0

    /// Goes up whenever the store changes (articles placed, digests written): what readers cache
    /// is good while it stays the same.
    public var generation: Int { changes.withLock { changeCount } }

    private func noteChange() { changes.withLock { changeCount += 1 } }

    /// Articles this desk has placed (its own and others' it placed under the lease) and the
    /// seconds it spent placing them: the serial part of ingest, the placer's ceiling.
    public var placingTotals: (articles: Int, seconds: Double) { changes.withLock { (placedArticles, placingSeconds) } }
    private var placedArticles = 0
    private var placingSeconds = 0.0

    private func notePlacing(_ articles: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        changes.withLock {
            placedArticles += articles
            placingSeconds += seconds
        }
    }
    private let ready = DispatchGroup()
    private var state = PlacedState()
    private var replayError: String?

    /// Opens the desk over `store`; the replay of stored articles runs in the background and ingest
    /// waits for it (reads are served from the store at once).
    public init(store: any StoryStore, reader: InputReader = InputReader(), options: Options = Options()) {
        self.store = store
        self.reader = reader
        self.options = options
        workers = DeskWorkers(count: options.jobs, nice: options.workNice)
        shared = store as? any SharedStoryStore
        ready.enter()
        // The thread holds the desk weakly: following a shared store ends when the desk goes.
        let weakDesk = WeakDesk(self)
        Thread.detachNewThread {
            var shared: (any SharedStoryStore)?
            do {
                guard let desk = weakDesk.desk else { return }
                desk.lock.lock()
                desk.replay()
                desk.lock.unlock()
                desk.ready.leave()
                shared = desk.shared
            }
            if let shared { Self.followSharedStore(shared, desk: weakDesk) }
        }
    }

    /// Blocks until the replay has finished.
    public func waitUntilReady() { ready.wait() }

    public var isReady: Bool { ready.wait(timeout: .now()) == .success }

    // MARK: - Ingest

    /// Prepares (in parallel), places (in order) and stores each input. One outcome per input, in
    /// input order: where the article went, that it was already stored, or why it was refused.
    public func ingest(_ inputs: [ReadOutcome]) -> [IngestOutcome] {
        waitUntilReady()
        let now = Date().timeIntervalSince1970
        let prepared = workers.map(count: inputs.count) { [self] i in
            inputs[i].map { (prepare($0), now) }
        }
        return place(prepared)
    }

    /// Ingests articles that are already clean (an export of another store, in its arrival
    /// order), keeping the time each was first received. Cleaning is not run again: a store moved
    /// from SQLite to PostgreSQL places exactly the same texts.
    public func ingestClean(_ articles: [(article: CleanArticle, received: Double)]) -> [IngestOutcome] {
        waitUntilReady()
        let prepared = workers.map(count: articles.count) { [self] i -> Result<(PreparedArticle, Double), InputError> in
            .success((prepare(clean: articles[i].article), articles[i].received))
        }
        return place(prepared)
    }

    /// Places prepared articles in order and commits them as one batch; on a shared store,
    /// through its queue and placing lease (`placeShared`).
    private func place(_ prepared: [Result<(PreparedArticle, Double), InputError>]) -> [IngestOutcome] {
        if let shared { return placeShared(prepared, on: shared) }
        lock.lock()
        defer { lock.unlock() }
        if let replayError {
            return prepared.map { _ in .notStored(id: nil, message: "the desk could not load its store: \(replayError)") }
        }
        let started = ContinuousClock.now
        let before = state.ids.count
        defer { notePlacing(max(0, state.ids.count - before), since: started) }
        let placement = placeLocked(prepared)
        guard !placement.batch.articles.isEmpty else { return placement.outcomes }
        do {
            try store.commit(placement.batch)
        } catch {
            let message = refusedBatch(error)
            return placement.outcomes.map { outcome in
                switch outcome {
                case .stored(let id, _, _), .sameText(let id, _, _): return .notStored(id: id, message: message)
                default: break
                }
                return outcome
            }
        }
        placed(placement)
        return placement.outcomes
    }

    /// What placing a run of articles gives: one outcome each, the batch to commit, and the
    /// stories whose digests it makes stale.
    private struct Placement {
        var outcomes: [IngestOutcome] = []
        var batch = PlacedBatch(articles: [], duplicateChanges: [], stories: [])
        var dirty = Set<Int>()
    }

    /// Places articles in memory, in order (the caller holds the lock and commits the batch).
    private func placeLocked(_ prepared: [Result<(PreparedArticle, Double), InputError>]) -> Placement {
        var placement = Placement()
        var touched = Set<Int>()
        var staled = Set<Int>()
        for item in prepared {
            switch item {
            case .failure(let error):
                placement.outcomes.append(.failed(id: nil, message: error.description))
            case .success(let (prepared, received)):
                var article = prepared
                if let known = state.indexByID[article.clean.id] {
                    placement.outcomes.append(.alreadyStored(id: state.ids[known], story: state.stories[known]))
                    continue
                }
                // The same text under a new id is placed like any article (so stories stay the
                // batch's) and kept as a row that points at the stored text.
                let original = state.indexByText[article.textHash].map { state.ids[$0] }
                var placed = state.place(&article, sameAs: original, received: received)
                staled.formUnion(placed.staled)
                // The facts as extracted, before placing numbered their entities (for a store that keeps them).
                placed.stored.facts = prepared.facts
                placement.batch.articles.append(placed.stored)
                placement.batch.duplicateChanges += placed.duplicateChanges
                touched.insert(placed.stored.story)
                if let original {
                    placement.outcomes.append(.sameText(id: article.clean.id, sameAs: original, story: placed.stored.story))
                } else {
                    placement.outcomes.append(.stored(id: article.clean.id, story: placed.stored.story,
                                                      duplicateOf: placed.stored.duplicateOf))
                }
            }
        }
        placement.batch.stories = touched.sorted().map(state.listRecord)
        placement.batch.staleDigests = staled.subtracting(touched).sorted()
        placement.dirty = touched.union(staled)
        return placement
    }

    /// After a placement is committed: readers' caches, digests due, stories to close.
    private func placed(_ placement: Placement) {
        noteChange()
        state.dirty.formUnion(placement.dirty)
        if state.closeStoriesOutsideWindow(options.liveWindow, every: options.closeCheckEvery) > 0 { Self.returnFreedMemory() }
    }

    /// Hands the pages that closed stories' articles freed back to the system. glibc keeps freed
    /// memory in per-thread arenas, and articles are made on the workers' threads and freed on the
    /// placer's: without this, a desk's resident size creeps up long after its heap stopped growing.
    static func returnFreedMemory() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }

    /// Nothing of the batch is stored: memory is rebuilt from the store, so the two agree.
    private func refusedBatch(_ error: Error) -> String {
        state = PlacedState()
        replay()
        let message = "the store refused the batch: \(error)"
        Self.logger.error("\(message)")
        return message
    }

    // MARK: - Several desks on one store

    /// Queues the articles (their arrival order), then under the placing lease catches up with
    /// what other desks placed and places the queue in order, up to the last of ours. Our own
    /// articles are placed as we prepared them; others' still queued (their desk waits for the
    /// lease, or died) are prepared here.
    private func placeShared(_ prepared: [Result<(PreparedArticle, Double), InputError>], on shared: any SharedStoryStore) -> [IngestOutcome] {
        var outcomes: [IngestOutcome?] = prepared.map { item in
            if case .failure(let error) = item { return .failed(id: nil, message: error.description) }
            return nil
        }
        let accepted: [(index: Int, article: PreparedArticle, received: Double)] = prepared.enumerated().compactMap { i, item in
            guard case .success(let (article, received)) = item else { return nil }
            return (i, article, received)
        }
        guard !accepted.isEmpty else { return outcomes.map { $0! } }
        if let replayError = lock.withLock({ self.replayError }) {
            for item in accepted { outcomes[item.index] = .notStored(id: item.article.clean.id, message: "the desk could not load its store: \(replayError)") }
            return outcomes.map { $0! }
        }
        let ticket: QueueTicket
        do {
            ticket = try shared.enqueue(accepted.map { ($0.article.clean, $0.article.facts, $0.received) })
        } catch {
            for item in accepted { outcomes[item.index] = .notStored(id: item.article.clean.id, message: "the store refused the articles: \(error)") }
            return outcomes.map { $0! }
        }
        var ours: [Int64: PreparedArticle] = [:]
        for (queueID, item) in zip(ticket.ids, accepted) { ours[queueID] = item.article }
        do {
            try placingLease(shared) {
                let placed = try drainQueueLocked(shared, upTo: ticket.ids.last, prepared: ours)
                // Ours that another desk placed first were replayed by the catch-up.
                for (queueID, item) in zip(ticket.ids, accepted) {
                    if let outcome = placed[queueID] { outcomes[item.index] = outcome; continue }
                    let id = item.article.clean.id
                    guard let index = state.indexByID[id] else {
                        outcomes[item.index] = .notStored(id: id, message: "queued, not placed yet")
                        continue
                    }
                    if Int64(index) < ticket.storedBefore {
                        outcomes[item.index] = .alreadyStored(id: id, story: state.stories[index])
                    } else if let first = state.indexByText[item.article.textHash], first != index {
                        outcomes[item.index] = .sameText(id: id, sameAs: state.ids[first], story: state.stories[index])
                    } else {
                        outcomes[item.index] = .stored(id: id, story: state.stories[index], duplicateOf: state.duplicateOf[index])
                    }
                }
            }
        } catch {
            // The articles stay queued: the next desk to take the lease places them.
            let message = "queued but not placed yet (\(error)); sending it again is safe"
            for item in accepted where outcomes[item.index] == nil { outcomes[item.index] = .notStored(id: item.article.clean.id, message: message) }
        }
        return outcomes.map { $0! }
    }

    /// Runs `body` holding the store's placing lease and the state lock, caught up with what
    /// other desks placed.
    private func placingLease(_ shared: any SharedStoryStore, _ body: () throws -> Void) throws {
        try leaseHolder.withLock {
            try shared.withPlacingLease {
                lock.lock()
                defer { lock.unlock() }
                let started = ContinuousClock.now
                let before = state.ids.count
                defer { notePlacing(max(0, state.ids.count - before), since: started) }
                try catchUpLocked(shared)
                try body()
            }
        }
    }

    /// Places the queue in order up to `last` (all of it when nil), in batches; our own
    /// prepared articles are used as they are. Returns the outcome per queue id.
    private func drainQueueLocked(_ shared: any SharedStoryStore, upTo last: Int64?,
                                  prepared ours: [Int64: PreparedArticle]) throws -> [Int64: IngestOutcome] {
        var outcomes: [Int64: IngestOutcome] = [:]
        while true {
            let queued = try shared.queued(upTo: last, limit: 1000)
            guard !queued.isEmpty else { break }
            let prepared = workers.map(count: queued.count) { [self] i -> Result<(PreparedArticle, Double), InputError> in
                .success((ours[queued[i].queueID] ?? prepare(clean: queued[i].article, facts: queued[i].facts), queued[i].received))
            }
            let placingStarted = ContinuousClock.now
            let placement = placeLocked(prepared)
            let committing = ContinuousClock.now
            do {
                try shared.commit(placement.batch, dequeuing: queued.map(\.queueID))
            } catch {
                _ = refusedBatch(error)
                throw error
            }
            placed(placement)
            Self.logger.debug("placed \(queued.count) queued articles: \(committing - placingStarted) in memory, \(ContinuousClock.now - committing) to commit")
            for (item, outcome) in zip(queued, placement.outcomes) { outcomes[item.queueID] = outcome }
            if queued.count < 1000 { break }
        }
        return outcomes
    }

    /// Places into memory what other desks stored since our last look (the caller holds the lock).
    private func catchUpLocked(_ shared: any SharedStoryStore) throws {
        var stored: [StoredArticle] = []
        try shared.forEachArticle(after: Int64(state.ids.count)) { stored.append($0) }
        guard !stored.isEmpty else { return }
        placeStored(stored)
        noteChange()
    }

    /// Keeps this desk in step with the others sharing its store: readers' caches follow every
    /// desk's changes, memory follows their placements, articles a dead desk left queued get
    /// placed, and digests a dead desk left behind get made. Runs until the process ends.
    private static func followSharedStore(_ shared: any SharedStoryStore, desk weakDesk: WeakDesk) {
        var seen: Int64 = -1
        var tick = 0
        // Ends when the desk is gone.
        while let desk = weakDesk.desk {
            desk.followStep(shared, tick: tick, seen: &seen)
            tick += 1
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    final class WeakDesk: @unchecked Sendable {
        weak var desk: StoryDesk?
        init(_ desk: StoryDesk) { self.desk = desk }
    }

    private func followStep(_ shared: any SharedStoryStore, tick: Int, seen: inout Int64) {
        // A replay that failed (the database was away) is tried again: until it succeeds this desk
        // refuses ingest, and no commit of its own would come to retry it.
        if tick % 8 == 2, lock.try() {
            if replayError != nil {
                state = PlacedState()
                replay()
            }
            lock.unlock()
        }
        if let count = try? shared.changeCount(), count != seen {
            seen = count
            noteChange()
        }
        if tick % 8 == 0, lock.try() {
            do { try catchUpLocked(shared) } catch { Self.logger.warning("catching up with the store failed: \(error)") }
            lock.unlock()
        }
        if tick % 8 == 4, let queue = try? shared.queueStatus(), let oldest = queue.oldestSeconds, oldest > 5 {
            Self.logger.info("placing \(queue.depth) queued articles left waiting for \(Int(oldest)) s")
            do {
                try placingLease(shared) { _ = try drainQueueLocked(shared, upTo: nil, prepared: [:]) }
                onStoriesChanged?()
            } catch {
                Self.logger.warning("placing queued articles failed: \(error)")
            }
        }
        if tick % 40 == 20, let abandoned = try? shared.abandonedStaleStories(unchangedFor: 30), !abandoned.isEmpty {
            // Closed stories are not digested again (their articles left memory).
            let adopted = lock.withLock {
                let live = abandoned.filter { state.isLive($0) && !state.dirty.contains($0) }
                state.dirty.formUnion(live)
                return live
            }
            if !adopted.isEmpty { onStoriesChanged?() }
        }
    }

    /// `ingest` for async callers (the server): the blocking work runs off the caller's executor.
    /// Each call gets a thread of its own: `ingest` blocks (on the workers, then on the placing
    /// lock), and blocked threads of the shared pools would keep other requests waiting.
    public func ingestInBackground(_ inputs: [ReadOutcome]) async -> [IngestOutcome] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.ingest(inputs)) }
        }
    }

    /// Reads `data` as the CLI would read a file named `name` (JSON, JSON Lines, HTML, text,
    /// feeds) and ingests what it holds.
    public func ingest(data: Data, name: String) -> [IngestOutcome] {
        var inputs: [ReadOutcome] = []
        reader.read(data: data, name: name, id: name) { inputs.append($0) }
        return ingest(inputs)
    }

    /// One article through the stages that need no order: clean, analyse, extract.
    func prepare(_ raw: RawArticle) -> PreparedArticle {
        prepare(clean: cleaner.clean(raw))
    }

    /// A clean article through analysis and extraction.
    func prepare(clean: CleanArticle) -> PreparedArticle {
        prepare(clean: clean, facts: nil)
    }

    /// With the facts another desk extracted, when it kept them.
    func prepare(clean: CleanArticle, facts: ArticleFacts?) -> PreparedArticle {
        PreparedArticle(clean: clean, profile: analyser.profile(clean), facts: facts ?? extractors.extract(clean),
                        textHash: Self.textHash(clean))
    }

    /// FNV-1a over the matching-normalised title and body: the same text under another id or
    /// with other spacing, harakat or letter forms is one article.
    static func textHash(_ article: CleanArticle) -> String {
        var text = ArabicNormalizer.normalize((article.title ?? "") + "\n" + article.body)
        // Spaces and line breaks are ASCII bytes, never part of a longer UTF-8 sequence.
        let hash = text.withUTF8 { bytes in
            TermHash.hash(bytes.filter { $0 != 0x20 && $0 != 0x0A })
        }
        return TermHash.hex(hash)
    }

    // MARK: - Digests

    /// Stories placed into since their last digest.
    /// Stories closed so far (their articles are in the store only).
    public var closedStories: Set<Int> {
        lock.lock()
        defer { lock.unlock() }
        return state.closed
    }

    public var staleStories: Set<Int> {
        lock.lock()
        defer { lock.unlock() }
        return state.dirty
    }

    /// Remakes the digest of every story touched since the last refresh and stores them.
    /// Only taking the stories' members holds up ingest; the digests are made beside it.
    /// Returns the ids refreshed.
    @discardableResult
    public func refreshDigests() -> [Int] {
        waitUntilReady()
        refreshing.lock()
        defer { refreshing.unlock() }
        lock.lock()
        let ids = state.dirty.filter(state.isLive).sorted()
        state.dirty.removeAll()
        let inputs = ids.map { id in (members: state.members(of: id), summary: state.summary(of: id), record: state.listRecord(id)) }
        let entities = state.catalog.all
        lock.unlock()
        let started = Date()
        let (records, touchedEntities, newParts) = makeDigests(inputs, entities: entities)
        lock.withLock { state.keep(newParts) }
        if !records.isEmpty {
            let articles = inputs.reduce(0) { $0 + $1.members.count }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            Self.logger.debug("digests of \(records.count) stories (\(articles) articles, \(newParts.count) new) in \(seconds) s")
        }
        do {
            try store.saveDigests(records, entities: touchedEntities)
            if !records.isEmpty { noteChange() }
        } catch {
            Self.logger.error("digests not stored: \(error)")
            lock.lock()
            state.dirty.formUnion(ids)
            lock.unlock()
        }
        return ids
    }

    /// The digests of the given stories (members, list summary and list record taken under the
    /// lock), and the entities they name.
    /// Returns the digest parts made for members that had none, to keep for the next refresh.
    private func makeDigests(_ stories: [(members: [(index: Int, member: StoryMember)], summary: StorySummary, record: StoryRecord)],
                             entities: [CatalogEntity]) -> ([StoryRecord], [EntityRecord], [(index: Int, parts: MemberDigestParts)]) {
        guard !stories.isEmpty else { return ([], [], []) }
        let digester = self.digester, dates = self.dates
        let made = workers.map(count: stories.count) { k -> (StoryRecord, [StoryEntity], [(index: Int, parts: MemberDigestParts)]) in
            var members = stories[k].members.map(\.member)
            var newParts: [(index: Int, parts: MemberDigestParts)] = []
            for (m, (index, member)) in stories[k].members.enumerated() where member.digestParts == nil {
                let parts = digester.parts(of: member)
                members[m].digestParts = parts
                newParts.append((index, parts))
            }
            dates.anchorUndated(&members)
            let digest = digester.digest(stories[k].summary, members: members, entities: entities)
            var json = JSONWriter()
            json.beginObject()
            json.key("story")
            digest.write(to: &json)
            json.key("inferred_published")
            json.beginObject()
            for member in members {
                if let day = member.inferredPublication { json.field(member.article.id, day.iso8601) }
            }
            json.endObject()
            json.endObject()
            var record = stories[k].record
            record.headline = digest.headline
            record.topEntities = digest.notableEntities.prefix(6).map { EntityRef(id: $0.id, name: $0.name) }
            record.digestJSON = json.string
            record.digestArticleCount = members.count
            record.updated = Date().timeIntervalSince1970
            return (record, digest.entities, newParts)
        }
        var byEntity: [Int: EntityRecord] = [:]
        for (record, storyEntities, _) in made {
            for entity in storyEntities {
                if byEntity[entity.id] == nil, entity.id < entities.count {
                    let known = entities[entity.id]
                    byEntity[entity.id] = EntityRecord(id: known.id, name: known.name, kind: known.kind,
                                                       variants: known.variants, mentions: known.mentions)
                }
                byEntity[entity.id]?.stories.append((record.id, entity.mentions))
            }
        }
        return (made.map(\.0), byEntity.keys.sorted().map { byEntity[$0]! }, made.flatMap(\.2))
    }

    // MARK: - Replay

    /// Places stored articles into memory as they were placed (the caller holds the lock), and
    /// checks that each lands in the story the store says.
    private func placeStored(_ stored: [StoredArticle]) {
        var mismatches = 0
        var start = 0
        while start < stored.count {
            let end = min(stored.count, start + 512)
            let slice = stored[start..<end]
            let prepared = workers.map(count: slice.count) { [self] i in
                let item = slice[slice.startIndex + i]
                return PreparedArticle(clean: item.article, profile: analyser.profile(item.article),
                                       facts: item.facts ?? extractors.extract(item.article), textHash: item.textHash)
            }
            for (i, var article) in prepared.enumerated() {
                let placed = state.place(&article, sameAs: slice[slice.startIndex + i].sameAs,
                                         received: slice[slice.startIndex + i].received)
                if placed.stored.story != slice[slice.startIndex + i].story { mismatches += 1 }
            }
            state.closeStoriesOutsideWindow(options.liveWindow, every: options.closeCheckEvery)
            start = end
        }
        if mismatches > 0 {
            Self.logger.error("placed \(mismatches) stored articles in other stories than the store says")
        }
    }

    /// Rebuilds the in-memory state from the store (the caller holds the lock).
    private func replay() {
        var stored: [StoredArticle] = []
        do {
            try store.forEachArticle { stored.append($0) }
        } catch {
            replayError = "\(error)"
            Self.logger.error("replay failed: \(error)")
            return
        }
        replayError = nil
        guard !stored.isEmpty else { return }
        let started = Date()
        placeStored(stored)
        // Stories whose digest is behind their articles or their entities (a crash between ingest
        // and refresh); what placing marked during the replay was refreshed before the crash.
        state.dirty = Set((try? store.staleStoryIDs()) ?? [])
        Self.logger.info("replayed \(stored.count) articles in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}

/// What the desk says about one input.
public enum IngestOutcome: Sendable, Equatable {
    case stored(id: String, story: Int, duplicateOf: String?)
    case alreadyStored(id: String, story: Int)
    /// A new id whose text is already stored under `sameAs`: kept as a pointer, not a second copy.
    case sameText(id: String, sameAs: String, story: Int)
    /// The input holds no usable article (its reader's error).
    case failed(id: String?, message: String)
    /// The store could not take the article now; sending it again may work.
    case notStored(id: String?, message: String)

    public var isFailure: Bool {
        switch self {
        case .failed, .notStored: true
        default: false
        }
    }
}

/// An article after the order-free stages.
struct PreparedArticle: Sendable {
    var clean: CleanArticle
    var profile: ArticleProfile
    var facts: ArticleFacts
    var textHash: String
}

#if os(Linux)
/// glibc's malloc_trim (malloc.h is not in Swift's Glibc module).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
