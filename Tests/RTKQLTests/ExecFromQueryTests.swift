import Foundation
import RTKQL
import RTKQLSandbox
import RTKQLStorage
import Testing

/// `EXEC method @args FROM (query)`: one request per distinct row of the query, its columns binding the
/// parameters and body properties they are named after; against the sandbox over HTTP.
@Suite struct ExecFromQueryTests {
    static let liveMeetings = "SELECT associated_id FROM cloudflare.realtime_kit.sessions WHERE %@ AND status = 'LIVE'"

    static func texts(_ result: QueryResult) -> [String] {
        result.rows.map { MutationIntegrationTests.text($0.first ?? .null) }
    }

    @Test func oneRequestPerDistinctRowOfTheQuery() async throws {
        try await SandboxFixture.with { fixture in
            let live = String(format: ExecFromQueryTests.liveMeetings, fixture.scope)
            let meetings = ExecFromQueryTests.texts(try await fixture.engine.query(live + " ORDER BY 1")).sorted()
            #expect(meetings.count > 1)
            // The meetings twice over: duplicate rows make one request each, not two.
            let result = try await fixture.engine.query("""
                EXEC cloudflare.realtime_kit.active_session.mute_all @account_id = '\(fixture.account)', @app_id = '\(fixture.app)',
                @allow_unmute = true
                FROM (SELECT associated_id AS meeting_id FROM cloudflare.realtime_kit.sessions WHERE \(fixture.scope) AND status = 'LIVE'
                      UNION ALL SELECT associated_id FROM cloudflare.realtime_kit.sessions WHERE \(fixture.scope) AND status = 'LIVE'
                      ORDER BY 1)
                RETURNING data->>'action' AS action
                """)
            #expect(result.columns == ["meeting_id", "outcome", "http_status", "message", "status", "action"])
            #expect(result.rows == meetings.map { [.text($0), .text("ok"), .integer(200), .null, .null, .text("mute-all")] })
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)"
            #expect(await MutationIntegrationTests.mutations(fixture).sorted() == meetings.map {
                "POST \(base)/meetings/\($0)/active-session/mute-all {\"allow_unmute\":true}"
            })
        }
    }

    @Test func columnsBindParametersAndBodyPropertiesTogether() async throws {
        try await SandboxFixture.with { fixture in
            let engine = fixture.engine
            let present = """
                SELECT s.associated_id, p.id FROM cloudflare.realtime_kit.sessions s
                JOIN cloudflare.realtime_kit.sessions_participants p
                  ON p.account_id = s.account_id AND p.app_id = s.app_id AND p.session_id = s.id
                WHERE s.account_id = '\(fixture.account)' AND s.app_id = '\(fixture.app)' AND s.status = 'LIVE' AND p.left_at IS NULL
                """
            let before = try await engine.query(present + " ORDER BY 1, 2")
            var expected: [String: [String]] = [:]
            for row in before.rows { expected[MutationIntegrationTests.text(row[0]), default: []].append(MutationIntegrationTests.text(row[1])) }
            #expect(expected.count > 1)

            let result = try await engine.query("""
                EXEC cloudflare.realtime_kit.active_session.kick @account_id = '\(fixture.account)', @app_id = '\(fixture.app)',
                @custom_participant_ids = '[]'
                FROM (SELECT associated_id AS meeting_id, json_group_array(id) AS participant_ids
                      FROM (\(present) ORDER BY 1, 2) GROUP BY associated_id ORDER BY 1)
                """)
            #expect(result.columns == ["meeting_id", "participant_ids", "outcome", "http_status", "message", "status"])
            #expect(result.rows.map { Array($0.prefix(4)) } == expected.keys.sorted().map { meeting in
                let ids = expected[meeting]!.map { "\"\($0)\"" }.joined(separator: ",")
                return [.text(meeting), .text("[\(ids)]"), .text("ok"), .integer(200)]
            })
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)"
            #expect(await MutationIntegrationTests.mutations(fixture).sorted() == expected.keys.sorted().map { meeting in
                let ids = expected[meeting]!.map { "\"\($0)\"" }.joined(separator: ",")
                return "POST \(base)/meetings/\(meeting)/active-session/kick {\"custom_participant_ids\":[],\"participant_ids\":[\(ids)]}"
            })
            // Everyone kicked has left.
            #expect(try await engine.query(present).rows == [])
        }
    }

    @Test func noRowsSendNothing() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                EXEC cloudflare.realtime_kit.active_session.kick_all @account_id = '\(fixture.account)', @app_id = '\(fixture.app)'
                FROM (SELECT associated_id AS meeting_id FROM cloudflare.realtime_kit.sessions WHERE \(fixture.scope) AND status = 'LIVE' AND associated_id = 'none')
                """)
            #expect(result.columns == ["meeting_id", "outcome", "http_status", "message", "status"])
            #expect(result.rows == [])
            #expect(await MutationIntegrationTests.mutations(fixture) == [])
        }
    }

    @Test func dryRunRunsTheQueryAndListsTheRequests() async throws {
        try await SandboxFixture.with(configure: { $0.dryRun = true }) { fixture in
            let result = try await fixture.engine.query("""
                EXEC cloudflare.realtime_kit.active_session.kick_all @account_id = '\(fixture.account)', @app_id = '\(fixture.app)'
                FROM (SELECT column1 AS meeting_id FROM (VALUES ('m-1'), ('m-2'), ('m-1')))
                """)
            #expect(result.rows.map { row in [row[0], row[2], row[3]] } == ["m-1", "m-2"].enumerated().map { index, meeting in
                [.integer(Int64(index + 1)), .text("POST"),
                 .text("\(fixture.server.baseURL)/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/meetings/\(meeting)/active-session/kick-all")]
            })
            #expect(await fixture.server.requests().count == 0)
        }
    }

    @Test func columnsThatBindNothingAreErrorsBeforeAnythingIsSent() async throws {
        try await SandboxFixture.with { fixture in
            let exec = "EXEC cloudflare.realtime_kit.active_session.kick_all @account_id = '\(fixture.account)', @app_id = '\(fixture.app)'"
            let cases: [(String, String)] = [
                ("\(exec) FROM (SELECT 'm-1' AS meting_id)",
                 "column meting_id of FROM (query) names no parameter of cloudflare.realtime_kit.active_session.kick_all; did you mean meeting_id? "
                    + "(name the column with AS) (parameters: @account_id, @app_id, @meeting_id)"),
                ("\(exec) FROM (SELECT 'm-1' AS meeting_id, 'x' AS app_id)",
                 "app_id is bound twice: by @app_id and by a column of FROM (query); bind it once"),
                ("EXEC cloudflare.realtime_kit.active_session.kick_all @account_id = '\(fixture.account)' FROM (SELECT 'm-1' AS meeting_id)",
                 "missing required parameter app_id for cloudflare.realtime_kit.active_session.kick_all (add @app_id='...' or a column app_id "
                    + "to FROM (query); see SHOW METHODS IN cloudflare.realtime_kit.active_session)"),
                ("EXEC cloudflare.realtime_kit.active_session.mute_all @account_id = '\(fixture.account)', @app_id = '\(fixture.app)' "
                    + "FROM (VALUES ('m-1')) AS t",
                 "syntax error at 1:175: Expected: ';' or end of statement, found: AS"),
            ]
            await fixture.expectErrors(cases)
            // A body the schema rejects in any row fails the statement before the first request.
            do {
                _ = try await fixture.engine.query("""
                    EXEC cloudflare.realtime_kit.active_session.mute_all @account_id = '\(fixture.account)', @app_id = '\(fixture.app)'
                    FROM (SELECT 'm-1' AS meeting_id, 1 AS allow_unmute UNION ALL SELECT 'm-2', 'sometimes')
                    """)
                Issue.record("no error for an invalid body")
            } catch {
                #expect("\(error)".contains("invalid value 'sometimes' for @allow_unmute of cloudflare.realtime_kit.active_session.mute_all: expected a boolean"),
                        "\(error)")
            }
            #expect(await MutationIntegrationTests.mutations(fixture) == [])
        }
    }
}
