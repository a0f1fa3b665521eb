import Foundation
import RTKQL
import RTKQLProvider
import RTKQLSandbox
import RTKQLStorage
import Testing

/// A SELECT on every resource that has a select method, against the sandbox, with the required parameters
/// bound from the seeded data (found by SELECTs too): rows come back from each method's row path.
@Suite struct ServiceSelectTests {
    /// The seeded IDs the resources' required parameters take.
    struct Seeded {
        var liveMeeting = "", liveSession = "", liveLivestream = "", livestreamRun = "", endedSession = ""
        var meetingParticipant = "", sessionParticipant = "", recording = "", preset = "", webhook = ""
    }

    static func text(_ value: SQLValue?) -> String {
        if case .text(let text)? = value { return text }
        return ""
    }

    static func discover(_ fixture: SandboxFixture) async throws -> Seeded {
        let engine = fixture.engine
        let scope = fixture.scope
        var seeded = Seeded()
        let live = try await engine.query("SELECT id, meeting_id FROM cloudflare.realtime_kit.kit_livestreams WHERE \(scope) AND status = 'LIVE'")
        #expect(live.rows.count == 1)
        seeded.liveLivestream = text(live.rows.first?[0])
        seeded.liveMeeting = text(live.rows.first?[1])
        let session = try await engine.query("""
            SELECT id FROM cloudflare.realtime_kit.active_session WHERE \(scope) AND meeting_id = '\(seeded.liveMeeting)'
            """)
        seeded.liveSession = text(session.rows.first?[0])
        let run = try await engine.query("""
            SELECT json_extract(session, '$.id') FROM cloudflare.realtime_kit.livestreams_active_livestream_session
            WHERE \(scope) AND livestream_id = '\(seeded.liveLivestream)'
            """)
        seeded.livestreamRun = text(run.rows.first?[0])
        let ended = try await engine.query("""
            SELECT id FROM cloudflare.realtime_kit.sessions WHERE \(scope) AND status = 'ENDED' ORDER BY id LIMIT 1
            """)
        seeded.endedSession = text(ended.rows.first?[0])
        let participant = try await engine.query("""
            SELECT id FROM cloudflare.realtime_kit.meetings_participants WHERE \(scope) AND meeting_id = '\(seeded.liveMeeting)'
            ORDER BY id LIMIT 1
            """)
        seeded.meetingParticipant = text(participant.rows.first?[0])
        let peer = try await engine.query("""
            SELECT id FROM cloudflare.realtime_kit.sessions_participants WHERE \(scope) AND session_id = '\(seeded.liveSession)'
            ORDER BY id LIMIT 1
            """)
        seeded.sessionParticipant = text(peer.rows.first?[0])
        seeded.recording = text(try await engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(scope) ORDER BY id LIMIT 1").rows.first?[0])
        seeded.preset = text(try await engine.query("SELECT id FROM cloudflare.realtime_kit.presets WHERE \(scope) AND name = 'webinar_viewer'").rows.first?[0])
        seeded.webhook = text(try await engine.query("SELECT id FROM cloudflare.realtime_kit.webhooks WHERE \(scope) AND name = 'Meeting lifecycle'").rows.first?[0])
        for (name, value) in Mirror(reflecting: seeded).children.map({ ($0.label ?? "", $0.value as? String ?? "") }) {
            #expect(value.count == 36, "no seeded \(name): '\(value)'")
        }
        return seeded
    }

    /// Every resource's WHERE: the scope and the IDs its select methods require.
    static func statements(_ seeded: Seeded, scope: String, account: String) -> [String: String] {
        [
            "active_session": "meeting_id = '\(seeded.liveMeeting)'",
            "analytics": "",
            "apps": "",
            "kit_livestreams": "",
            "kit_meetings": "",
            "kit_recordings": "recording_id = '\(seeded.recording)'",
            "kit_sessions": "session_id = '\(seeded.liveSession)'",
            "livestream": "meeting_id = '\(seeded.liveMeeting)'",
            "livestream_sessions": "session_id = '\(seeded.liveSession)'",
            "livestreams_active_livestream": "meeting_id = '\(seeded.liveMeeting)'",
            "livestreams_active_livestream_session": "livestream_id = '\(seeded.liveLivestream)'",
            "livestreams_overall": "",
            "livestreams_sessions": "livestream_session_id = '\(seeded.livestreamRun)'",
            "meetings_participants": "meeting_id = '\(seeded.liveMeeting)'",
            "presets": "",
            "recordings": "",
            "recordings_active_recording": "meeting_id = '\(seeded.liveMeeting)'",
            "relays": "",
            "sessions": "",
            "sessions_chat": "session_id = '\(seeded.endedSession)'",
            "sessions_participants": "session_id = '\(seeded.liveSession)'",
            "sessions_peer_report": "peer_id = '\(seeded.sessionParticipant)'",
            "sessions_summary": "session_id = '\(seeded.endedSession)'",
            "sessions_transcript": "session_id = '\(seeded.endedSession)'",
            "webhooks": "",
        ].reduce(into: [String: String]()) { statements, entry in
            // Apps and MoQ relays belong to the account: account_id is their one parameter.
            let base = ["apps", "relays"].contains(entry.key) ? "account_id = '\(account)'" : scope
            statements[entry.key] = entry.value.isEmpty ? base : "\(base) AND \(entry.value)"
        }
    }

    @Test func everyResourceWithASelectMethodAnswersSelect() async throws {
        try await SandboxFixture.with { fixture in
            let seeded = try await ServiceSelectTests.discover(fixture)
            // A summary exists once asked for.
            _ = try await fixture.engine.query("""
                EXEC cloudflare.realtime_kit.sessions.generate_summary_of_transcripts @account_id = '\(fixture.account)',
                @app_id = '\(fixture.app)', @session_id = '\(seeded.endedSession)'
                """)
            let service = try #require(ProviderRegistry.bundled.provider(named: "cloudflare")?.service(named: "realtime_kit"))
            let selectable = service.resources.filter { !$0.methods(for: .select).isEmpty }.map(\.name)
            let statements = ServiceSelectTests.statements(seeded, scope: fixture.scope, account: fixture.account)
            #expect(Set(statements.keys) == Set(selectable))
            var counts: [String: Int] = [:]
            for name in selectable.sorted() {
                guard let whereClause = statements[name] else { continue }
                let result = try await fixture.engine.query("SELECT * FROM cloudflare.realtime_kit.\(name) WHERE \(whereClause)")
                let resource = try #require(service.resource(named: name))
                #expect(result.columns == resource.fields.map(\.name), "\(name)")
                #expect(!result.rows.isEmpty, "\(name) returned no rows")
                // No row is all NULL: the fields were read from where the rows are.
                for row in result.rows { #expect(row.contains { !$0.isNull }, "\(name): a row of NULLs") }
                counts[name] = result.rows.count
            }
            #expect(counts == [
                "active_session": 1, "analytics": 1, "apps": 2, "kit_livestreams": 3, "kit_meetings": 12, "kit_recordings": 1,
                "kit_sessions": 1, "livestream": 2, "livestream_sessions": 1, "livestreams_active_livestream": 1,
                "livestreams_active_livestream_session": 1, "livestreams_overall": 1, "livestreams_sessions": 1,
                "meetings_participants": counts["meetings_participants"] ?? -1, "presets": 4, "recordings": 240,
                "recordings_active_recording": 1, "relays": 3, "sessions": 240, "sessions_chat": 1,
                "sessions_participants": counts["sessions_participants"] ?? -1, "sessions_peer_report": 1,
                "sessions_summary": 1, "sessions_transcript": 1, "webhooks": 2,
            ])
        }
    }

