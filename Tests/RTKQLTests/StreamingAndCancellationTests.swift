import Foundation
import RTKQL
import RTKQLSandbox
import Testing

/// Rows reach a slow consumer without loss, leaving early ends the statement, and cancellation and the
/// statement time limit stop SQLite as well as transfers.
@Suite struct StreamingAndCancellationTests {
    static let runaway = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c WHERE x < 0"

    @Test func aSlowConsumerGetsEveryRowInOrder() async throws {
        try await SandboxFixture.with(recordings: 2_000) { fixture in
            let sql = "SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) ORDER BY invoked_time, id"
            let expected = try await fixture.engine.query(sql).rows.map { $0[0] }
            #expect(expected.count == 2_000)
            var received: [SQLValue] = []
            var numbers: [Int] = []
            for try await row in fixture.engine.rows(sql) {
                received.append(row.values[0])
                numbers.append(row.number ?? 0)
                if received.count % 50 == 0 { try await Task.sleep(for: .milliseconds(1)) }
            }
            #expect(received == expected)
            #expect(numbers == Array(1...2_000))
        }
    }

    @Test func leavingTheLoopEndsAnEndlessStatementAndTheEngineStaysUsable() async throws {
        let engine = Engine(configuration: EngineConfiguration())
        var seen: [Int64] = []
        for try await row in engine.rows("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c") {
            seen.append(row.values[0].integerValue ?? -1)
            if seen.count == 100 { break }
        }
        #expect(seen == Array(1...100))
        let again = try await engine.query("SELECT 6 * 7")
        #expect(again.rows == [[.integer(42)]])
    }

