import Foundation
import RTKQL
import RTKQLSandbox
import RTKQLStorage
import Testing

/// EXPLAIN of INSERT, UPDATE, REPLACE, DELETE and EXEC: the method and every request it would send (verb,
/// URL, body, headers with the credentials redacted), each body validated, and nothing sent.
@Suite struct ExplainMutationTests {
    static let headers = "Accept: application/json; Authorization: <redacted>; Content-Type: application/json"
    static let relay = "0123456789abcdef0123456789abcdef"

    @Test func explainListsTheRequestsOfEveryMutationAndSendsNone() async throws {
        try await SandboxFixture.with { fixture in
            let engine = fixture.engine
            let account = fixture.account
            let relays = "\(fixture.server.baseURL)/accounts/\(account)/moq/relays"
            let insert = "cloudflare.realtime_kit.relays.post_accounts_account_id_moq_relays"

            let values = try await engine.query("""
                EXPLAIN INSERT INTO cloudflare.realtime_kit.relays (account_id, name) VALUES ('\(account)', 'Launch event'), ('\(account)', 'Rehearsal')
                """)
            #expect(values.columns == ["step", "method", "http_method", "url", "body", "headers"])
            #expect(values.rows == [
                [.integer(1), .text(insert), .text("POST"), .text(relays), .text(#"{"name":"Launch event"}"#), .text(ExplainMutationTests.headers)],
                [.integer(2), .text(insert), .text("POST"), .text(relays), .text(#"{"name":"Rehearsal"}"#), .text(ExplainMutationTests.headers)],
            ])
            #expect(values.notice == "dry run: 2 requests listed, none sent")

            // A SELECT source that reads no resource is computed by SQLite.
            let selected = try await engine.query("""
                EXPLAIN INSERT INTO cloudflare.realtime_kit.webhooks (account_id, app_id, name, url, events)
                SELECT '\(account)', '\(fixture.app)', 'hook ' || value, 'https://hooks.example.org/' || value, '["meeting.ended"]'
                FROM json_each('[1, 2]')
                """)
            let webhooks = "\(fixture.server.baseURL)/accounts/\(account)/realtime/kit/\(fixture.app)/webhooks"
            #expect(selected.rows == [1, 2].map { index in
                [.integer(Int64(index)), .text("cloudflare.realtime_kit.webhooks.create_webhook"), .text("POST"), .text(webhooks),
                 .text(#"{"name":"hook \#(index)","url":"https://hooks.example.org/\#(index)","events":["meeting.ended"]}"#),
                 .text(ExplainMutationTests.headers)]
            })

            let update = try await engine.query("""
                EXPLAIN UPDATE cloudflare.realtime_kit.webhooks SET enabled = false WHERE \(fixture.scope) AND webhook_id = 'w1'
                """)
            #expect(update.rows == [[.integer(1), .text("cloudflare.realtime_kit.webhooks.edit_webhook"), .text("PATCH"),
                                     .text(webhooks + "/w1"), .text(#"{"enabled":false}"#), .text(ExplainMutationTests.headers)]])

            let replace = try await engine.query("""
                EXPLAIN REPLACE cloudflare.realtime_kit.relays SET name = 'Renamed'
                WHERE account_id = '\(account)' AND relay_id = '\(ExplainMutationTests.relay)'
                """)
            #expect(replace.rows == [[.integer(1), .text("cloudflare.realtime_kit.relays.put_accounts_account_id_moq_relays_relay_id"),
                                      .text("PUT"), .text("\(relays)/\(ExplainMutationTests.relay)"), .text(#"{"name":"Renamed"}"#),
                                      .text(ExplainMutationTests.headers)]])

            let other = "fedcba9876543210fedcba9876543210"
            let delete = try await engine.query("""
                EXPLAIN DELETE FROM cloudflare.realtime_kit.relays
                WHERE account_id = '\(account)' AND relay_id IN ('\(ExplainMutationTests.relay)', '\(other)')
                """)
            #expect(delete.rows == [ExplainMutationTests.relay, other].enumerated().map { index, id in
                [.integer(Int64(index + 1)), .text("cloudflare.realtime_kit.relays.delete_accounts_account_id_moq_relays_relay_id"),
                 .text("DELETE"), .text("\(relays)/\(id)"), .null, .text("Accept: application/json; Authorization: <redacted>")]
            })
            #expect(delete.notice == "dry run: 2 requests listed, none sent")
            // Targets from a subquery that reads no resource are computed by SQLite: the same requests.
            let fromValues = try await engine.query("""
                EXPLAIN DELETE FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)'
                AND relay_id IN (SELECT column1 FROM (VALUES ('\(ExplainMutationTests.relay)'), ('\(other)')))
                """)
            #expect(fromValues.rows == delete.rows)

