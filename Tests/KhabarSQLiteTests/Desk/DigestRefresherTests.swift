import Foundation
import Testing
@testable import Khabar
import KhabarSQLite

@Suite("Digest refresher")
struct DigestRefresherTests {
    /// The digest lag counts from the first change not yet digested, and is 0 once a refresh has
    /// digested everything.
    @Test func digestLagCountsFromTheOldestUndigestedChange() throws {
        let temporary = try TemporaryDesk()
        defer { temporary.remove() }
        let desk = try temporary.open()
        // A long delay: nothing refreshes on its own during the test.
        let refresher = DigestRefresher(desk: desk, delay: 3600)
        #expect(refresher.lagSeconds == 0)
        _ = desk.ingest([SearchTests.articles[0]])
        refresher.storiesChanged()
        Thread.sleep(forTimeInterval: 0.2)
        _ = desk.ingest([SearchTests.articles[3]])
        refresher.storiesChanged()
        let lag = refresher.lagSeconds
        #expect(lag >= 0.2 && lag < 60, "from the first change, not the latest: \(lag)")
        refresher.flush()
        #expect(refresher.lagSeconds == 0)
        #expect(desk.staleStories.isEmpty)
    }
}