    @Test func cancellingTheTaskInterruptsSQLite() async throws {
        let engine = Engine(configuration: EngineConfiguration())
        let task = Task { try await engine.query(Self.runaway) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        task.cancel()
        let outcome = await task.result
        let waited = ContinuousClock.now - cancelled
        // A bound far above the usual few milliseconds, so a loaded machine does not fail it, and far below
        // forever, which is what a statement SQLite is not interrupted in takes.
        #expect(waited < .seconds(15), "cancellation took \(waited)")
        guard case .failure(RTKQLError.cancelled) = outcome else {
            Issue.record("expected RTKQLError.cancelled, got \(outcome)")
            return
        }
        #expect(try await engine.query("SELECT 1").rows == [[.integer(1)]])
    }

    @Test func cancellingTheConsumerOfRowsInterruptsSQLite() async throws {
        let engine = Engine(configuration: EngineConfiguration())
        let task = Task {
            var count = 0
            for try await _ in engine.rows(Self.runaway) { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let outcome = await task.result
        guard case .failure(RTKQLError.cancelled) = outcome else {
            Issue.record("expected RTKQLError.cancelled, got \(outcome)")
            return
        }
    }

    @Test func sessionCancelStopsTheRunningStatementFromAnotherTask() async throws {
        let session = Session(engine: Engine(configuration: EngineConfiguration()))
        let running = Task { try await session.execute(Self.runaway) }
        try await Task.sleep(for: .milliseconds(300))
        session.cancel()
        guard case .failure(RTKQLError.cancelled) = await running.result else {
            Issue.record("Session.cancel() did not stop the statement")
            return
        }
        // Only that statement was cancelled: the session runs the next one.
        #expect(try await session.execute("SELECT 'next'").rows == [[.text("next")]])
    }

    @Test func theStatementTimeLimitStopsSQLite() async throws {
        var configuration = EngineConfiguration()
        configuration.statementTimeout = .milliseconds(400)
        let engine = Engine(configuration: configuration)
        let started = ContinuousClock.now
        let error = await #expect(throws: RTKQLError.self) { try await engine.query(Self.runaway) }
        // The runaway never ends by itself; the bound is loose because a fully loaded test run (every suite
        // in parallel on two cores) can keep the test's own task waiting for a thread for many seconds.
        #expect(ContinuousClock.now - started < .seconds(60))
        guard case .statementTimeout(let seconds)? = error else {
            Issue.record("expected a statement timeout, got \(String(describing: error))")
            return
        }
        #expect(seconds == 0.4)
        #expect(error?.description == "statement timeout: the statement ran longer than 0.4 s and was stopped "
                + "(raise it with --statement-timeout SECONDS, or EngineConfiguration.statementTimeout)")
        // A session's own setting overrides the engine's.
        let session = Session(engine: engine, state: SessionState(settings: SessionSettings(statementTimeout: .seconds(30))))
        #expect(try await session.execute("SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT x FROM c)").rows
                == [[.integer(200_000)]])
    }

    @Test func theStatementTimeLimitStopsAFetch() async throws {
        var sandbox = SandboxConfiguration()
        sandbox.latencyMs = 10_000
        let server = try await SandboxServer.start(sandbox)
        var configuration = EngineConfiguration(baseURL: server.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken))
        configuration.statementTimeout = .milliseconds(500)
        configuration.retry.maximumRetries = 0
        let engine = Engine(configuration: configuration)
        let started = ContinuousClock.now
        let error = await #expect(throws: RTKQLError.self) {
            try await engine.query("SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(SandboxConfiguration.demoAccountID)' "
                                   + "AND app_id = '\(SandboxConfiguration.demoAppIDs[0])'")
        }
        // The runaway never ends by itself; the bound is loose because a fully loaded test run (every suite
        // in parallel on two cores) can keep the test's own task waiting for a thread for many seconds.
        #expect(ContinuousClock.now - started < .seconds(60))
        if case .statementTimeout? = error {} else { Issue.record("expected a statement timeout, got \(String(describing: error))") }
        await server.stop()
    }

    @Test func aScriptYieldsEachResultAsItCompletesAndKeepsUse() async throws {
        try await SandboxFixture.with(recordings: 7) { fixture in
            let session = Session(engine: fixture.engine, state: SessionState(variables: ["account": fixture.account, "app": fixture.app]))
            var seen: [(Int, [String])] = []
            for try await result in session.run("""
                USE cloudflare;
                SELECT count(*) AS n FROM realtime_kit.recordings WHERE account_id = '{{ account }}' AND app_id = '{{ app }}';
                SELECT 1 AS one
                """) {
                seen.append((result.index, result.columns))
                if result.index == 1 { #expect(try await result.rows.collect() == [[.integer(7)]]) }
            }
            #expect(seen.map(\.0) == [0, 1, 2])
            #expect(seen.map(\.1) == [[], ["n"], ["one"]])
            #expect(session.current.defaultProvider == "cloudflare")
        }
    }

    @Test func aScriptStopsAtTheFirstFailure() async throws {
        let session = Session(engine: Engine(configuration: EngineConfiguration()))
        var results = session.run("SELECT 1; SELECT nope FROM (SELECT 1 AS yes); SELECT 3").makeAsyncIterator()
        #expect(try await results.next()?.rows.collect() == [[.integer(1)]])
        let error = await #expect(throws: RTKQLError.self) { _ = try await results.next() }
        #expect(error?.description == "no such column: nope")
        #expect(try await results.next() == nil)
    }

    @Test func deprecatedStatementAPIsStillWork() async throws {
        try await SandboxFixture.with(recordings: 7) { fixture in
            try await DeprecatedUse.run(fixture)
        }
    }
}

/// The engine's first statement API, now deprecated: called through this protocol, to which `Engine`
/// conforms with the deprecated methods, the calls compile without deprecation warnings.
protocol FirstStatementAPI {
    func run(_ script: String, session: inout SessionState, arguments: StatementArguments) async throws(RTKQLError) -> [QueryResult]
    func execute(_ parsed: ParsedStatement, in text: String, session: inout SessionState, arguments: StatementArguments,
                 sink: RowSink?) async throws(RTKQLError) -> QueryResult
}

extension Engine: FirstStatementAPI {}

/// Code written against the engine's first API, which must keep compiling and working.
enum DeprecatedUse {
    static func run(_ fixture: SandboxFixture) async throws {
        let engine: any FirstStatementAPI = fixture.engine
        var session = SessionState()
        let results = try await engine.run("USE cloudflare; SELECT count(*) FROM realtime_kit.recordings WHERE \(fixture.scope)", session: &session, arguments: [])
        #expect(results.last?.rows == [[.integer(7)]])
        #expect(session.defaultProvider == "cloudflare")
        let parsed = try fixture.engine.parse("SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)")[0]
        nonisolated(unsafe) var streamed: [[SQLValue]] = []
        let sink = RowSink(columns: { names, _ in #expect(names == ["id"]) }, row: { streamed.append($0) })
        let result = try await engine.execute(parsed, in: "SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)",
                                              session: &session, arguments: [], sink: sink)
        #expect(result.streamed && result.rows.isEmpty && streamed.count == 7)
    }
}
