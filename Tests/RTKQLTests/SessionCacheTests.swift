import Foundation
import RTKQL
import RTKQLSandbox
import RTKQLStorage
import Synchronization
import Testing

/// The session cache, narrower listings answered from held ones, request coalescing and LIMIT-aware
/// paging, against the sandbox over HTTP: the requests each statement sends, and rows equal to fetching
/// afresh.
@Suite struct SessionCacheTests {
    static let recordings = "cloudflare.realtime_kit.recordings"

    /// The listing requests the sandbox received since `count` of them.
    static func sent(_ fixture: SandboxFixture, since count: Int) async -> [String] {
        Array(await fixture.requestLines().dropFirst(count))
    }

    static func quickstart(_ fixture: SandboxFixture) throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/quickstart.iql").path
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    static func run(_ script: String, in session: Session) async throws -> [QueryResult] {
        var results: [QueryResult] = []
        for try await result in session.run(script) { results.append(try await result.collect()) }
        return results
    }

    @Test func theQuickstartSpendsFourRequestsAndPrintsWhatFetchingAfreshDoes() async throws {
        var cachedRows: [[[SQLValue]]] = []
        try await SandboxFixture.with { fixture in
            let session = Session(engine: fixture.engine, state: SessionState(variables: ["account_id": fixture.account, "app_id": fixture.app]))
            let results = try await SessionCacheTests.run(try SessionCacheTests.quickstart(fixture), in: session)
            cachedRows = results.map(\.rows)
            // SELECT * LIMIT 2: the first page only; ORDER BY: the other two pages; GROUP BY: nothing new;
            // status = 'UPLOADED': answered by the listing held; the join: the meetings' one page.
            #expect(results.map(\.requestCount) == [1, 2, 0, 0, 1])
            #expect(results.map(\.answeredFromCache) == [0, 1, 3, 3, 3])
            #expect(await fixture.requestLines().count == 4)
        }
        try await SandboxFixture.with(configure: { $0.cacheTTL = .zero }) { fixture in
            let session = Session(engine: fixture.engine, state: SessionState(variables: ["account_id": fixture.account, "app_id": fixture.app]))
            let results = try await SessionCacheTests.run(try SessionCacheTests.quickstart(fixture), in: session)
            #expect(results.map(\.rows) == cachedRows)
            #expect(results.map(\.answeredFromCache) == [0, 0, 0, 0, 0])
            // ORDER BY invoked_time DESC LIMIT 5 asks for the newest first: one page.
            #expect(results.map(\.requestCount) == [1, 1, 3, 2, 4], "\(results.map(\.requestCount))")
        }
    }

