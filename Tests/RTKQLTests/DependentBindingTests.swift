import RTKQL
import RTKQLSandbox
import Testing

/// Parameter columns, and parameters bound from other references' rows (issue 14), over the sandbox:
/// the exact requests each form sends and the rows SQLite computes from them.
@Suite struct DependentBindingTests {
    let resource = "cloudflare.realtime_kit.recordings"

    private func recordingsPath(_ fixture: SandboxFixture, app: String) -> String {
        "/client/v4/accounts/\(fixture.account)/realtime/kit/\(app)/recordings"
    }

    private func listing(_ fixture: SandboxFixture, app: String, query extra: String = "") -> [String] {
        (1...3).map { "GET \(recordingsPath(fixture, app: app))?page_no=\($0)&per_page=100\(extra)" }
    }

    @Test func parametersAreColumnsHoldingTheValuesTheCallsWereMadeWith() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                SELECT app_id, count(*) FROM \(resource)
                WHERE account_id = '\(fixture.account)' AND app_id IN ('\(fixture.app)', '\(fixture.otherApp)') GROUP BY app_id ORDER BY app_id
                """)
            #expect(result.rows == [[.text(fixture.app), .integer(240)], [.text(fixture.otherApp), .integer(240)]])
            #expect(await fixture.requestLines().sorted() == (listing(fixture, app: fixture.app) + listing(fixture, app: fixture.otherApp)).sorted())
        }
    }

    @Test func starStaysTheFieldsAndUnboundParametersAreNull() async throws {
        try await SandboxFixture.with { fixture in
            let star = try await fixture.engine.query("SELECT * FROM \(resource) WHERE \(fixture.scope) LIMIT 1")
            let fields = ["id", "session_id", "output_file_name", "audio_download_url", "download_url", "download_url_expiry",
                          "file_size", "invoked_time", "meeting", "recording_duration", "started_time", "status",
                          "stopped_time", "storage_config"]
            #expect(star.columns == fields)
            let qualified = try await fixture.engine.query("SELECT r.*, r.account_id FROM \(resource) r WHERE \(fixture.scope) LIMIT 1")
            #expect(qualified.columns == fields + ["account_id"])
            #expect(qualified.rows[0].last == .text(fixture.account))
            let joined = try await fixture.engine.query("""
                SELECT * FROM \(resource) a JOIN \(resource) b ON b.id = a.id
                WHERE a.account_id = '\(fixture.account)' AND a.app_id = '\(fixture.app)' AND b.account_id = a.account_id AND b.app_id = a.app_id LIMIT 1
                """)
            #expect(joined.columns == fields + fields)
            // A parameter that is a row field's value (recording_id is id, meeting_id is meeting.id) holds it
            // whichever call produced the row; the others hold NULL when no call took them.
            let unbound = try await fixture.engine.query(
                "SELECT DISTINCT search, page_no, recording_id = id, meeting_id = meeting->>'id' FROM \(resource) WHERE \(fixture.scope)")
            #expect(unbound.rows == [[.null, .null, .integer(1), .integer(1)]])
        }
    }

    @Test func everyPushedPredicateIsStillEvaluatedBySQLite() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                SELECT DISTINCT app_id FROM \(resource)
                WHERE account_id = '\(fixture.account)' AND app_id IN ('\(fixture.app)', '\(fixture.otherApp)') AND app_id <> '\(fixture.otherApp)'
                """)
            #expect(result.rows == [[.text(fixture.app)]])
            #expect(await fixture.requestLines().count == 6)
        }
    }

    @Test func inSubqueryBindsOneCallPerDistinctValue() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                SELECT r.id, r.status FROM \(resource) r WHERE r.\(fixture.scope)
                AND r.recording_id IN (SELECT id FROM \(resource) WHERE \(fixture.scope) AND status = 'PAUSED') ORDER BY r.id
                """)
            let direct = try await fixture.engine.query(
                "SELECT id, status FROM \(resource) WHERE \(fixture.scope) AND status = 'PAUSED' ORDER BY id")
            #expect(result.rows == direct.rows && result.rows.count == 2)
            let ids = direct.rows.compactMap { row -> String? in if case .text(let id) = row[0] { return id } else { return nil } }
            let path = recordingsPath(fixture, app: fixture.app)
            let lines = await fixture.requestLines()
            #expect(Array(lines.prefix(1)) == ["GET \(path)?page_no=1&per_page=100&status=PAUSED"])
            #expect(lines.dropFirst().prefix(2).sorted() == ids.map { "GET \(path)/\($0)" }.sorted())
        }
    }

    @Test func joinOnAValuesListCallsOncePerDistinctRowWithSeveralEqualities() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                SELECT v.column2 AS app, count(r.id) FROM (VALUES ('\(fixture.account)', '\(fixture.app)'), ('\(fixture.account)', '\(fixture.otherApp)'),
                ('\(fixture.account)', '\(fixture.app)')) v
                JOIN \(resource) r ON r.account_id = v.column1 AND r.app_id = v.column2 AND r.status = 'PAUSED'
                GROUP BY 1 ORDER BY 1
                """)
            #expect(result.rows == [[.text(fixture.app), .integer(4)], [.text(fixture.otherApp), .integer(2)]])
            let lines = await fixture.requestLines()
            #expect(lines.sorted() == [fixture.app, fixture.otherApp].map {
                "GET \(recordingsPath(fixture, app: $0))?page_no=1&per_page=100&status=PAUSED"
            }.sorted())
        }
    }

    @Test func aCommonTableExpressionDrivesTheCalls() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                WITH apps(id) AS (VALUES ('\(fixture.otherApp)'))
                SELECT app_id, count(*) FROM \(resource) WHERE account_id = '\(fixture.account)' AND app_id IN (SELECT id FROM apps)
                GROUP BY app_id
                """)
            #expect(result.rows == [[.text(fixture.otherApp), .integer(240)]])
            #expect(await fixture.requestLines().sorted() == listing(fixture, app: fixture.otherApp))
        }
    }

    @Test func aCorrelatedExistsBindsFromTheOuterRows() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                SELECT v.column1 FROM (VALUES ('\(fixture.app)'), ('\(fixture.otherApp)')) v
                WHERE EXISTS (SELECT 1 FROM \(resource) r WHERE r.account_id = '\(fixture.account)' AND r.app_id = v.column1
                              AND r.status = 'INVOKED' AND r.file_size > 0)
                ORDER BY 1
                """)
            #expect(result.rows.isEmpty)
            #expect(await fixture.requestLines().sorted() == [fixture.app, fixture.otherApp].map {
                "GET \(recordingsPath(fixture, app: $0))?page_no=1&per_page=100&status=INVOKED"
            }.sorted())
            let some = try await fixture.engine.query("""
                SELECT v.column1 FROM (VALUES ('\(fixture.app)'), ('\(fixture.otherApp)')) v
                WHERE EXISTS (SELECT 1 FROM \(resource) r WHERE r.account_id = '\(fixture.account)' AND r.app_id = v.column1 AND r.status = 'PAUSED')
                ORDER BY 1
                """)
            #expect(some.rows == [[.text(fixture.app)], [.text(fixture.otherApp)]])
        }
    }

    @Test func explainShowsTheOrderTheSourcesAndSendsNothing() async throws {
        try await SandboxFixture.with { fixture in
            let plan = try await fixture.engine.query("""
                EXPLAIN SELECT r.id FROM \(resource) r WHERE r.\(fixture.scope)
                AND r.recording_id IN (SELECT id FROM \(resource) p WHERE p.\(fixture.scope) AND p.status = 'PAUSED')
                """)
            #expect(plan.rows.map { $0[1] } == [.text("rtkql_ref_2"), .text("rtkql_ref_1"), .text("sqlite")])
            #expect(plan.rows[1][2] == .text("\(resource).get_one_recording"))
            #expect(plan.rows[1][4] == .text("\(fixture.server.baseURL)/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings/{recording_id}"))
            guard case .text(let note) = plan.rows[1][6] else { Issue.record("no note"); return }
            #expect(note.contains("recording_id ← IN (SELECT id FROM \(resource) p WHERE p.\(fixture.scope) AND p.status = 'PAUSED') of rtkql_ref_2"))
            #expect(note.contains("account_id ← literal '\(fixture.account)'"))
            #expect(note.contains("after rtkql_ref_2: one call per distinct"))
            #expect(note.contains("(cost 1 each), or list (cost 10) once filtered by SQLite when that costs less"))
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func moreValuesThanTheCostRuleAllowsListOnceAndFilter() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                SELECT count(*) FROM \(resource) r WHERE r.\(fixture.scope)
                AND r.recording_id IN (SELECT id FROM \(resource) p WHERE p.\(fixture.scope) AND p.status = 'ERRORED')
                """)
            #expect(result.rows == [[.integer(30)]])
            // 30 values: 30 calls of cost 1 cost more than one listing of cost 10.
            let lines = await fixture.requestLines()
            #expect(lines.count == 4)
            #expect(lines.first == "GET \(recordingsPath(fixture, app: fixture.app))?page_no=1&per_page=100&status=ERRORED")
            #expect(Array(lines.dropFirst()).sorted() == listing(fixture, app: fixture.app))
        }
    }

    @Test func theFanOutGuardStopsBeforeTheDependentCalls() async throws {
        try await SandboxFixture.with(configure: { $0.maxCalls = 1 }) { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("""
                    SELECT count(*) FROM (VALUES ('\(fixture.app)'), ('\(fixture.otherApp)')) v
                    JOIN \(resource) r ON r.account_id = '\(fixture.account)' AND r.app_id = v.column1
                    """)
            }
            #expect(error?.description == "the statement would send 2 calls of \(resource).list (one per distinct v.column1), "
                    + "more than the limit of 1; narrow the values, or raise the limit with --max-calls 2 (EngineConfiguration.maxCalls)")
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func aCycleIsRefusedNamingTheReferencesAndTheParameter() async throws {
        try await SandboxFixture.with { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("""
                    SELECT 1 FROM \(resource) a JOIN \(resource) b ON a.app_id = b.session_id AND b.app_id = a.session_id
                    WHERE a.account_id = '\(fixture.account)' AND b.account_id = '\(fixture.account)'
                    """)
            }
            #expect(error?.description == "cannot bind parameter app_id of \(resource) b: the references it would take values from "
                    + "(\(resource) a) themselves need values from \(resource) b; "
                    + "bind app_id from a literal or from a reference that does not depend on it")
            #expect(await fixture.server.requests().isEmpty)
        }
    }
}