    @Test func exactRowsOfAFewResources() async throws {
        try await SandboxFixture.with { fixture in
            let engine = fixture.engine
            let seeded = try await ServiceSelectTests.discover(fixture)
            let apps = try await engine.query("""
                SELECT id FROM cloudflare.realtime_kit.apps WHERE account_id = '\(fixture.account)' ORDER BY id
                """)
            #expect(apps.rows == SandboxConfiguration.demoAppIDs.sorted().map { [.text($0)] })
            let apps2 = try await engine.query("SELECT count(*) FROM cloudflare.realtime_kit.apps WHERE account_id = '\(fixture.account)'")
            #expect(apps2.rows == [[.integer(2)]])

            let presets = try await engine.query("SELECT name FROM cloudflare.realtime_kit.presets WHERE \(fixture.scope) ORDER BY name")
            #expect(presets.rows == ["group_call_host", "group_call_participant", "webinar_presenter", "webinar_viewer"].map { [.text($0)] })

            let webhooks = try await engine.query("""
                SELECT name, url, json_array_length(events) FROM cloudflare.realtime_kit.webhooks WHERE \(fixture.scope) ORDER BY name
                """)
            #expect(webhooks.rows == [
                [.text("Meeting lifecycle"), .text("https://hooks.sandbox.invalid/meetings"), .integer(4)],
                [.text("Recordings to archive"), .text("https://hooks.sandbox.invalid/recordings"), .integer(1)],
            ])