    @Test func aNarrowerListingIsAnsweredByTheListingHeld() async throws {
        try await SandboxFixture.with { fixture in
            let session = Session(engine: fixture.engine)
            let scope = fixture.scope
            let all = try await session.execute("SELECT count(*), min(meeting->>'id') FROM \(SessionCacheTests.recordings) WHERE \(scope)")
            guard case .text(let meeting)? = all.rows.first?[1] else { Issue.record("no meeting"); return }
            let held = await fixture.requestLines().count
            #expect(held == 3)

            let uploaded = try await session.execute("SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE \(scope) AND status = 'UPLOADED'")
            let statuses = try await session.execute("""
                SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE \(scope) AND status IN ('PAUSED', 'ERRORED')
                """)
            let ofMeeting = try await session.execute("SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE \(scope) AND meeting_id = '\(meeting)'")
            #expect(await fixture.requestLines().count == held)
            #expect([uploaded, statuses, ofMeeting].map(\.answeredFromCache) == [3, 3, 3])

            // The API compares UUIDs whatever their case, SQLite does not: an upper-case one is sent.
            let upper = try await session.execute(
                "SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE \(scope) AND meeting_id = '\(meeting.uppercased())'")
            #expect(await SessionCacheTests.sent(fixture, since: held)
                    == ["GET /client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings?meeting_id=\(meeting.uppercased())&page_no=1&per_page=100"])
            #expect(upper.rows == [[.integer(0)]] || upper.rows != ofMeeting.rows)

            // The same counts as the API's own filtering.
            let fresh = Session(engine: Engine(configuration: {
                var configuration = fixture.engine.configuration
                configuration.cacheTTL = .zero
                return configuration
            }()))
            for (sql, cached) in [("status = 'UPLOADED'", uploaded), ("status IN ('PAUSED', 'ERRORED')", statuses), ("meeting_id = '\(meeting)'", ofMeeting)] {
                let filtered = try await fresh.execute("SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE \(scope) AND \(sql)")
                #expect(filtered.rows == cached.rows, "\(sql)")
                #expect(filtered.answeredFromCache == 0)
            }
        }
    }

    @Test func aMutationMakesTheNextReadFetch() async throws {
        try await SandboxFixture.with { fixture in
            let session = Session(engine: fixture.engine)
            let recording = try await session.execute("""
                SELECT id FROM \(SessionCacheTests.recordings) WHERE \(fixture.scope) AND status = 'RECORDING' ORDER BY id LIMIT 1
                """)
            guard case .text(let id)? = recording.rows.first?.first else { Issue.record("no recording"); return }
            let before = await fixture.requestLines().count
            _ = try await session.execute("""
                REPLACE \(SessionCacheTests.recordings) SET action = 'pause' WHERE \(fixture.scope) AND recording_id = '\(id)'
                """)
            let after = try await session.execute("SELECT status FROM \(SessionCacheTests.recordings) WHERE \(fixture.scope) AND id = '\(id)'")
            #expect(after.rows == [[.text("PAUSED")]])
            #expect(after.answeredFromCache == 0)
            #expect(await fixture.server.requests().filter { $0.method == "GET" }.count == before + 1)
            // Another account's answers stay.
            #expect(fixture.engine.configuration.cacheTTL == .seconds(60))
        }
    }

    @Test func answersExpireAfterTheTimeToLive() async throws {
        try await SandboxFixture.with(recordings: 20, configure: { $0.cacheTTL = .seconds(4) }) { fixture in
            let session = Session(engine: fixture.engine)
            let sql = "SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE \(fixture.scope)"
            #expect(try await session.execute(sql).requestCount == 1)
            #expect(try await session.execute(sql).answeredFromCache == 1)
            try await Task.sleep(for: .milliseconds(4_500))
            let expired = try await session.execute(sql)
            #expect(expired.requestCount == 1 && expired.answeredFromCache == 0)
            #expect(await fixture.requestLines().count == 2)
        }
    }

    @Test func purgeAndTheSessionSettingsEmptyOrBypassTheCache() async throws {
        try await SandboxFixture.with(recordings: 20) { fixture in
            let session = Session(engine: fixture.engine)
            let recordings = "SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE \(fixture.scope)"
            let meetings = "SELECT count(*) FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope)"
            _ = try await session.execute(recordings)
            _ = try await session.execute(meetings)
            #expect(session.cache.summary.pagesByResource == ["cloudflare.realtime_kit.recordings": 1, "cloudflare.realtime_kit.kit_meetings": 1])
            let purged = try await session.execute("PURGE cloudflare.realtime_kit.kit_meetings")
            #expect(purged.notice == "purged 1 cached page of cloudflare.realtime_kit.kit_meetings")
            #expect(try await session.execute(recordings).requestCount == 0)
            #expect(try await session.execute(meetings).requestCount == 1)
            #expect(try await session.execute("PURGE").notice == "purged 2 cached pages")
            #expect(try await session.execute(recordings).requestCount == 1)
            session.update { $0.settings.cacheTTL = .zero }
            #expect(try await session.execute(recordings).requestCount == 1)
            #expect(await fixture.requestLines().count == 5)
            let unknown = await #expect(throws: RTKQLError.self) { try await session.execute("PURGE cloudflare.realtime_kit.recording") }
            #expect(unknown?.description.hasPrefix("unknown resource cloudflare.realtime_kit.recording") == true, "\(String(describing: unknown))")
        }
    }

    @Test func oneStatementFetchesEachDistinctCallOnceEvenWithTheCacheOff() async throws {
        try await SandboxFixture.with(configure: { $0.cacheTTL = .zero }) { fixture in
            let result = try await fixture.engine.query("""
                SELECT count(*) FROM \(SessionCacheTests.recordings) a JOIN \(SessionCacheTests.recordings) b ON b.id = a.id
                WHERE a.account_id = '\(fixture.account)' AND a.app_id = '\(fixture.app)'
                  AND b.account_id = '\(fixture.account)' AND b.app_id = '\(fixture.app)'
                """)
            #expect(result.rows == [[.integer(240)]])
            #expect(result.requestCount == 3 && result.answeredFromCache == 3)
            #expect(await fixture.requestLines().count == 3)
        }
    }

    @Test func identicalReadsInFlightShareOneRequest() async throws {
        var configuration = SandboxConfiguration()
        configuration.recordingsPerApp = 30
        configuration.latencyMs = 400
        try await withSandboxServer(configuration) { server in
            let engine = Engine(configuration: EngineConfiguration(baseURL: server.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken)))
            let sql = "SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE account_id = '\(SandboxConfiguration.demoAccountID)' "
                + "AND app_id = '\(SandboxConfiguration.demoAppIDs[0])'"
            // Two sessions (as two clients of a server front end) ask at the same time.
            async let first = Session(engine: engine).execute(sql)
            async let second = Session(engine: engine).execute(sql)
            let results = try await [first, second]
            #expect(results.map(\.rows) == [[[.integer(30)]], [[.integer(30)]]])
            #expect(results.map(\.requestCount).sorted() == [0, 1])
            #expect(results.map(\.answeredFromCache).sorted() == [0, 1])
            #expect(await server.requests().count == 1)
        }
    }

    @Test func limitStopsPagingOnceTheRowsAreIn() async throws {
        try await SandboxFixture.with(configure: { $0.cacheTTL = .zero }) { fixture in
            let from = "FROM \(SessionCacheTests.recordings) WHERE \(fixture.scope)"
            let everything = try await fixture.engine.query("SELECT id \(from)")
            #expect(everything.requestCount == 3)
            let cases: [(String, Int, [[SQLValue]])] = [
                ("SELECT id \(from) LIMIT 2", 1, Array(everything.rows.prefix(2))),
                ("SELECT id \(from) LIMIT 150", 2, Array(everything.rows.prefix(150))),
                ("SELECT id \(from) LIMIT 10 OFFSET 95", 2, Array(everything.rows.dropFirst(95).prefix(10))),
                ("SELECT id \(from) LIMIT 0", 0, []),
                // The result depends on rows past the first ones: every page.
                ("SELECT id \(from) ORDER BY id LIMIT 2", 3, Array(everything.rows.sorted { "\($0[0])" < "\($1[0])" }.prefix(2))),
                ("SELECT count(*) \(from) LIMIT 2", 3, [[.integer(240)]]),
                ("SELECT DISTINCT id \(from) LIMIT 2", 3, Array(everything.rows.prefix(2))),
            ]
            for (sql, requests, rows) in cases {
                let result = try await fixture.engine.query(sql)
                #expect(result.requestCount == requests, "\(sql)")
                #expect(result.rows == rows, "\(sql)")
            }
            // A condition SQLite alone evaluates may drop any row: every page.
            let filtered = try await fixture.engine.query("SELECT id \(from) AND file_size > 0 LIMIT 2")
            #expect(filtered.requestCount == 3)
            // Several apps: listed one after another, only as far as the rows are needed.
            let apps = try await fixture.engine.query("""
                SELECT id FROM \(SessionCacheTests.recordings) WHERE account_id = '\(fixture.account)'
                AND app_id IN ('\(fixture.app)', '\(fixture.otherApp)') LIMIT 2
                """)
            #expect(apps.requestCount == 1 && apps.rows == Array(everything.rows.prefix(2)))
            let plan = try await fixture.engine.query("EXPLAIN SELECT id \(from) LIMIT 2")
            guard case .text(let note)? = plan.rows.first?[6] else { Issue.record("no note"); return }
            #expect(note.contains("pages only until 2 rows are in (LIMIT, with no ORDER BY, grouping or condition left to SQLite), 100 rows per page"))
        }
    }

    /// The text of a SQL value, for sorting expected rows.
    static func text(_ value: SQLValue) -> String {
        if case .text(let text) = value { return text }
        return "\(value)"
    }

    @Test func anOrderTheAPISortsByReadsOnlyTheFirstRowsOfThatOrder() async throws {
        try await SandboxFixture.with(configure: { $0.cacheTTL = .zero }) { fixture in
            let recordings = SessionCacheTests.recordings
            let from = "FROM \(recordings) r WHERE \(fixture.scope)"
            let everything = try await fixture.engine.query("SELECT id, invoked_time, file_size \(from)")
            #expect(everything.requestCount == 3 && everything.rows.count == 240)
            let newest = everything.rows.sorted { Self.text($0[1]) > Self.text($1[1]) }
            #expect(Set(newest.map { Self.text($0[1]) }).count == 240, "the cases below assume no two recordings share invoked_time")
            let base = "GET /client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings"
            let cases: [(sql: String, requests: [String], rows: [[SQLValue]])] = [
                ("SELECT id \(from) ORDER BY invoked_time DESC LIMIT 5",
                 [base + "?page_no=1&per_page=100&sort_by=invokedTime&sort_order=DESC"], newest.prefix(5).map { [$0[0]] }),
                ("SELECT id \(from) ORDER BY r.invoked_time LIMIT 3 OFFSET 100",
                 [base + "?page_no=1&per_page=100&sort_by=invokedTime&sort_order=ASC",
                  base + "?page_no=2&per_page=100&sort_by=invokedTime&sort_order=ASC"],
                 newest.reversed().dropFirst(100).prefix(3).map { [$0[0]] }),
                ("SELECT id, invoked_time AS invoked_time \(from) ORDER BY 2 DESC LIMIT 1",
                 [base + "?page_no=1&per_page=100&sort_by=invokedTime&sort_order=DESC"], [Array(newest[0].prefix(2))]),
            ]
            for (sql, requests, rows) in cases {
                let before = await fixture.requestLines().count
                let result = try await fixture.engine.query(sql)
                #expect(await SessionCacheTests.sent(fixture, since: before).sorted() == requests.sorted(), "\(sql)")
                #expect(result.rows == rows, "\(sql)")
            }
            // Not the API's order: an alias naming another expression, a second key, a field it cannot sort by,
            // a condition left to SQLite: every page.
            for sql in ["SELECT id, file_size AS invoked_time \(from) ORDER BY invoked_time LIMIT 2",
                        "SELECT id \(from) ORDER BY invoked_time DESC, id LIMIT 2",
                        "SELECT id \(from) ORDER BY started_time DESC LIMIT 2",
                        "SELECT id \(from) AND file_size > 0 ORDER BY invoked_time DESC LIMIT 2"] {
                let result = try await fixture.engine.query(sql)
                #expect(result.requestCount == 3, "\(sql)")
            }
            // Two apps: each app's first rows in that order, and SQLite takes the newest of both.
            let both = try await fixture.engine.query("""
                SELECT app_id, id, invoked_time FROM \(recordings) WHERE account_id = '\(fixture.account)'
                AND app_id IN ('\(fixture.app)', '\(fixture.otherApp)')
                """)
            let apps = try await fixture.engine.query("""
                SELECT app_id, id FROM \(recordings) WHERE account_id = '\(fixture.account)'
                AND app_id IN ('\(fixture.app)', '\(fixture.otherApp)') ORDER BY invoked_time DESC LIMIT 4
                """)
            #expect(apps.requestCount == 2)
            #expect(apps.rows == both.rows.sorted { Self.text($0[2]) > Self.text($1[2]) }.prefix(4).map { Array($0.prefix(2)) })
            // Sessions sort by created_at (and minutes_consumed).
            let before = await fixture.requestLines().count
            _ = try await fixture.engine.query(
                "SELECT id FROM cloudflare.realtime_kit.sessions WHERE \(fixture.scope) ORDER BY created_at LIMIT 1")
            #expect(await SessionCacheTests.sent(fixture, since: before)
                    == ["GET /client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/sessions?page_no=1&per_page=100&sort_by=createdAt&sort_order=ASC"])
            let plan = try await fixture.engine.query("EXPLAIN SELECT id \(from) ORDER BY invoked_time DESC LIMIT 5")
            guard case .text(let note)? = plan.rows.first?[6] else { Issue.record("no note"); return }
            #expect(note.contains("asked for in the order of ORDER BY invoked_time DESC, pages only until 5 rows are in (LIMIT), 100 rows per page"))
        }
    }

    @Test func aListingPartlyHeldIsCompletedWhenThatCostsLittleAndAskedForSortedOtherwise() async throws {
        // 240 recordings: after LIMIT 2 holds the first page, the two pages left are completed (the quickstart).
        try await SandboxFixture.with { fixture in
            let session = Session(engine: fixture.engine)
            let from = "FROM \(SessionCacheTests.recordings) WHERE \(fixture.scope)"
            _ = try await session.execute("SELECT * \(from) LIMIT 2")
            let explained = try await session.execute("EXPLAIN SELECT id \(from) ORDER BY invoked_time DESC LIMIT 5")
            guard case .text(let note)? = explained.rows.first?[6] else { Issue.record("no note"); return }
            #expect(note.contains("completing the listing the cache partly holds costs less than asking for it in the order of ORDER BY invoked_time DESC"))
            let latest = try await session.execute("SELECT id \(from) ORDER BY invoked_time DESC LIMIT 5")
            #expect(latest.requestCount == 2 && latest.answeredFromCache == 1)
        }
        // 1,000 recordings: nine pages left cost more than the one sorted page; asked again, it is held.
        try await SandboxFixture.with(recordings: 1_000) { fixture in
            let session = Session(engine: fixture.engine)
            let from = "FROM \(SessionCacheTests.recordings) WHERE \(fixture.scope)"
            _ = try await session.execute("SELECT * \(from) LIMIT 2")
            let first = try await session.execute("SELECT id \(from) ORDER BY invoked_time DESC LIMIT 5")
            let again = try await session.execute("SELECT id \(from) ORDER BY invoked_time DESC LIMIT 5")
            #expect(first.requestCount == 1 && again.requestCount == 0)
            #expect(again.answeredFromCache == 1 && again.rows == first.rows)
            let fresh = try await Session(engine: Engine(configuration: {
                var configuration = fixture.engine.configuration
                configuration.cacheTTL = .zero
                return configuration
            }())).execute("SELECT id FROM (SELECT id, invoked_time \(from)) ORDER BY invoked_time DESC LIMIT 5")
            #expect(fresh.requestCount == 10 && fresh.rows == first.rows)
        }
    }

    @Test func explainSaysWhatTheCacheWouldAnswer() async throws {
        try await SandboxFixture.with(recordings: 20) { fixture in
            let session = Session(engine: fixture.engine)
            let sql = "SELECT count(*) FROM \(SessionCacheTests.recordings) WHERE \(fixture.scope)"
            func note(_ statement: String) async throws -> String {
                let plan = try await session.execute("EXPLAIN " + statement)
                guard case .text(let note)? = plan.rows.first?[6] else { return "" }
                return note
            }
            #expect(try await note(sql).contains("; not in the session's cache; "))
            _ = try await session.execute(sql)
            #expect(try await note(sql).contains("; from the session's cache ("))
            #expect(try await note(sql + " AND status = 'UPLOADED'").contains("; answered by the listing held without status (SQLite keeps the matching rows)"))
            session.update { $0.settings.cacheTTL = .zero }
            #expect(try await note(sql).contains("; the session's cache is off; "))
            #expect(await fixture.requestLines().count == 1)
        }
    }
}

