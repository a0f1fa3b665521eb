import RTKQLJSON
import Testing
@testable import RTKQLSandbox

/// The service around the recordings: mutations show across resources, and each list pages the way its
/// schema says.
@Suite struct ServiceTests {
    @Test func createdMeetingIsListedAndAcceptsRecordingsAndParticipants() async throws {
        try await withSandbox { _, client in
            let before = try await client.call("GET", "/meetings?per_page=100").json["paging"]?["total_count"]?.integerValue ?? 0
            let created = try await client.call("POST", "/meetings", #"{"title":"Conformance review","record_on_start":true}"#)
            #expect(created.status == 201)
            let id = try #require(created.json["data"]?["id"]?.stringValue)
            #expect(created.json["data"]?["title"] == .string("Conformance review"))
            #expect(created.json["data"]?["record_on_start"] == .bool(true))
            let listed = try await client.call("GET", "/meetings?search=conformance")
            #expect(listed.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
            #expect(listed.json["paging"] == .object([("total_count", .int(1)), ("start_offset", .int(1)), ("end_offset", .int(1))]))
            #expect(try await client.call("GET", "/meetings?per_page=100").json["paging"]?["total_count"]?.integerValue == before + 1)

            let added = try await client.call("POST", "/meetings/\(id)/participants",
                                              #"{"custom_participant_id":"grace@example.com","preset_name":"group_call_host","name":"Grace"}"#)
            #expect(added.status == 201)
            #expect(added.json["data"]?["token"]?.stringValue?.isEmpty == false)
            let people = try await client.call("GET", "/meetings/\(id)/participants").json
            #expect(people["data"]?.arrayValue?.map { $0["custom_participant_id"] } == [.string("grace@example.com")])
            #expect(people["data"]?[0]?["token"] == nil)

            let renamed = try await client.call("PATCH", "/meetings/\(id)", #"{"title":"Renamed review"}"#)
            #expect(renamed.json["data"]?["title"] == .string("Renamed review"))
            #expect(try await client.start(#"{"meeting_id":"\#(id)"}"#).status == 200)
            let recordings = try await client.list("meeting_id=\(id)").json["data"]?.arrayValue ?? []
            #expect(recordings.map { $0["meeting"]?["title"] } == [.string("Renamed review")])
        }
    }

    @Test func kickAndMuteChangeTheActiveSession() async throws {
        try await withSandbox { _, client in
            let live = try #require(try await client.call("GET", "/sessions?status=LIVE").json["data"]?["sessions"]?.arrayValue?
                .first { ($0["live_participants"]?.integerValue ?? 0) >= 2 })
            let meeting = try #require(live["associated_id"]?.stringValue)
            let session = try #require(live["id"]?.stringValue)
            let present = (try await client.call("GET", "/sessions/\(session)/participants").json["data"]?["participants"]?.arrayValue ?? [])
                .filter { $0["left_at"] == nil }
            let count = present.count
            #expect(try await client.call("GET", "/meetings/\(meeting)/active-session").json["data"]?["live_participants"]?.integerValue == Int64(count))

            let target = try #require(present.first?["user_id"]?.stringValue)
            let muted = try await client.call("POST", "/meetings/\(meeting)/active-session/mute",
                                              #"{"participant_ids":["\#(target)"],"custom_participant_ids":[]}"#)
            #expect(muted.json["data"]?["participants"]?.arrayValue?.map { $0["id"] } == [.string(target)])
            let afterMute = try await client.call("GET", "/sessions/\(session)/participants").json["data"]?["participants"]?.arrayValue ?? []
            #expect(afterMute.filter { $0["muted"] == .bool(true) }.map { $0["user_id"] } == [.string(target)])

            let kicked = try await client.call("POST", "/meetings/\(meeting)/active-session/kick",
                                               #"{"participant_ids":["\#(target)"],"custom_participant_ids":[]}"#)
            #expect(kicked.json["data"]?["action"] == .string("kick"))
            let active = try await client.call("GET", "/meetings/\(meeting)/active-session").json["data"]
            #expect(active?["live_participants"]?.integerValue == Int64(count - 1))
            let again = try await client.call("POST", "/meetings/\(meeting)/active-session/kick",
                                              #"{"participant_ids":["\#(target)"],"custom_participant_ids":[]}"#)
            #expect(again.json["data"]?["participants"] == .array([]))
            let all = try await client.call("POST", "/meetings/\(meeting)/active-session/kick-all")
            #expect(all.json["data"]?["kicked_participants_count"]?.integerValue == Int64(count - 1))
            #expect(try await client.call("GET", "/meetings/\(meeting)/active-session").json["data"]?["live_participants"]?.integerValue == 0)
        }
    }

    @Test func aRecordingStartedInALiveMeetingJoinsItsSession() async throws {
        try await withSandbox { _, client in
            let live = try #require(try await client.call("GET", "/sessions?status=LIVE").json["data"]?["sessions"]?[0])
            let meeting = try #require(live["associated_id"]?.stringValue)
            let started = try await client.start(#"{"meeting_id":"\#(meeting)","allow_multiple_recordings":true}"#)
            #expect(started.status == 200)
            #expect(started.json["data"]?["session_id"] == live["id"])
        }
    }

    @Test func presetsAndWebhooksAreCreatedUpdatedAndDeleted() async throws {
        try await withSandbox { _, client in
            let presets = try await client.call("GET", "/presets").json
            #expect(presets["data"]?.arrayValue?.map { $0["name"] } == ServiceData.presetNames.map(JSONValue.string))
            let template = PresetTemplate.document(viewType: "WEBINAR", host: false).setting("name", .string("panel"))
            let created = try await client.call("POST", "/presets", template.rendered)
            let presetID = try #require(created.json["data"]?["id"]?.stringValue)
            let renamed = try await client.call("PATCH", "/presets/\(presetID)", #"{"name":"panelists","config":{"view_type":"GROUP_CALL"}}"#)
            #expect(renamed.json["data"]?["name"] == .string("panelists"))
            #expect(renamed.json["data"]?["config"]?["view_type"] == .string("GROUP_CALL"))
            #expect(renamed.json["data"]?["config"]?["max_screenshare_count"] == .int(1))
            #expect(try await client.call("GET", "/presets").json["paging"]?["total_count"]?.integerValue == 5)
            #expect(try await client.call("DELETE", "/presets/\(presetID)").status == 200)
            #expect(try await client.call("GET", "/presets/\(presetID)").status == 404)

            let hook = try await client.call("POST", "/webhooks",
                                             #"{"name":"all","url":"https://example.com/h","events":["meeting.ended"]}"#)
            #expect(hook.status == 201)
            let hookID = try #require(hook.json["data"]?["id"]?.stringValue)
            #expect(try await client.call("GET", "/webhooks").json["data"]?.arrayValue?.last?["id"] == .string(hookID))
            let off = try await client.call("PATCH", "/webhooks/\(hookID)", #"{"enabled":false}"#)
            #expect(off.json["data"]?["enabled"] == .bool(false))
            #expect(off.json["data"]?["events"] == .array([.string("meeting.ended")]))
            let replaced = try await client.call("PUT", "/webhooks/\(hookID)", #"{"name":"x","url":"https://example.com/x","events":["meeting.started"]}"#)
            #expect(replaced.json["data"]?["enabled"] == .bool(true))
            let badEvent = try await client.call("PATCH", "/webhooks/\(hookID)", #"{"events":["meeting.exploded"]}"#)
            #expect(badEvent.status == 400)
            #expect(errorMessage(badEvent)?.hasPrefix(#"BAD_REQUEST: "events[0]" must be one of [meeting.started"#) == true)
            #expect(try await client.call("DELETE", "/webhooks/\(hookID)").status == 200)
            #expect(try await client.call("GET", "/webhooks/\(hookID)").status == 404)
        }
    }

    @Test func stoppingALivestreamMakesItIdle() async throws {
        try await withSandbox { _, client in
            let live = try #require(try await client.call("GET", "/livestreams?status=LIVE").json["data"]?["livestreams"]?[0])
            let meeting = try #require(live["meeting_id"]?.stringValue)
            #expect(try await client.call("GET", "/meetings/\(meeting)/active-livestream").json["data"]?["id"] == live["id"])
            #expect(try await client.call("POST", "/meetings/\(meeting)/active-livestream/stop").status == 200)
            #expect(try await client.call("GET", "/meetings/\(meeting)/active-livestream").status == 404)
            let listed = try await client.call("GET", "/livestreams").json["data"]?["livestreams"]?.arrayValue ?? []
            #expect(listed.first { $0["id"] == live["id"] }?["status"] == .string("IDLE"))
            let restarted = try await client.call("POST", "/meetings/\(meeting)/livestreams", "{}")
            #expect(restarted.status == 201)
            #expect(restarted.json["data"]?["status"] == .string("LIVE"))
        }
    }

    @Test func createdAppIsListedAndServed() async throws {
        try await withSandbox { _, client in
            let kit = "\(client.baseURL)/accounts/\(client.account)/realtime/kit"
            let created = try await client.send("POST", kit + "/apps", body: #"{"name":"staging"}"#)
            let id = try #require(created.json["data"]?["app"]?["id"]?.stringValue)
            let apps = try await client.send("GET", kit + "/apps").json["data"]?.arrayValue ?? []
            #expect(apps.map { $0["name"] } == [.string("rtkql demo app 1"), .string("rtkql demo app 2"), .string("staging")])
            var other = client
            other.app = id
            let meetings = try await other.call("GET", "/meetings").json
            #expect(meetings["data"] == .array([]))
            #expect(meetings["paging"]?["total_count"] == .int(0))
            #expect(try await other.call("GET", "/presets").json["paging"]?["total_count"] == .int(4))
            let missing = try await client.send("POST", kit + "/apps", body: "{}")
            #expect(missing.status == 400)
            #expect(errorMessage(missing) == #"BAD_REQUEST: "name" is required"#)
        }
    }

    /// Sessions and session participants carry no paging object; `page_no`/`per_page` still cut the rows.
    @Test func sessionsPageWithoutAPagingObject() async throws {
        try await withSandbox { _, client in
            let all = try await client.call("GET", "/sessions?per_page=100").json
            #expect(all.keys == ["success", "data"])
            let ids = all["data"]?["sessions"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids.count == 100)
            let second = try await client.call("GET", "/sessions?per_page=10&page_no=2").json["data"]?["sessions"]?.arrayValue ?? []
            #expect(second.compactMap { $0["id"]?.stringValue } == Array(ids[10..<20]))
            let livestreams = try await client.call("GET", "/livestreams?per_page=1").json
            #expect(livestreams["data"]?.keys == ["livestreams", "paging"])
            #expect(livestreams["data"]?["paging"]?["total_count"] == .int(3))
            let recorded = Set(try await client.all().compactMap { $0["session_id"]?.stringValue })
            // Paged until a short page, as a client must without a total.
            var sessions = Set<String>()
            var page = 1
            while true {
                let rows = try await client.call("GET", "/sessions?per_page=100&page_no=\(page)").json["data"]?["sessions"]?.arrayValue ?? []
                sessions.formUnion(rows.compactMap { $0["id"]?.stringValue })
                if rows.count < 100 { break }
                page += 1
            }
            #expect(sessions.count == SandboxConfiguration().recordingsPerApp)
            #expect(sessions.symmetricDifference(recorded).isEmpty)
        }
    }

    @Test func knobsAndTheLogCoverEveryRoute() async throws {
        try await withSandbox({ $0.failRate = 1 }) { server, client in
            let failed = try await client.call("GET", "/presets")
            #expect([500, 502, 503].contains(failed.status))
            #expect(await server.requests().map(\.path) == ["/client/v4/accounts/\(client.account)/realtime/kit/\(client.app)/presets"])
        }
    }

    @Test func theDatasetIsTheSameForTheSameSeed() async throws {
        let paths = ["/meetings?per_page=100", "/presets", "/webhooks", "/sessions?status=ENDED&per_page=100", "/livestreams"]
        func snapshot() async throws -> [String] {
            try await withSandbox { _, client in
                var texts: [String] = []
                for path in paths { texts.append(try await client.call("GET", path).text) }
                return texts
            }
        }
        #expect(try await snapshot() == snapshot())
    }
}
