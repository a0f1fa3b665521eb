import Foundation
import RTKQL
import RTKQLSandbox
import RTKQLStorage
import Testing

/// INSERT, UPDATE (PATCH), DELETE and EXEC on the generated resources, against the sandbox over HTTP:
/// exact requests, and the change seen by a SELECT of another resource.
@Suite struct MutationIntegrationTests {
    static func text(_ value: SQLValue?) -> String {
        if case .text(let text)? = value { return text }
        return ""
    }

    /// The requests after the first `skip`, as `METHOD path body`.
    static func mutations(_ fixture: SandboxFixture) async -> [String] {
        await fixture.server.requests().filter { $0.method != "GET" }.map { "\($0.method) \($0.path) \($0.body ?? "")" }
    }

    @Test func insertedMeetingIsListed() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                INSERT INTO cloudflare.realtime_kit.meetings (account_id, app_id, title, record_on_start)
                VALUES ('\(fixture.account)', '\(fixture.app)', 'Quarterly review', 0)
                """)
            #expect(result.columns == ["app_id", "outcome", "http_status", "message", "status"])
            #expect(result.rows == [[.text(fixture.app), .text("ok"), .integer(201), .null, .text("ACTIVE")]])
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)"
            #expect(await MutationIntegrationTests.mutations(fixture) == [
                "POST \(base)/meetings {\"title\":\"Quarterly review\",\"record_on_start\":false}",
            ])
            let listed = try await fixture.engine.query("""
                SELECT count(*), sum(title = 'Quarterly review') FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope)
                """)
            #expect(listed.rows == [[.integer(13), .integer(1)]])
        }
    }

    @Test func insertFromSelectSendsOneRequestPerRow() async throws {
        try await SandboxFixture.with { fixture in
            let meeting = MutationIntegrationTests.text(try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope) ORDER BY id LIMIT 1
                """).rows.first?[0])
            let before = try await fixture.engine.query("""
                SELECT count(*) FROM cloudflare.realtime_kit.meetings_participants WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                """)
            let result = try await fixture.engine.query("""
                INSERT INTO cloudflare.realtime_kit.meetings (account_id, app_id, meeting_id, name, preset_name, custom_participant_id)
                SELECT '\(fixture.account)', '\(fixture.app)', '\(meeting)', column1, 'group_call_participant', column2
                FROM (VALUES ('Ada', 'ada@example.org'), ('Grace', 'grace@example.org'))
                """)
            #expect(result.rows.map { Array($0.prefix(3)) } == [
                [.text(meeting), .text("ok"), .integer(201)], [.text(meeting), .text("ok"), .integer(201)],
            ])
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)"
            #expect(await MutationIntegrationTests.mutations(fixture).sorted() == [
                "POST \(base)/meetings/\(meeting)/participants {\"name\":\"Ada\",\"preset_name\":\"group_call_participant\",\"custom_participant_id\":\"ada@example.org\"}",
                "POST \(base)/meetings/\(meeting)/participants {\"name\":\"Grace\",\"preset_name\":\"group_call_participant\",\"custom_participant_id\":\"grace@example.org\"}",
            ])
            let after = try await fixture.engine.query("""
                SELECT count(*) FROM cloudflare.realtime_kit.meetings_participants WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                """)
            if case .integer(let count)? = before.rows.first?.first {
                #expect(after.rows == [[.integer(count + 2)]])
            } else {
                Issue.record("no participant count")
            }
        }
    }

    @Test func updatePatchesAndDeleteDeletes() async throws {
        try await SandboxFixture.with { fixture in
            let meeting = MutationIntegrationTests.text(try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope) ORDER BY id LIMIT 1
                """).rows.first?[0])
            let updated = try await fixture.engine.query("""
                UPDATE cloudflare.realtime_kit.meetings SET title = 'Renamed' WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                """)
            #expect(updated.rows.first?[1] == .text("ok"))
            let webhook = MutationIntegrationTests.text(try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.webhooks WHERE \(fixture.scope) AND name = 'Meeting lifecycle'
                """).rows.first?[0])
            let deleted = try await fixture.engine.query("""
                DELETE FROM cloudflare.realtime_kit.webhooks WHERE \(fixture.scope) AND webhook_id = '\(webhook)'
                """)
            #expect(deleted.rows.first?[0] == .text(webhook))
            #expect(deleted.rows.first?[1] == .text("ok"))
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)"
            #expect(await MutationIntegrationTests.mutations(fixture) == [
                "PATCH \(base)/meetings/\(meeting) {\"title\":\"Renamed\"}",
                "DELETE \(base)/webhooks/\(webhook) ",
            ])
            let title = try await fixture.engine.query("""
                SELECT title FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                """)
            #expect(title.rows == [[.text("Renamed")]])
            let hooks = try await fixture.engine.query("SELECT name FROM cloudflare.realtime_kit.webhooks WHERE \(fixture.scope)")
            #expect(hooks.rows == [[.text("Recordings to archive")]])
        }
    }

    @Test func kickedParticipantLeavesTheActiveSession() async throws {
        try await SandboxFixture.with { fixture in
            let engine = fixture.engine
            let live = try await engine.query("SELECT meeting_id FROM cloudflare.realtime_kit.kit_livestreams WHERE \(fixture.scope) AND status = 'LIVE'")
            let meeting = MutationIntegrationTests.text(live.rows.first?[0])
            let session = try await engine.query("""
                SELECT id, live_participants FROM cloudflare.realtime_kit.active_session WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                """)
            let sessionID = MutationIntegrationTests.text(session.rows.first?[0])
            guard case .integer(let present)? = session.rows.first?[1] else { Issue.record("no live_participants"); return }
            let peer = MutationIntegrationTests.text(try await engine.query("""
                SELECT id FROM cloudflare.realtime_kit.sessions_participants WHERE \(fixture.scope) AND session_id = '\(sessionID)'
                AND left_at IS NULL ORDER BY id LIMIT 1
                """).rows.first?[0])
            _ = try await engine.query("""
                EXEC cloudflare.realtime_kit.active_session.kick @account_id = '\(fixture.account)', @app_id = '\(fixture.app)',
                @meeting_id = '\(meeting)', @participant_ids = '["\(peer)"]', @custom_participant_ids = '[]'
                """)
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)"
            #expect(await MutationIntegrationTests.mutations(fixture) == [
                "POST \(base)/meetings/\(meeting)/active-session/kick {\"participant_ids\":[\"\(peer)\"],\"custom_participant_ids\":[]}",
            ])
            let after = try await engine.query("""
                SELECT live_participants FROM cloudflare.realtime_kit.active_session WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                """)
            #expect(after.rows == [[.integer(present - 1)]])
            let left = try await engine.query("""
                SELECT left_at IS NOT NULL FROM cloudflare.realtime_kit.sessions_participants
                WHERE \(fixture.scope) AND session_id = '\(sessionID)' AND id = '\(peer)'
                """)
            #expect(left.rows == [[.integer(1)]])
        }
    }

    @Test func bodiesAreValidatedBeforeAnythingIsSent() async throws {
        try await SandboxFixture.with { fixture in
            let cases: [(String, String)] = [
                ("INSERT INTO cloudflare.realtime_kit.webhooks (account_id, app_id, name, url) VALUES ('\(fixture.account)', '\(fixture.app)', 'x', 'https://a.invalid')",
                 "invalid body for cloudflare.realtime_kit.webhooks.create_webhook: \"events\" is required"),
                ("INSERT INTO cloudflare.realtime_kit.webhooks (account_id, app_id, name, url, events) VALUES ('\(fixture.account)', '\(fixture.app)', 'x', 'https://a.invalid', '[\"meeting.nope\"]')",
                 "invalid body for cloudflare.realtime_kit.webhooks.create_webhook: \"events[0]\" must be one of"),
                ("UPDATE cloudflare.realtime_kit.meetings SET status = 'PAUSED' WHERE \(fixture.scope) AND meeting_id = 'm'",
                 "invalid body for cloudflare.realtime_kit.meetings.update_meeting_by_id: \"status\" must be one of ACTIVE, INACTIVE"),
                ("UPDATE cloudflare.realtime_kit.meetings SET title = 3 WHERE \(fixture.scope)",
                 "missing required parameter meeting_id for cloudflare.realtime_kit.meetings.update_meeting_by_id"),
                ("INSERT INTO cloudflare.realtime_kit.meetings (account_id, app_id, nonsense) VALUES ('a', 'b', 'c')",
                 "INSERT INTO cloudflare.realtime_kit.meetings: create takes no column nonsense"),
                ("DELETE FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope)",
                 "cloudflare.realtime_kit.kit_meetings has no DELETE method"),
            ]
            await fixture.expectErrors(cases)
            #expect(await MutationIntegrationTests.mutations(fixture) == [])
        }
    }

    @Test func dryRunListsTheRequestsAndSendsNone() async throws {
        try await SandboxFixture.with(configure: { $0.dryRun = true }) { fixture in
            let result = try await fixture.engine.query("""
                INSERT INTO cloudflare.realtime_kit.apps (account_id, name) VALUES ('\(fixture.account)', 'first'), ('\(fixture.account)', 'second')
                """)
            #expect(result.rows.count == 2)
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func insertReturningGivesTheCreatedMeeting() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                INSERT INTO cloudflare.realtime_kit.meetings (account_id, app_id, title)
                VALUES ('\(fixture.account)', '\(fixture.app)', 'Retro') RETURNING id, title, status
                """)
            #expect(result.columns == ["id", "title", "status"])
            let id = MutationIntegrationTests.text(result.rows.first?[0])
            #expect(result.rows == [[.text(id), .text("Retro"), .text("ACTIVE")]])
            let listed = try await fixture.engine.query("""
                SELECT title FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope) AND meeting_id = '\(id)'
                """)
            #expect(listed.rows == [[.text("Retro")]])
        }
    }

    /// `participant_id IN (SELECT ...)`: one DELETE per participant, one result row each.
    @Test func setBasedDeleteSendsOneRequestPerTarget() async throws {
        try await SandboxFixture.with { fixture in
            let meeting = MutationIntegrationTests.text(try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.kit_meetings WHERE \(fixture.scope) ORDER BY id LIMIT 1
                """).rows.first?[0])
            let participants = try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.meetings_participants WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                AND preset_name = 'group_call_participant' ORDER BY id
                """)
            let ids = participants.rows.map { MutationIntegrationTests.text($0[0]) }
            #expect(ids.count >= 1)
            let result = try await fixture.engine.query("""
                DELETE FROM cloudflare.realtime_kit.meetings WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                AND participant_id IN (SELECT id FROM cloudflare.realtime_kit.meetings_participants
                                       WHERE \(fixture.scope) AND meeting_id = '\(meeting)' AND preset_name = 'group_call_participant')
                """)
            #expect(result.columns == ["participant_id", "outcome", "http_status", "message", "status"])
            #expect(result.rows.map { Array($0.prefix(3)) }.sorted { "\($0)" < "\($1)" }
                    == ids.map { [.text($0), .text("ok"), .integer(200)] })
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)"
            #expect(await MutationIntegrationTests.mutations(fixture).sorted() == ids.map { "DELETE \(base)/meetings/\(meeting)/participants/\($0) " })
            let left = try await fixture.engine.query("""
                SELECT preset_name FROM cloudflare.realtime_kit.meetings_participants WHERE \(fixture.scope) AND meeting_id = '\(meeting)'
                """)
            #expect(left.rows == [[.text("group_call_host")]])
        }
    }

    /// A POST that fails is not sent again (the API may have applied it); a PATCH, which sets the same fields
    /// however often it is sent, is retried.
    @Test func aFailedPostIsNeverRetried() async throws {
        var configuration = SandboxConfiguration()
        configuration.failRate = 1.0
        let server = try await SandboxServer.start(configuration)
        var engineConfiguration = EngineConfiguration(baseURL: server.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken))
        engineConfiguration.retry.initialBackoffSeconds = 0.01
        engineConfiguration.retry.maximumRetries = 3
        let engine = Engine(configuration: engineConfiguration)
        let account = SandboxConfiguration.demoAccountID, app = SandboxConfiguration.demoAppIDs[0]
        do {
            _ = try await engine.query("""
                INSERT INTO cloudflare.realtime_kit.meetings (account_id, app_id, title) VALUES ('\(account)', '\(app)', 'Once')
                """)
            Issue.record("the POST did not fail")
        } catch {}
        _ = try? await engine.query("""
            UPDATE cloudflare.realtime_kit.meetings SET title = 'Twice' WHERE account_id = '\(account)' AND app_id = '\(app)' AND meeting_id = 'm'
            """)
        let methods = await server.requests().map(\.method)
        await server.stop()
        #expect(methods == ["POST", "PATCH", "PATCH", "PATCH", "PATCH"])
    }

    /// REPLACE on a generated resource: SET targets are the PUT body's properties.
    @Test func replacePutsTheWholeWebhook() async throws {
        try await SandboxFixture.with { fixture in
            let webhook = MutationIntegrationTests.text(try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.webhooks WHERE \(fixture.scope) AND name = 'Meeting lifecycle'
                """).rows.first?[0])
            let result = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.webhooks SET name = 'Ends only', url = 'https://hooks.example.org/end',
                events = '["meeting.ended"]' WHERE \(fixture.scope) AND webhook_id = '\(webhook)' RETURNING name, events
                """)
            #expect(result.rows == [[.text("Ends only"), .text("[\"meeting.ended\"]")]])
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)"
            #expect(await MutationIntegrationTests.mutations(fixture) == [
                "PUT \(base)/webhooks/\(webhook) {\"name\":\"Ends only\",\"url\":\"https://hooks.example.org/end\",\"events\":[\"meeting.ended\"]}",
            ])
            let listed = try await fixture.engine.query("""
                SELECT url FROM cloudflare.realtime_kit.webhooks WHERE \(fixture.scope) AND webhook_id = '\(webhook)'
                """)
            #expect(listed.rows == [[.text("https://hooks.example.org/end")]])
        }
    }

    /// EXEC of any method, with RETURNING over its answer: a created app is listed by `apps`.
    @Test func execReturningCreatesAnApp() async throws {
        try await SandboxFixture.with { fixture in
            let result = try await fixture.engine.query("""
                EXEC cloudflare.realtime_kit.apps.post @account_id = '\(fixture.account)', @name = 'Third' RETURNING id, name
                """)
            #expect(result.columns == ["id", "name"])
            let id = MutationIntegrationTests.text(result.rows.first?[0])
            #expect(result.rows == [[.text(id), .text("Third")]])
            #expect(await MutationIntegrationTests.mutations(fixture) == [
                "POST /client/v4/accounts/\(fixture.account)/realtime/kit/apps {\"name\":\"Third\"}",
            ])
            let apps = try await fixture.engine.query("""
                SELECT name FROM cloudflare.realtime_kit.apps WHERE account_id = '\(fixture.account)' AND id = '\(id)'
                """)
            #expect(apps.rows == [[.text("Third")]])
        }
    }
}