            let exec = try await engine.query("""
                EXPLAIN EXEC cloudflare.realtime_kit.relays.rotate @account_id = '\(account)', @relay_id = '\(ExplainMutationTests.relay)',
                @type = 'subscribe'
                """)
            #expect(exec.rows == [[.integer(1), .text("cloudflare.realtime_kit.relays.rotate"), .text("POST"),
                                   .text("\(relays)/\(ExplainMutationTests.relay)/tokens/rotate"), .text(#"{"type":"subscribe"}"#),
                                   .text(ExplainMutationTests.headers)]])
            #expect(exec.notice == "dry run: 1 request listed, none sent")
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    /// EXPLAIN validates what it lists, and refuses an INSERT whose rows, or a DELETE whose targets, would have to
    /// be read first.
    @Test func explainValidatesBodiesAndReadsNothing() async throws {
        try await SandboxFixture.with { fixture in
            let account = fixture.account
            let cases: [(String, String)] = [
                ("EXPLAIN INSERT INTO cloudflare.realtime_kit.relays (account_id) VALUES ('\(account)')",
                 #"invalid body for cloudflare.realtime_kit.relays.post_accounts_account_id_moq_relays: "name" is required"#),
                ("EXPLAIN INSERT INTO cloudflare.realtime_kit.webhooks (account_id, app_id, name, url, events) VALUES "
                    + "('\(account)', '\(fixture.app)', 'x', 'https://a.invalid', '[\"meeting.nope\"]')",
                 #"invalid body for cloudflare.realtime_kit.webhooks.create_webhook: "events[0]" must be one of meeting.started, "#
                    + #"meeting.ended, meeting.participantJoined, meeting.participantLeft, meeting.chatSynced, recording.statusUpdate, "#
                    + #"livestreaming.statusUpdate, meeting.transcript, meeting.summary, got "meeting.nope""#),
                ("EXPLAIN EXEC cloudflare.realtime_kit.relays.rotate @account_id = '\(account)', @relay_id = 'r', @type = 'admin'",
                 #"invalid body for cloudflare.realtime_kit.relays.rotate: "type" must be one of publish_subscribe, subscribe, got "admin""#),
                ("EXPLAIN INSERT INTO cloudflare.realtime_kit.relays (account_id, name) "
                    + "SELECT account_id, name || ' copy' FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)'",
                 "EXPLAIN INSERT lists requests without sending any, but the rows of this INSERT are read from "
                    + "cloudflare.realtime_kit.relays: EXPLAIN its SELECT to see those reads, or run the INSERT with --dry-run, "
                    + "which reads them and lists the requests it would send"),
                ("EXPLAIN DELETE FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)' AND relay_id IN "
                    + "(SELECT uid FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)' AND name LIKE 'S%')",
                 "EXPLAIN DELETE lists requests without sending any, but the targets of this DELETE are read from "
                    + "cloudflare.realtime_kit.relays: EXPLAIN its SELECT to see those reads, or run the DELETE with --dry-run, "
                    + "which reads them and lists the requests it would send"),
            ]
            for (sql, expected) in cases {
                let error = await #expect(throws: RTKQLError.self, "\(sql)") { try await fixture.engine.query(sql) }
                #expect(error?.description == expected, "\(sql)")
            }
            #expect(await fixture.server.requests().isEmpty)
        }
    }
}