            // One session per recording: the sessions are exactly the recordings' session IDs.
            let orphans = try await engine.query("""
                SELECT count(*) FROM cloudflare.realtime_kit.sessions WHERE \(fixture.scope)
                AND id NOT IN (SELECT session_id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope))
                """)
            #expect(orphans.rows == [[.integer(0)]])
            let sessions = try await engine.query("""
                SELECT count(DISTINCT session_id) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)
                """)
            #expect(sessions.rows == [[.integer(240)]])

            let active = try await engine.query("""
                SELECT id, associated_id, status, meeting_id FROM cloudflare.realtime_kit.active_session
                WHERE \(fixture.scope) AND meeting_id = '\(seeded.liveMeeting)'
                """)
            #expect(active.rows == [[.text(seeded.liveSession), .text(seeded.liveMeeting), .text("LIVE"), .text(seeded.liveMeeting)]])

            // `data.session` and `data.sessions` hold the same session.
            let one = try await engine.query("""
                SELECT id, associated_id, status FROM cloudflare.realtime_kit.kit_sessions WHERE \(fixture.scope) AND session_id = '\(seeded.liveSession)'
                """)
            #expect(one.rows == [[.text(seeded.liveSession), .text(seeded.liveMeeting), .text("LIVE")]])

            // The session's participants (`data.participants`) are those the active session counts, and more who left.
            let participants = try await engine.query("""
                SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.sessions_participants
                WHERE \(fixture.scope) AND session_id = '\(seeded.liveSession)'
                """)
            let present = try await engine.query("""
                SELECT live_participants FROM cloudflare.realtime_kit.active_session WHERE \(fixture.scope) AND meeting_id = '\(seeded.liveMeeting)'
                """)
            let total = participants.rows.first?[0]
            #expect(participants.rows.first?[0] == participants.rows.first?[1])
            if case .integer(let all)? = total, case .integer(let live)? = present.rows.first?[0] {
                #expect(all >= live && live >= 1)
            } else {
                Issue.record("no participant counts: \(participants.rows) \(present.rows)")
            }

