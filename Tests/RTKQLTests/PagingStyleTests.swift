import Foundation
import RTKQL
import RTKQLSandbox
import Testing

/// The three paging styles of the published schemas, each SELECTed through the engine from the sandbox:
/// every row, and exactly the pages needed.
@Suite struct PagingStyleTests {
    /// `paging {total_count}` beside `data` (meetings): the first page's total plans the others; the
    /// server's cap of 5 rows a page is what later pages ask for.
    @Test func totalBesideDataPlansEveryPage() async throws {
        try await SandboxFixture.with(perPageCap: 5) { fixture in
            let result = try await fixture.engine.query("""
                SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope)
                """)
            #expect(result.rows == [[.integer(12), .integer(12)]])
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/meetings"
            #expect(await fixture.requestLines().sorted() == [
                "GET \(base)?page_no=1&per_page=100", "GET \(base)?page_no=2&per_page=5", "GET \(base)?page_no=3&per_page=5",
            ])
        }
    }

    /// `paging` inside `data` (livestreams: `{data: {livestreams: [...], paging: {...}}}`).
    @Test func totalInsideDataPlansEveryPage() async throws {
        try await SandboxFixture.with(perPageCap: 2) { fixture in
            let result = try await fixture.engine.query("""
                SELECT name, status FROM cloudflare.realtime_kit.kit_livestreams WHERE \(fixture.scope) ORDER BY name
                """)
            #expect(result.rows.count == 3)
            #expect(result.rows.map { $0[1] } .filter { $0 == .text("LIVE") }.count == 1)
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/livestreams"
            let lines = await fixture.requestLines().sorted()
            // The query keys in the order the operation lists them (per_page first).
            #expect(lines == ["GET \(base)?per_page=100&page_no=1", "GET \(base)?per_page=2&page_no=2"], "\(lines)")
        }
    }

    /// No paging object (sessions: one per recording): pages are asked for one after another until one
    /// comes back short.
    @Test func withoutPagingObjectPagesUntilAShortPage() async throws {
        try await SandboxFixture.with(recordings: 240) { fixture in
            let result = try await fixture.engine.query("""
                SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.sessions WHERE \(fixture.scope)
                """)
            #expect(result.rows == [[.integer(240), .integer(240)]])
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/sessions"
            #expect(await fixture.requestLines() == [
                "GET \(base)?page_no=1&per_page=100", "GET \(base)?page_no=2&per_page=100", "GET \(base)?page_no=3&per_page=100",
            ])
        }
    }

    /// No paging object and a last full page: the empty page after it ends the list.
    @Test func withoutPagingObjectAnEmptyPageEndsTheList() async throws {
        try await SandboxFixture.with(recordings: 200) { fixture in
            let result = try await fixture.engine.query("SELECT count(*) FROM cloudflare.realtime_kit.sessions WHERE \(fixture.scope)")
            #expect(result.rows == [[.integer(200)]])
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/sessions"
            #expect(await fixture.requestLines() == [
                "GET \(base)?page_no=1&per_page=100", "GET \(base)?page_no=2&per_page=100", "GET \(base)?page_no=3&per_page=100",
            ])
        }
    }
}
