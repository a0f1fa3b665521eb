import Foundation
import RTKQL
import RTKQLSandbox
import Testing

/// Per-reference binding, fan-out, method choice, catalog statements and error messages.
@Suite struct LanguageTests {
    func paths(_ fixture: SandboxFixture) async -> [String] {
        await fixture.requestLines().map { $0.components(separatedBy: "?")[0] }.sorted()
    }

    @Test func eachReferenceBindsFromItsOwnScope() async throws {
        try await SandboxFixture.with(recordings: 20) { fixture in
            let result = try await fixture.engine.query("""
                WITH first AS (SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(fixture.account)' AND app_id = '\(fixture.app)')
                SELECT (SELECT count(*) FROM first),
                       (SELECT count(*) FROM cloudflare.realtime_kit.recordings r
                        WHERE r.account_id = '\(fixture.account)' AND r.app_id = '\(fixture.otherApp)'),
                       (SELECT count(*) FROM first JOIN cloudflare.realtime_kit.recordings b
                        ON b.account_id = '\(fixture.account)' AND b.app_id = '\(fixture.otherApp)' AND b.id = first.id)
                """)
            #expect(result.rows == [[.integer(20), .integer(20), .integer(0)]])
            let base = "GET /client/v4/accounts/\(fixture.account)/realtime/kit"
            // The two references to the other app make the same call: it is sent once (one fetch per distinct call).
            #expect(await paths(fixture) == ["\(base)/\(fixture.app)/recordings", "\(base)/\(fixture.otherApp)/recordings"].sorted())
        }
    }

    @Test func unionOfTwoAppsAndOrFanOut() async throws {
        try await SandboxFixture.with(recordings: 15) { fixture in
            let union = try await fixture.engine.query("""
                SELECT count(*) FROM (
                  SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(fixture.account)' AND app_id = '\(fixture.app)'
                  UNION ALL
                  SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(fixture.account)' AND app_id = '\(fixture.otherApp)')
                """)
            let or = try await fixture.engine.query("""
                SELECT count(*) FROM cloudflare.realtime_kit.recordings
                WHERE account_id = '\(fixture.account)' AND (app_id = '\(fixture.app)' OR app_id = '\(fixture.otherApp)')
                """)
            #expect(union.rows == [[.integer(30)]])
            #expect(or.rows == [[.integer(30)]])
        }
    }

    @Test func fannedOutCallsAreFetchedAtOnce() async throws {
        var configuration = SandboxConfiguration()
        configuration.appIDs = (1...4).map { "a11ce000-0000-4000-8000-00000000000\($0)" }
        configuration.recordingsPerApp = 30
        configuration.latencyMs = 300
        try await withSandboxServer(configuration) { server in
            let engine = Engine(configuration: EngineConfiguration(baseURL: server.baseURL,
                                                                   credentials: .bearer(token: SandboxConfiguration.demoToken)))
            let apps = configuration.appIDs.map { "'\($0)'" }.joined(separator: ", ")
            let result = try await engine.query("""
                SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.recordings
                WHERE account_id = '\(SandboxConfiguration.demoAccountID)' AND app_id IN (\(apps))
                """)
            #expect(result.rows == [[.integer(120), .integer(120)]])
            #expect(await server.requests().count == 4)
            // One page per app, 300 ms each: the four requests were in flight together, not one after another.
            let peak = await server.peakConcurrentRequests()
            #expect(peak == 4, "peak \(peak)")
        }
    }