            let livestreams = try await engine.query("""
                SELECT name, status, meeting_id IS NULL FROM cloudflare.realtime_kit.kit_livestreams WHERE \(fixture.scope) ORDER BY status, name
                """)
            #expect(livestreams.rows.count == 3)
            #expect(livestreams.rows.map { $0[1] } == [.text("IDLE"), .text("IDLE"), .text("LIVE")])
            #expect(livestreams.rows.contains([.text("Company radio"), .text("IDLE"), .integer(1)]))
            let byID = try await engine.query("""
                SELECT id, status FROM cloudflare.realtime_kit.kit_livestreams WHERE \(fixture.scope) AND livestream_id = '\(seeded.liveLivestream)'
                """)
            #expect(byID.rows == [[.text(seeded.liveLivestream), .text("LIVE")]])
            // The ID was bound: one GET of that livestream, not the list.
            let lines = await fixture.requestLines()
            #expect(lines.last == "GET /client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/livestreams/\(seeded.liveLivestream)")
            // The meeting's livestreams (`data.livestreams` of its /livestream) are those the app lists for it.
            let ofMeeting = try await engine.query("""
                SELECT id FROM cloudflare.realtime_kit.livestream WHERE \(fixture.scope) AND meeting_id = '\(seeded.liveMeeting)' ORDER BY id
                """)
            let listed = try await engine.query("""
                SELECT id FROM cloudflare.realtime_kit.kit_livestreams WHERE \(fixture.scope) AND meeting_id = '\(seeded.liveMeeting)' ORDER BY id
                """)
            #expect(ofMeeting.rows == listed.rows)
            #expect(ofMeeting.rows.count == 2)
        }
    }

    /// Questions across resources return what SQLite computes over the same rows.
    @Test func questionsAcrossResources() async throws {
        try await SandboxFixture.with(recordings: 30) { fixture in
            let engine = fixture.engine
            let account = fixture.account
            // The recordings of every app of the account.
            let everyApp = try await engine.query("""
                SELECT count(*), count(DISTINCT app_id) FROM cloudflare.realtime_kit.recordings
                WHERE account_id = '\(account)' AND app_id IN (SELECT id FROM cloudflare.realtime_kit.apps WHERE account_id = '\(account)')
                """)
            #expect(everyApp.rows == [[.integer(60), .integer(2)]])
            let apps = "/client/v4/accounts/\(account)/realtime/kit/apps"
            #expect(await fixture.requestLines().sorted() == ([apps] + SandboxConfiguration.demoAppIDs.map {
                "/client/v4/accounts/\(account)/realtime/kit/\($0)/recordings?page_no=1&per_page=100"
            }).sorted().map { "GET " + $0 })

            // Recordings per meeting title: joined with the meetings, and read from the recordings' own `meeting`.
            let joined = try await engine.query("""
                SELECT m.title, count(r.id) FROM cloudflare.realtime_kit.kit_meetings m
                JOIN cloudflare.realtime_kit.recordings r ON r.meeting->>'id' = m.id
                WHERE m.account_id = '\(account)' AND m.app_id = '\(fixture.app)'
                  AND r.account_id = '\(account)' AND r.app_id = '\(fixture.app)'
                GROUP BY m.title ORDER BY m.title
                """)
            let direct = try await engine.query("""
                SELECT meeting->>'title', count(*) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) GROUP BY 1 ORDER BY 1
                """)
            #expect(joined.rows == direct.rows)
            #expect(joined.rows.reduce(Int64(0)) { sum, row in if case .integer(let count) = row[1] { sum + count } else { sum } } == 30)

            // Participants per session, for the sessions of one meeting.
            let meeting = ServiceSelectTests.text(try await engine.query("""
                SELECT associated_id FROM cloudflare.realtime_kit.sessions WHERE \(fixture.scope) ORDER BY id LIMIT 1
                """).rows.first?[0])
            let perSession = try await engine.query("""
                SELECT s.id, count(p.id) FROM cloudflare.realtime_kit.sessions s
                JOIN cloudflare.realtime_kit.sessions_participants p
                  ON p.session_id = s.id AND p.account_id = '\(account)' AND p.app_id = '\(fixture.app)'
                WHERE s.\(fixture.scope.replacingOccurrences(of: " AND app_id", with: " AND s.app_id")) AND s.associated_id = '\(meeting)'
                GROUP BY s.id ORDER BY s.id
                """)
            #expect(!perSession.rows.isEmpty)
            for row in perSession.rows {
                let sessionID = ServiceSelectTests.text(row[0])
                let alone = try await engine.query("""
                    SELECT count(*) FROM cloudflare.realtime_kit.sessions_participants WHERE \(fixture.scope) AND session_id = '\(sessionID)'
                    """)
                #expect(alone.rows == [[row[1]]], "\(sessionID)")
            }
        }
    }
}