/// The progress of a long listing: the time left at the pace so far, and whether it waits on the budget.
@Suite struct FetchProgressTests {
    @Test func theLineSaysTheTimeLeftAndTheWaitOnTheBudget() {
        let early = FetchProgress(pagesFetched: 10, pagesTotal: 160, rowsFetched: 1_000, rowsTotal: 16_000)
        #expect(early.line(elapsed: .seconds(2)) == "fetching: pages 10/160, rows 1000/16000, about 30 s left")
        let waiting = FetchProgress(pagesFetched: 40, pagesTotal: 1_000, rowsFetched: 4_000, rowsTotal: 100_000, waitingOnBudget: true)
        #expect(waiting.line(elapsed: .seconds(10))
                == "fetching: pages 40/1000, rows 4000/100000, about 4 min left (waiting on the API rate budget, --rate-limit)")
        #expect(FetchProgress(pagesFetched: 3, pagesTotal: nil, rowsFetched: 300, rowsTotal: nil).line(elapsed: .seconds(1))
                == "fetching: pages 3, rows 300")
    }

    @Test func aListingHeldBackByTheBudgetSaysSo() async throws {
        let seen = Mutex<[FetchProgress]>([])
        try await SandboxFixture.with(recordings: 500, configure: { configuration in
            configuration.rateBudget = RateBudget(requests: 1, windowSeconds: 0.3)
            configuration.concurrency = 5
            configuration.progress = { progress in seen.withLock { $0.append(progress) } }
        }) { fixture in
            let result = try await fixture.engine.query("SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)")
            #expect(result.rows == [[.integer(500)]])
        }
        let progress = seen.withLock { $0 }
        #expect(progress.map(\.pagesFetched) == [1, 2, 3, 4, 5])
        // Pages 2 to 5 wait their turn for the budget, served in the order they asked: while one is inserted,
        // those after it are still waiting; the last finds no one waiting.
        let waits = progress.map(\.waitingOnBudget)
        #expect(waits.dropFirst().dropLast().contains(true), "\(waits)")
        #expect(progress.last?.waitingOnBudget == false)
    }
}