    @Test func predicateThatCannotBindARequiredParameterSaysWhy() async throws {
        try await SandboxFixture.with() { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a' AND app_id LIKE 'x%'")
            }
            #expect(error?.description == "cannot bind parameter app_id of cloudflare.realtime_kit.recordings from \"app_id LIKE 'x%'\": "
                    + "a parameter takes values only from `app_id = value`, `app_id IN (values...)` or `app_id = a OR app_id = b` "
                    + "with literal values, `app_id = other.column`, or `app_id IN (SELECT ...)`, AND-ed at the top of WHERE or ON")
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func explainShowsTheMethodAndRequestsAndSendsNone() async throws {
        try await SandboxFixture.with() { fixture in
            let listing = try await fixture.engine.query("EXPLAIN SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND status = 'PAUSED'")
            #expect(listing.columns == ["step", "target", "method", "http_method", "url", "body", "note"])
            #expect(listing.rows[0][2] == .text("cloudflare.realtime_kit.recordings.list"))
            #expect(listing.rows[0][4] == .text("\(fixture.server.baseURL)/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings?page_no=1&per_page=100&status=PAUSED"))
            // Parameter predicates stay for SQLite: the parameter columns hold the values the call was made with.
            #expect(listing.rows[1][6] == .text("SELECT count(*) FROM rtkql_ref_1 AS recordings WHERE \(fixture.scope) AND status = 'PAUSED'"))
            let one = try await fixture.engine.query("EXPLAIN SELECT * FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND id = 'r1'")
            #expect(one.rows[0][2] == .text("cloudflare.realtime_kit.recordings.get_one_recording"))
            #expect(one.rows[0][4] == .text("\(fixture.server.baseURL)/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings/r1"))
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func onlyTheFieldsTheStatementReadsAreLoaded() async throws {
        try await SandboxFixture.with() { fixture in
            let resource = "cloudflare.realtime_kit.recordings"
            func loads(_ sql: String) async throws -> [String] {
                let plan = try await fixture.engine.query("EXPLAIN " + sql)
                return plan.rows.dropLast().compactMap { row in
                    guard case .text(let note) = row[6] else { return nil }
                    return note.components(separatedBy: "; ").last
                }
            }
            #expect(try await loads("SELECT status, COUNT(*), SUM(file_size) FROM \(resource) WHERE \(fixture.scope) GROUP BY status")
                    == ["loads 2 of 14 fields: file_size, status"])
            #expect(try await loads("SELECT count(*) FROM \(resource) WHERE \(fixture.scope)") == ["loads no field (rows counted only)"])
            #expect(try await loads("SELECT count(*) FROM \(resource) WHERE \(fixture.scope) AND \"STATUS\" = 'PAUSED'")
                    == ["loads 1 of 14 fields: status"])
            #expect(try await loads("SELECT meeting->>'title', 2 * recording_duration FROM \(resource) WHERE \(fixture.scope)")
                    == ["loads 2 of 14 fields: meeting, recording_duration"])
            // A field wins over a result column's alias of the same name, in the select list and in WHERE, as in
            // SQLite (the field was left unloaded, NULL in every row, before).
            #expect(try await loads("SELECT id, invoked_time AS invoked_time FROM \(resource) WHERE \(fixture.scope)")
                    == ["loads 2 of 14 fields: id, invoked_time"])
            #expect(try await loads("SELECT file_size * 2 AS file_size FROM \(resource) WHERE \(fixture.scope) AND file_size > 0")
                    == ["loads 1 of 14 fields: file_size"])
            let aliased = try await fixture.engine.query("SELECT invoked_time AS invoked_time FROM \(resource) WHERE \(fixture.scope) LIMIT 1")
            #expect(aliased.rows.first?.first != .null)
            for everything in ["SELECT * FROM \(resource) WHERE \(fixture.scope)",
                               "SELECT DISTINCT r.* FROM \(resource) r WHERE \(fixture.scope)",
                               "SELECT n FROM (SELECT *, 1 AS n FROM \(resource) WHERE \(fixture.scope))",
                               "SELECT count(*) FROM \(resource) NATURAL JOIN (SELECT 'x' AS status) WHERE \(fixture.scope)"] {
                #expect(try await loads(everything) == ["loads all 14 fields"], "\(everything)")
            }
            // Names resolve on the tree, scope by scope: each reference loads the fields that name it.
            #expect(try await loads("""
                SELECT a.id FROM \(resource) a JOIN \(resource) b ON b.account_id = '\(fixture.account)' AND b.app_id = '\(fixture.app)'
                AND b.session_id = a.session_id WHERE a.account_id = '\(fixture.account)' AND a.app_id = '\(fixture.app)'
                """) == ["loads 2 of 14 fields: id, session_id", "loads 1 of 14 fields: session_id"])
            // A correlated subquery's unqualified name binds in its own scope first; the outer reference's own
            // names are still read; a string that looks like a field is not a name.
            #expect(try await loads("""
                SELECT status FROM \(resource) r WHERE \(fixture.scope) AND 'file_size' <> '' AND EXISTS
                (SELECT 1 FROM \(resource) x WHERE x.account_id = '\(fixture.account)' AND x.app_id = '\(fixture.app)' AND x.id = r.id AND stopped_time IS NULL)
                """) == ["loads 2 of 14 fields: id, status", "loads 2 of 14 fields: id, stopped_time"])
            // The rows are the same as with every field loaded.
            let pruned = try await fixture.engine.query(
                "SELECT status, count(*), sum(file_size) FROM \(resource) WHERE \(fixture.scope) GROUP BY status ORDER BY status")
            let full = try await fixture.engine.query(
                "SELECT status, count(*), sum(file_size) FROM (SELECT * FROM \(resource) WHERE \(fixture.scope)) GROUP BY status ORDER BY status")
            #expect(pruned.rows == full.rows && pruned.rows.count > 1)
        }
    }

    @Test func listIsChosenWhenAListOnlyParameterIsBoundWithRecordingId() async throws {
        try await SandboxFixture.with() { fixture in
            let plan = try await fixture.engine.query("""
                EXPLAIN SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND recording_id = 'r1' AND search = 'standup'
                """)
            #expect(plan.rows[0][2] == .text("cloudflare.realtime_kit.recordings.list"))
            #expect(plan.rows[1][6] == .text("SELECT id FROM rtkql_ref_1 AS recordings WHERE \(fixture.scope) AND recording_id = 'r1' AND search = 'standup'"))
        }
    }

    @Test func catalogStatementsUseStackQLColumns() async throws {
        let engine = Engine(configuration: EngineConfiguration())
        let providers = try await engine.query("SHOW PROVIDERS")
        #expect(providers.columns == ["name", "version"])
        #expect(providers.rows.map { $0[0] } == [.text("cloudflare")])
        let services = try await engine.query("SHOW SERVICES IN cloudflare")
        #expect(services.columns == ["id", "name", "title"])
        #expect(services.rows == [[.text("realtime_kit:v00.00.00000"), .text("realtime_kit"), .text("Cloudflare RealtimeKit")]])
        let resources = try await engine.query("SHOW RESOURCES IN cloudflare.realtime_kit")
        #expect(resources.columns == ["name", "id", "description"])
        #expect(resources.rows.count == 27)
        #expect(resources.rows.contains([.text("recordings"), .text("cloudflare.realtime_kit.recordings"),
                                         .text("Creates, updates, deletes, gets or lists a recordings resource.")]))
        #expect(resources.rows.prefix(3).map { $0[1] } == ["active_session", "analytics", "apps"].map { .text("cloudflare.realtime_kit.\($0)") })
        let methods = try await engine.query("SHOW METHODS IN cloudflare.realtime_kit.recordings")
        #expect(methods.columns == ["MethodName", "RequiredParams", "SQLVerb"])
        #expect(methods.rows == [
            [.text("list"), .text("account_id, app_id"), .text("SELECT")],
            [.text("get_one_recording"), .text("account_id, app_id, recording_id"), .text("SELECT")],
            [.text("pause_resume_stop_recording"), .text("account_id, app_id, recording_id, action"), .text("REPLACE")],
            // The request body's required properties follow the parameters, in the schema's order.
            [.text("create_track"), .text("account_id, app_id, meeting_id, layers"), .text("EXEC")],
            [.text("start"), .text("account_id, app_id, meeting_id"), .text("EXEC")],
            [.text("get_active_recording"), .text("account_id, app_id, meeting_id"), .text("EXEC")],
        ])
        let extended = try await engine.query("SHOW EXTENDED METHODS IN cloudflare.realtime_kit.recordings LIKE 'l%'")
        #expect(extended.columns == ["MethodName", "RequiredParams", "OptionalParams", "SQLVerb", "description"])
        #expect(extended.rows.count == 1)
        #expect(extended.rows[0][2] == .text("meeting_id, page_no, per_page, expired, search, sort_by, sort_order, start_time, end_time, status"))
        let describe = try await engine.query("DESCRIBE cloudflare.realtime_kit.recordings")
        #expect(describe.columns == ["name", "type"])
        #expect(describe.rows.prefix(2).map { $0 } == [[.text("id"), .text("string (uuid)")], [.text("session_id"), .text("string (uuid)")]])
        #expect(describe.rows[13] == [.text("storage_config"), .text("object (title: StorageConfig)")])
        // The parameter columns follow the fields, marked as parameters (`status` is a field: the field wins).
        #expect(describe.rows.dropFirst(14).map { $0[0] } == ["account_id", "app_id", "meeting_id", "page_no", "per_page", "expired",
                                                             "search", "sort_by", "sort_order", "start_time", "end_time", "recording_id"]
            .map(SQLValue.text))
        #expect(describe.rows[14][1] == .text("string parameter"))
        let described = try await engine.query("DESCRIBE EXTENDED cloudflare.realtime_kit.recordings")
        #expect(described.columns == ["name", "type", "description"])
        #expect(described.rows.count == 26)
    }

    /// INSERT, UPDATE, DELETE and EXEC ... RETURNING run, and are refused (plain and under EXPLAIN) on a resource
    /// without such a method or a required parameter. Nothing is sent.
    @Test func statementsParsedButNotRunYetSaySo() async throws {
        let engine = Engine(configuration: EngineConfiguration())
        let missingApp = "missing required parameter app_id for cloudflare.realtime_kit.recordings.start "
            + "(add @app_id='...'; see SHOW METHODS IN cloudflare.realtime_kit.recordings)"
        let noMethod = { (verb: String) in "cloudflare.realtime_kit.recordings has no \(verb) method (see SHOW METHODS IN cloudflare.realtime_kit.recordings)" }
        let cases: [(String, String, String)] = [
            ("INSERT INTO cloudflare.realtime_kit.recordings (a) VALUES (1)", noMethod("INSERT"), noMethod("INSERT")),
            ("UPDATE cloudflare.realtime_kit.recordings SET action = 'pause' WHERE recording_id = 'r'", noMethod("UPDATE"), noMethod("UPDATE")),
            ("DELETE FROM cloudflare.realtime_kit.recordings WHERE recording_id = 'r'", noMethod("DELETE"), noMethod("DELETE")),
            ("EXEC cloudflare.realtime_kit.recordings.start @account_id = 'a' RETURNING data", missingApp, missingApp),
        ]
        for (statement, message, explained) in cases {
            for (text, expected) in [(statement, message), ("EXPLAIN " + statement, explained)] {
                let error = await #expect(throws: RTKQLError.self, "\(text)") { try await engine.query(text) }
                #expect(error?.description == expected, "\(text)")
            }
        }
    }

    @Test func useLetsServiceResourceNamesResolve() async throws {
        try await SandboxFixture.with(recordings: 7) { fixture in
            let session = Session(engine: fixture.engine)
            var last: QueryResult?
            for try await result in session.run("USE cloudflare; SELECT count(*) FROM realtime_kit.recordings WHERE \(fixture.scope)") {
                last = try await result.collect()
            }
            #expect(last?.rows == [[.integer(7)]])
            #expect(session.current.defaultProvider == "cloudflare")
        }
    }

    @Test func unknownNamesSuggestTheNearest() async throws {
        try await SandboxFixture.with(recordings: 3) { fixture in
            let resource = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT * FROM cloudflare.realtime_kit.recording WHERE \(fixture.scope)")
            }
            let text = resource?.description ?? ""
            #expect(text.hasPrefix("unknown resource cloudflare.realtime_kit.recording; did you mean cloudflare.realtime_kit.recordings? "
                    + "Known resources: cloudflare.realtime_kit.active_session, cloudflare.realtime_kit.analytics, "), "\(text)")
            #expect(text.hasSuffix(", cloudflare.realtime_kit.webhooks"), "\(text)")
            let column = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT invoke_time FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)")
            }
            #expect(column?.description == "no such column: invoke_time; did you mean invoked_time?")
            if case .planning(let error)? = column {
                #expect(error.kind == .unknownColumn("invoke_time"))
                #expect(error.range == SourceRange(start: 7, end: 18))
            } else {
                Issue.record("expected a planning error, got \(String(describing: column))")
            }
            // Found on the tree before any request is sent, in any scope, with the names of that scope.
            await fixture.server.clearRequests()
            let nested = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT id FROM cloudflare.realtime_kit.recordings r WHERE \(fixture.scope) "
                                               + "AND r.id IN (SELECT x FROM (SELECT id AS identifier FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)))")
            }
            #expect(nested?.description == "no such column: x")
            let qualified = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT r.sesion_id FROM cloudflare.realtime_kit.recordings r WHERE \(fixture.scope)")
            }
            #expect(qualified?.description == "no such column: r.sesion_id; did you mean session_id?")
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func invalidParameterValuesAreRefusedBeforeSending() async throws {
        try await SandboxFixture.with() { fixture in
            let cases: [(String, String)] = [
                ("page_no = 'two'", "invalid value 'two' for parameter page_no: expected an integer"),
                ("page_no = 0", "parameter page_no must be at least 1, got 0"),
                ("expired = 'maybe'", "invalid value 'maybe' for parameter expired: expected true or false"),
                ("sort_order = 'sideways'", "invalid value 'sideways' for parameter sort_order: expected one of ASC, DESC"),
                ("status = 'DONE'", "invalid value 'DONE' for parameter status: expected one of INVOKED, RECORDING, UPLOADING, UPLOADED, ERRORED, PAUSED"),
                ("start_time = 'yesterday'", "invalid value 'yesterday' for parameter start_time: expected an ISO 8601 date-time such as 2026-01-31T00:00:00Z"),
            ]
            for (predicate, message) in cases {
                let error = await #expect(throws: RTKQLError.self) {
                    try await fixture.engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND \(predicate)")
                }
                #expect(error?.description == message)
            }
            #expect(await fixture.server.requests().isEmpty)
        }
    }
}
