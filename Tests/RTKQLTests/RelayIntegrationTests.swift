import Foundation
import RTKQL
import RTKQLSandbox
import RTKQLStorage
import Testing

/// The MoQ relays resource end to end against the sandbox over HTTP: SELECT (the list, and one relay by ID),
/// INSERT, REPLACE (its PUT), EXEC rotate and DELETE, with exact rows and exact requests, each change seen by
/// the SELECTs after it. Relays answer in Cloudflare's v4 envelope (`result`), not RealtimeKit's `data`.
@Suite struct RelayIntegrationTests {
    /// The demo account's seeded relays (seed 42), and the first relay created in a fresh sandbox.
    static let production = "64d5dbabcf2678d0999ac9729df3478d"
    static let staging = "12734855bdd95ccf42f54c1ef84c7982"
    static let fallback = "f520a4945d2900722c4fbdb465430e0d"
    static let created = "5137dba6b41564add16125a55d58513a"

    /// The mutations the sandbox received, as `METHOD path body`.
    static func mutations(_ fixture: SandboxFixture) async -> [String] {
        await fixture.server.requests().filter { $0.method != "GET" }.map { "\($0.method) \($0.path) \($0.body ?? "")" }
    }

    @Test func selectReadsTheListAndOneRelayByItsID() async throws {
        try await SandboxFixture.with { fixture in
            let account = fixture.account
            let all = try await fixture.engine.query("SELECT * FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)'")
            #expect(all.columns == ["created", "modified", "name", "uid", "config", "status"])
            // The list answers metadata only: config and status are NULL in its rows.
            #expect(all.rows == [
                [.text("2025-11-20T09:00:00.000Z"), .text("2025-11-22T11:00:00.000Z"), .text("Production Live Stream"),
                 .text(RelayIntegrationTests.production), .null, .null],
                [.text("2025-11-21T09:00:00.000Z"), .text("2025-11-21T09:00:00.000Z"), .text("Staging"),
                 .text(RelayIntegrationTests.staging), .null, .null],
                [.text("2025-11-22T09:00:00.000Z"), .text("2025-11-23T10:00:00.000Z"), .text("Edge fallback"),
                 .text(RelayIntegrationTests.fallback), .null, .null],
            ])
            // relay_id bound: the get method, which answers the config and the status.
            let one = try await fixture.engine.query("""
                SELECT name, status, config->>'$.lingering_subscribe.max_timeout_ms' AS ceiling, relay_id
                FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)' AND relay_id = '\(RelayIntegrationTests.production)'
                """)
            #expect(one.rows == [[.text("Production Live Stream"), .text("connected"), .integer(30000), .text(RelayIntegrationTests.production)]])
            // uid is the row field relay_id stands for: binding it reads one relay too.
            let byUID = try await fixture.engine.query("""
                SELECT name, status, config FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)' AND uid = '\(RelayIntegrationTests.fallback)'
                """)
            #expect(byUID.rows == [[.text("Edge fallback"), .null, .text(#"{"lingering_subscribe":{"enabled":false,"max_timeout_ms":30000},"#
                + #""origin_fallback":{"enabled":true,"urls":["https://relay-eu.moq.sandbox.invalid","https://relay-us.moq.sandbox.invalid"]}}"#)]])
            let base = "/client/v4/accounts/\(account)/moq/relays"
            #expect(await fixture.requestLines() == [
                "GET \(base)", "GET \(base)/\(RelayIntegrationTests.production)", "GET \(base)/\(RelayIntegrationTests.fallback)",
            ])
        }
    }

    @Test func insertReplaceRotateAndDeleteShowInTheSelectsAfterThem() async throws {
        try await SandboxFixture.with { fixture in
            let engine = fixture.engine
            let account = fixture.account
            let created = RelayIntegrationTests.created
            let inserted = try await engine.query("""
                INSERT INTO cloudflare.realtime_kit.relays (account_id, name) VALUES ('\(account)', 'Launch event')
                """)
            #expect(inserted.columns == ["account_id", "outcome", "http_status", "message", "status"])
            #expect(inserted.rows == [[.text(account), .text("ok"), .integer(201), .null, .null]])
            let listed = try await engine.query("SELECT uid, name FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)'")
            #expect(listed.rows == [
                [.text(RelayIntegrationTests.production), .text("Production Live Stream")], [.text(RelayIntegrationTests.staging), .text("Staging")],
                [.text(RelayIntegrationTests.fallback), .text("Edge fallback")], [.text(created), .text("Launch event")],
            ])

            // REPLACE is the PUT: its SET targets are the body's properties.
            let replaced = try await engine.query("""
                REPLACE cloudflare.realtime_kit.relays SET name = 'Launch event (EU)',
                config = '{"lingering_subscribe":{"enabled":false},"origin_fallback":{"enabled":true,"urls":["https://origin.example.org"]}}'
                WHERE account_id = '\(account)' AND relay_id = '\(created)'
                """)
            #expect(replaced.columns == ["relay_id", "outcome", "http_status", "message", "status"])
            #expect(replaced.rows == [[.text(created), .text("ok"), .integer(200), .null, .null]])
            let after = try await engine.query("""
                SELECT name, config FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)' AND relay_id = '\(created)'
                """)
            #expect(after.rows == [[.text("Launch event (EU)"), .text(#"{"lingering_subscribe":{"enabled":false,"max_timeout_ms":30000},"#
                + #""origin_fallback":{"enabled":true,"urls":["https://origin.example.org"]}}"#)]])
            // StackQL maps no update (PATCH) method for relays.
            let update = await #expect(throws: RTKQLError.self) {
                try await engine.query("UPDATE cloudflare.realtime_kit.relays SET name = 'x' WHERE account_id = '\(account)' AND relay_id = '\(created)'")
            }
            #expect(update?.description == "cloudflare.realtime_kit.relays has no UPDATE method (see SHOW METHODS IN cloudflare.realtime_kit.relays)")

            // rotate answers {type, token} under `result`: RETURNING reads it there.
            let rotated = try await engine.query("""
                EXEC cloudflare.realtime_kit.relays.rotate @account_id = '\(account)', @relay_id = '\(created)', @type = 'subscribe'
                RETURNING result->>'type' AS type, result->>'token' AS token, success
                """)
            #expect(rotated.columns == ["type", "token", "success"])
            #expect(rotated.rows == [[.text("subscribe"), .text("eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.eyJzdWIiOiI1MTM3ZGJhNmI0MTU2NGFkZDE2MTI1YTU1ZDU4NTEzYSIsInNjb3BlIjoic3Vic2NyaWJlIiwiZ2VuIjoyfQ.c2FuZGJveA"), .text("true")]])
            let again = try await engine.query("""
                EXEC cloudflare.realtime_kit.relays.rotate @account_id = '\(account)', @relay_id = '\(created)'
                @@json = '{"type": "publish_subscribe"}' RETURNING result->>'token'
                """)
            #expect(again.rows == [[.text("eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.eyJzdWIiOiI1MTM3ZGJhNmI0MTU2NGFkZDE2MTI1YTU1ZDU4NTEzYSIsInNjb3BlIjoicHVibGlzaF9zdWJzY3JpYmUiLCJnZW4iOjJ9.c2FuZGJveA")]])

            let deleted = try await engine.query("""
                DELETE FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)' AND relay_id = '\(created)'
                """)
            #expect(deleted.columns == ["relay_id", "outcome", "http_status", "message", "status"])
            #expect(deleted.rows == [[.text(created), .text("ok"), .integer(200), .null, .null]])
            let left = try await engine.query("SELECT uid FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)'")
            #expect(left.rows == [[.text(RelayIntegrationTests.production)], [.text(RelayIntegrationTests.staging)], [.text(RelayIntegrationTests.fallback)]])
            let gone = await #expect(throws: RTKQLError.self) {
                try await engine.query("SELECT name FROM cloudflare.realtime_kit.relays WHERE account_id = '\(account)' AND relay_id = '\(created)'")
            }
            // The get of a deleted relay is the API's 404, with its message.
            #expect(gone?.description == "API error: HTTP 404 Not Found from GET \(fixture.server.baseURL)/accounts/\(account)/moq/relays/\(created): "
                    + "A MoQ relay with this ID was not found.")

            let base = "/client/v4/accounts/\(account)/moq/relays"
            #expect(await RelayIntegrationTests.mutations(fixture) == [
                #"POST \#(base) {"name":"Launch event"}"#,
                #"PUT \#(base)/\#(created) {"name":"Launch event (EU)","config":{"lingering_subscribe":{"enabled":false},"#
                    + #""origin_fallback":{"enabled":true,"urls":["https://origin.example.org"]}}}"#,
                #"POST \#(base)/\#(created)/tokens/rotate {"type":"subscribe"}"#,
                #"POST \#(base)/\#(created)/tokens/rotate {"type":"publish_subscribe"}"#,
                "DELETE \(base)/\(created) ",
            ])
        }
    }

    /// Bodies are checked against the schema before anything is sent.
    @Test func bodiesAreValidatedBeforeAnythingIsSent() async throws {
        try await SandboxFixture.with { fixture in
            let account = fixture.account
            let relay = RelayIntegrationTests.production
            let cases: [(String, String)] = [
                ("INSERT INTO cloudflare.realtime_kit.relays (account_id) VALUES ('\(account)')",
                 #"invalid body for cloudflare.realtime_kit.relays.post_accounts_account_id_moq_relays: "name" is required"#),
                ("EXEC cloudflare.realtime_kit.relays.rotate @account_id = '\(account)', @relay_id = '\(relay)', @type = 'admin'",
                 #"invalid body for cloudflare.realtime_kit.relays.rotate: "type" must be one of publish_subscribe, subscribe, got "admin""#),
                ("EXEC cloudflare.realtime_kit.relays.rotate @account_id = '\(account)', @relay_id = '\(relay)'",
                 #"invalid body for cloudflare.realtime_kit.relays.rotate: "type" is required"#),
                ("REPLACE cloudflare.realtime_kit.relays SET config = '[1]' WHERE account_id = '\(account)' AND relay_id = '\(relay)'",
                 #"invalid body for cloudflare.realtime_kit.relays.put_accounts_account_id_moq_relays_relay_id: "config" must be a JSON object, got [1]"#),
            ]
            for (sql, expected) in cases {
                let error = await #expect(throws: RTKQLError.self, "\(sql)") { try await fixture.engine.query(sql) }
                #expect(error?.description == expected, "\(sql)")
            }
            #expect(await fixture.server.requests().isEmpty)
        }
    }
}
