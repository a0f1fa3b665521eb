import Foundation
import RTKQL
import RTKQLSandbox
import Testing

/// REPLACE and EXEC against the sandbox: the exact requests sent and the state a following SELECT sees.
@Suite struct OperationIntegrationTests {
    func ids(_ fixture: SandboxFixture, status: String) async throws -> [String] {
        let result = try await fixture.engine.query("""
            SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND status = '\(status)' ORDER BY id
            """)
        return result.rows.compactMap { $0.first?.textValue }
    }

    func status(_ fixture: SandboxFixture, _ id: String) async throws -> String? {
        let result = try await fixture.engine.query("""
            SELECT status FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND recording_id = '\(id)'
            """)
        return result.rows.first?.first?.textValue
    }

    @Test func pauseSendsOnePutAndTheStateChanges() async throws {
        try await SandboxFixture.with() { fixture in
            let target = try #require(try await ids(fixture, status: "RECORDING").first)
            await fixture.server.clearRequests()
            let result = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'pause'
                WHERE \(fixture.scope) AND recording_id = '\(target)' RETURNING id, status
                """)
            #expect(result.columns == ["id", "status"])
            #expect(result.rows == [[.text(target), .text("PAUSED")]])
            let log = await fixture.server.requests()
            #expect(log.map(\.method) == ["PUT"])
            #expect(log.first?.path == "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings/\(target)")
            #expect(log.first?.body == #"{"action":"pause"}"#)
            #expect(try await status(fixture, target) == "PAUSED")
        }
    }

    @Test func returningStarGivesTheRecordingFields() async throws {
        try await SandboxFixture.with() { fixture in
            let target = try #require(try await ids(fixture, status: "PAUSED").first)
            let result = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'resume'
                WHERE \(fixture.scope) AND recording_id = '\(target)' RETURNING *
                """)
            #expect(result.columns == ["id", "session_id", "output_file_name", "audio_download_url", "download_url", "download_url_expiry",
                                       "file_size", "invoked_time", "meeting", "recording_duration", "started_time", "status",
                                       "stopped_time", "storage_config"])
            #expect(result.value("id", row: 0) == .text(target))
            #expect(result.value("status", row: 0) == .text("RECORDING"))
            let expression = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'pause'
                WHERE \(fixture.scope) AND recording_id = '\(target)' RETURNING lower(status) AS s, meeting->>'title' IS NOT NULL AS titled
                """)
            #expect(expression.rows == [[.text("paused"), .integer(1)]])
        }
    }

    @Test func invalidTransitionShowsTheAPIMessage() async throws {
        try await SandboxFixture.with() { fixture in
            let target = try #require(try await ids(fixture, status: "UPLOADED").first)
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("REPLACE cloudflare.realtime_kit.recordings SET action = 'resume' WHERE \(fixture.scope) AND recording_id = '\(target)'")
            }
            #expect(error?.httpStatus == 400)
            guard case .api(let api)? = error else { Issue.record("not an API error"); return }
            #expect(api.message.hasPrefix("BAD_REQUEST"))
            #expect(try await status(fixture, target) == "UPLOADED")
        }
    }

    @Test func invalidActionIsRefusedBeforeSending() async throws {
        try await SandboxFixture.with() { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("REPLACE cloudflare.realtime_kit.recordings SET action = 'halt' WHERE \(fixture.scope) AND recording_id = 'r'")
            }
            #expect(error?.description == "invalid value 'halt' for parameter action: expected one of stop, pause, resume")
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func setBasedStopReportsEveryRecording() async throws {
        try await SandboxFixture.with() { fixture in
            let running = try await ids(fixture, status: "RECORDING")
            let done = try #require(try await ids(fixture, status: "UPLOADED").first)
            try #require(!running.isEmpty)
            let targets = running + [done]
            let list = targets.map { "'\($0)'" }.joined(separator: ", ")
            let result = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'stop' WHERE \(fixture.scope) AND recording_id IN (\(list))
                """)
            #expect(result.columns == ["recording_id", "outcome", "http_status", "message", "status"])
            #expect(result.rows.map { $0[0] } == targets.map(SQLValue.text))
            #expect(result.rows.map { $0[1] } == running.map { _ in SQLValue.text("ok") } + [.text("error")])
            #expect(result.rows.last?[2] == .integer(400))
            #expect(result.failures == 1)
            for id in running { #expect(["UPLOADING", "UPLOADED"].contains(try await status(fixture, id))) }
        }
    }

    @Test func subqueryChoosesTheTargets() async throws {
        try await SandboxFixture.with() { fixture in
            let paused = try await ids(fixture, status: "PAUSED")
            try #require(!paused.isEmpty)
            let result = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'resume'
                WHERE \(fixture.scope) AND recording_id IN (
                  SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND status = 'PAUSED')
                """)
            #expect(Set(result.rows.map { $0[0] }) == Set(paused.map(SQLValue.text)))
            #expect(result.rows.allSatisfy { $0[1] == .text("ok") && $0[4] == .text("RECORDING") })
            #expect(try await ids(fixture, status: "PAUSED").isEmpty)
        }
    }

    /// `(app_id, recording_id) IN (SELECT ...)`: each target is a row of the subquery (a recording with the
    /// app it belongs to), one request per distinct row, never the cross product of apps and recordings.
    @Test func rowValueSubqueryBindsParametersTogether() async throws {
        try await SandboxFixture.with() { fixture in
            let apps = "'\(fixture.app)', '\(fixture.otherApp)'"
            let running = try await fixture.engine.query("""
                SELECT app_id, id FROM cloudflare.realtime_kit.recordings
                WHERE account_id = '\(fixture.account)' AND app_id IN (\(apps)) AND status = 'RECORDING' ORDER BY app_id, id
                """).rows.map { [$0[0].textValue ?? "", $0[1].textValue ?? ""] }
            try #require(Set(running.map { $0[0] }).count == 2, "both apps need a running recording")
            await fixture.server.clearRequests()
            let result = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'pause'
                WHERE account_id = '\(fixture.account)' AND (app_id, recording_id) IN (
                  SELECT app_id, id FROM cloudflare.realtime_kit.recordings
                  WHERE account_id = '\(fixture.account)' AND app_id IN (\(apps)) AND status = 'RECORDING'
                  UNION ALL
                  SELECT app_id, id FROM cloudflare.realtime_kit.recordings
                  WHERE account_id = '\(fixture.account)' AND app_id IN (\(apps)) AND status = 'RECORDING')
                """)
            #expect(Set(result.rows.map { $0[0] }) == Set(running.map { SQLValue.text($0[1]) }))
            #expect(result.rows.count == running.count)
            #expect(result.rows.allSatisfy { $0[1] == .text("ok") && $0[4] == .text("PAUSED") })
            let puts = await fixture.server.requests().filter { $0.method == "PUT" }.map(\.path)
            let expected = running.map { "/client/v4/accounts/\(fixture.account)/realtime/kit/\($0[0])/recordings/\($0[1])" }
            #expect(puts.sorted() == expected.sorted())
        }
    }

    @Test func rowValueSubqueryNeedsAColumnPerParameter() async throws {
        try await SandboxFixture.with(recordings: 5) { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("""
                    REPLACE cloudflare.realtime_kit.recordings SET action = 'pause' WHERE account_id = '\(fixture.account)'
                    AND (app_id, recording_id) IN (SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope))
                    """)
            }
            #expect(error?.description.hasPrefix("(app_id, recording_id) IN (SELECT ...) needs 2 columns from the subquery, which returns 1") == true,
                    "\(String(describing: error))")
            #expect(await fixture.server.requests().allSatisfy { $0.method == "GET" })
        }
    }

    @Test func createTrackPostsTheBodyAndReturnsTheRecording() async throws {
        try await SandboxFixture.with() { fixture in
            let meeting = try await fixture.engine.query("SELECT meeting->>'id' FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) LIMIT 1")
            let meetingID = try #require(meeting.rows.first?.first?.textValue)
            await fixture.server.clearRequests()
            let result = try await fixture.engine.query("""
                EXEC cloudflare.realtime_kit.recordings.create_track
                @account_id='\(fixture.account)' @app_id='\(fixture.app)'
                @@json='{"layers": {"default": {"outputs": [{"type": "REALTIMEKIT_BUCKET"}]}}, "max_seconds": 120, "meeting_id": "\(meetingID)"}'
                """)
            #expect(result.rows.count == 1)
            #expect(result.value("meeting", row: 0)?.textValue?.contains(meetingID) == true)
            let log = await fixture.server.requests()
            #expect(log.map(\.method) == ["POST"])
            #expect(log.first?.path == "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings/track")
            #expect(log.first?.body == #"{"layers":{"default":{"outputs":[{"type":"REALTIMEKIT_BUCKET"}]}},"max_seconds":120,"meeting_id":"\#(meetingID)"}"#)
        }
    }

    @Test func execBodyIsValidatedBeforeSending() async throws {
        try await SandboxFixture.with() { fixture in
            let cases: [(String, String)] = [
                (#"{"layers": {}, "max_seconds": 30, "meeting_id": "m"}"#,
                 #"invalid body for cloudflare.realtime_kit.recordings.create_track: "max_seconds" must be an integer from 60 to 86400, got 30"#),
                (#"{"layers": "x", "meeting_id": "m"}"#,
                 #"invalid body for cloudflare.realtime_kit.recordings.create_track: "layers" must be a JSON object, got "x""#),
                (#"{"layers": {}}"#, #"invalid body for cloudflare.realtime_kit.recordings.create_track: "meeting_id" is required"#),
                (#"{"layers": "#, "@@json for cloudflare.realtime_kit.recordings.create_track is not valid JSON: unexpected end of JSON at byte 11"),
            ]
            for (body, message) in cases {
                let error = await #expect(throws: RTKQLError.self) {
                    try await fixture.engine.query("EXEC cloudflare.realtime_kit.recordings.create_track @account_id='a' @app_id='b' @@json='\(body)'")
                }
                #expect(error?.description == message)
            }
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func startAndActiveRecordingAreMethodsFromTheDefinition() async throws {
        try await SandboxFixture.with() { fixture in
            let meetings = try await fixture.engine.query("""
                SELECT meeting->>'id' AS m FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)
                GROUP BY m HAVING sum(status IN ('INVOKED', 'RECORDING', 'PAUSED')) = 0 LIMIT 1
                """)
            let meetingID = try #require(meetings.rows.first?.first?.textValue)
            let started = try await fixture.engine.query("""
                EXEC cloudflare.realtime_kit.recordings.start @account_id='\(fixture.account)', @app_id='\(fixture.app)', @meeting_id='\(meetingID)'
                """)
            let id = try #require(started.value("id", row: 0)?.textValue)
            let active = try await fixture.engine.query("""
                EXEC cloudflare.realtime_kit.recordings.get_active_recording @account_id='\(fixture.account)' @app_id='\(fixture.app)' @meeting_id='\(meetingID)'
                """)
            #expect(active.value("id", row: 0) == .text(id))
            let log = await fixture.server.requests().suffix(2)
            #expect(log.map(\.method) == ["POST", "GET"])
            #expect(log.first?.body == #"{"meeting_id":"\#(meetingID)"}"#)
        }
    }

    @Test func dryRunSendsNothing() async throws {
        try await SandboxFixture.with(configure: { $0.dryRun = true }) { fixture in
            let result = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'stop' WHERE \(fixture.scope) AND recording_id IN ('r1', 'r2')
                """)
            #expect(result.columns == ["step", "method", "http_method", "url", "body", "headers"])
            #expect(result.rows.map { $0[3].textValue ?? "" } == ["r1", "r2"].map {
                "\(fixture.server.baseURL)/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings/\($0)"
            })
            #expect(result.rows.allSatisfy { $0[4] == .text(#"{"action":"stop"}"#) })
            #expect(result.rows.allSatisfy { $0[5].textValue?.contains("Authorization: <redacted>") == true })
            #expect(await fixture.server.requests().isEmpty)
        }
    }
}

@Suite struct SetBasedReturningTests {
    @Test func returningColumnsFollowTheOutcomeColumnsWithNullsForFailures() async throws {
        try await SandboxFixture.with() { fixture in
            let running = try await fixture.engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND status = 'RECORDING' ORDER BY id LIMIT 1")
            let id = try #require(running.rows.first?.first?.textValue)
            let result = try await fixture.engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'pause'
                WHERE \(fixture.scope) AND recording_id IN ('no-such-recording', '\(id)') RETURNING status, upper(id) AS upper_id
                """)
            #expect(result.columns == ["recording_id", "outcome", "http_status", "message", "status", "status", "upper_id"])
            #expect(result.rows[0][1] == .text("error"))
            #expect(Array(result.rows[0][5...]) == [.null, .null])
            #expect(Array(result.rows[1][5...]) == [.text("PAUSED"), .text(id.uppercased())])
            #expect(result.failures == 1)
        }
    }
}
