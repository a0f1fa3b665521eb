import Foundation
import RTKQL
import RTKQLSandbox
import Testing

/// SELECTs through the engine against the sandbox over real loopback HTTP.
@Suite struct SelectIntegrationTests {
    @Test func selectStarReturnsTheSeedFieldsInOrder() async throws {
        try await SandboxFixture.with() { fixture in
            let result = try await fixture.engine.query("SELECT * FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) LIMIT 3")
            #expect(result.columns == ["id", "session_id", "output_file_name", "audio_download_url", "download_url", "download_url_expiry",
                                       "file_size", "invoked_time", "meeting", "recording_duration", "started_time", "status",
                                       "stopped_time", "storage_config"])
            #expect(result.rows.count == 3)
            #expect(result.jsonColumns == [false, false, false, false, false, false, false, false, true, false, false, false, false, true])
        }
    }

    @Test func pagesThroughEveryPageAndSendsExactRequests() async throws {
        try await SandboxFixture.with(recordings: 240) { fixture in
            let result = try await fixture.engine.query("SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)")
            #expect(result.rows == [[.integer(240)]])
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings"
            #expect(await fixture.requestLines().sorted() == [
                "GET \(base)?page_no=1&per_page=100",
                "GET \(base)?page_no=2&per_page=100",
                "GET \(base)?page_no=3&per_page=100",
            ])
            #expect(result.requestCount == 3)
        }
    }

    @Test func copesWithAServerThatCapsThePageSize() async throws {
        try await SandboxFixture.with(recordings: 95, perPageCap: 40) { fixture in
            let result = try await fixture.engine.query("SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)")
            #expect(result.rows == [[.integer(95), .integer(95)]])
            #expect(await fixture.requestLines().count == 3)
        }
    }

    @Test func explicitPageFetchesExactlyThatPage() async throws {
        try await SandboxFixture.with() { fixture in
            let result = try await fixture.engine.query("""
                SELECT count(*) FROM cloudflare.realtime_kit.recordings
                WHERE \(fixture.scope) AND page_no = '2' AND per_page = '25'
                """)
            #expect(result.rows == [[.integer(25)]])
            let base = "/client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings"
            #expect(await fixture.requestLines() == ["GET \(base)?page_no=2&per_page=25"])
        }
    }

    @Test func statusIsPushedDownAsRepeatedKeysAndKeptAsAFilter() async throws {
        try await SandboxFixture.with() { fixture in
            let result = try await fixture.engine.query("""
                SELECT DISTINCT status FROM cloudflare.realtime_kit.recordings
                WHERE \(fixture.scope) AND status IN ('ERRORED', 'UPLOADED') ORDER BY status
                """)
            #expect(result.rows == [[.text("ERRORED")], [.text("UPLOADED")]])
            let first = try #require(await fixture.requestLines().first)
            #expect(first.hasSuffix("?page_no=1&per_page=100&status=ERRORED&status=UPLOADED"))
        }
    }

    @Test func missingRequiredParameterFailsBeforeAnyRequest() async throws {
        try await SandboxFixture.with() { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(fixture.account)'")
            }
            #expect(error?.description == "missing required parameter app_id for cloudflare.realtime_kit.recordings.list "
                    + "(add `AND app_id = '...'` to the WHERE clause, or take it from another table with `app_id = other.column` "
                    + "or `app_id IN (SELECT ...)`; see SHOW METHODS IN cloudflare.realtime_kit.recordings)")
            #expect(await fixture.server.requests().isEmpty)
        }
    }

    @Test func recordingIdUsesGetOneRecording() async throws {
        try await SandboxFixture.with() { fixture in
            let listing = try await fixture.engine.query("SELECT id, status FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) ORDER BY id LIMIT 1")
            guard case .text(let id) = listing.rows[0][0] else { Issue.record("no id"); return }
            await fixture.server.clearRequests()
            let one = try await fixture.engine.query("SELECT id, status FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND recording_id = '\(id)'")
            #expect(one.rows == listing.rows)
            #expect(await fixture.requestLines() == ["GET /client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings/\(id)"])
        }
    }

    @Test func appIdInListFansOutIntoOneFetchPerApp() async throws {
        try await SandboxFixture.with(recordings: 30) { fixture in
            let result = try await fixture.engine.query("""
                SELECT count(*) FROM cloudflare.realtime_kit.recordings
                WHERE account_id = '\(fixture.account)' AND app_id IN ('\(fixture.app)', '\(fixture.otherApp)')
                """)
            #expect(result.rows == [[.integer(60)]])
            let paths = await fixture.requestLines().map { $0.components(separatedBy: "?")[0] }.sorted()
            #expect(paths == [
                "GET /client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.app)/recordings",
                "GET /client/v4/accounts/\(fixture.account)/realtime/kit/\(fixture.otherApp)/recordings",
            ].sorted())
        }
    }

    @Test func apiErrorsCarryStatusAndMessage() async throws {
        try await SandboxFixture.with() { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(fixture.account)' AND app_id = 'no-such-app'")
            }
            #expect(error?.httpStatus == 404)
        }
    }

    @Test func wrongTokenIs401WithTheGatewayMessage() async throws {
        try await SandboxFixture.with(configure: { $0.credentials = .bearer(token: "wrong-token") }) { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)")
            }
            #expect(error?.httpStatus == 401)
            #expect(error?.description.contains("Authentication error") == true)
            #expect(error?.description.contains("wrong-token") == false)
        }
    }
}
