import Testing
@testable import RTKQLSandbox

/// Status codes and envelopes of the six endpoints.
@Suite struct EndpointTests {
    @Test func listEnvelope() async throws {
        try await withSandbox { _, client in
            let result = try await client.list()
            #expect(result.status == 200)
            #expect(result.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(result.json.keys == ["success", "data", "paging"])
            #expect(result.json["success"] == .bool(true))
            #expect(result.json["data"]?.count == 20)
            #expect(result.json["paging"]?.keys == ["total_count", "start_offset", "end_offset"])
            #expect(result.json["paging"]?["total_count"]?.integerValue == 240)
        }
    }

    @Test func getOneAndUnknown() async throws {
        try await withSandbox { _, client in
            let first = try await client.list("per_page=1").json["data"]?[0]
            let id = try #require(first?["id"]?.stringValue)
            let result = try await client.get(id)
            #expect(result.status == 200)
            #expect(result.json.keys == ["success", "data"])
            #expect(result.json["data"]?["id"]?.stringValue == id)
            #expect(result.json["data"]?["start_reason"] != nil)

            let missing = try await client.get("00000000-0000-4000-8000-000000000000")
            #expect(missing.status == 404)
            #expect(missing.json.keys == ["success", "error"])
            #expect(missing.json["success"] == .bool(false))
            #expect(missing.json["error"]?["code"]?.integerValue == 404)
            #expect(errorMessage(missing) == "NOT_FOUND: recording 00000000-0000-4000-8000-000000000000 not found")
        }
    }

    @Test func startThenActiveRecording() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let started = try await client.start("{\"meeting_id\":\"\(meeting)\"}")
            #expect(started.status == 200)
            #expect(started.json["data"]?["status"]?.stringValue == "INVOKED")
            #expect(started.json["data"]?["meeting"]?["id"]?.stringValue == meeting)
            #expect(started.json["data"]?["stopped_time"] == .null)
            let id = try #require(started.json["data"]?["id"]?.stringValue)

            let active = try await client.send("GET", client.recordingsURL("/active-recording/\(meeting)"))
            #expect(active.status == 200)
            #expect(active.json["data"]?["id"]?.stringValue == id)
            #expect(active.json["data"]?["status"]?.stringValue == "RECORDING")
        }
    }

    @Test func activeRecordingErrors() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let none = try await client.send("GET", client.recordingsURL("/active-recording/\(meeting)"))
            #expect(none.status == 404)
            #expect(errorMessage(none) == "NOT_FOUND: no active recording for meeting \(meeting)")
            let unknown = try await client.send("GET", client.recordingsURL("/active-recording/00000000-0000-4000-8000-000000000000"))
            #expect(unknown.status == 404)
            #expect(errorMessage(unknown) == "NOT_FOUND: meeting 00000000-0000-4000-8000-000000000000 not found")
        }
    }

    @Test func startValidation() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let cases: [(String, Int, String)] = [
                ("{}", 400, "BAD_REQUEST: \"meeting_id\" is required"),
                ("", 400, "BAD_REQUEST: \"meeting_id\" is required"),
                ("{\"meeting_id\": 5}", 400, "BAD_REQUEST: \"meeting_id\" must be a string"),
                ("{\"meeting_id\": \"abc\"}", 400, "BAD_REQUEST: \"meeting_id\" must be a valid GUID"),
                ("not json", 400, "BAD_REQUEST: request body is not valid JSON"),
                ("[1]", 400, "BAD_REQUEST: \"value\" must be of type object"),
                ("{\"meeting_id\":\"\(meeting)\",\"max_seconds\":59}", 400,
                 "BAD_REQUEST: \"max_seconds\" must be greater than or equal to 60"),
                ("{\"meeting_id\":\"\(meeting)\",\"max_seconds\":86401}", 400,
                 "BAD_REQUEST: \"max_seconds\" must be less than or equal to 86400"),
                ("{\"meeting_id\":\"\(meeting)\",\"max_seconds\":60.5}", 400, "BAD_REQUEST: \"max_seconds\" must be an integer"),
                ("{\"meeting_id\":\"\(meeting)\",\"max_seconds\":\"60\"}", 400, "BAD_REQUEST: \"max_seconds\" must be a number"),
                ("{\"meeting_id\":\"\(meeting)\",\"allow_multiple_recordings\":\"yes\"}", 400,
                 "BAD_REQUEST: \"allow_multiple_recordings\" must be a boolean"),
                ("{\"meeting_id\":\"\(meeting)\",\"storage_config\":{\"bucket\":\"b\"}}", 400,
                 "BAD_REQUEST: \"storage_config.type\" is required"),
                ("{\"meeting_id\":\"\(meeting)\",\"storage_config\":{\"type\":\"s3\"}}", 400,
                 "BAD_REQUEST: \"storage_config.type\" must be one of [aws, azure, digitalocean, gcs, sftp]"),
                ("{\"meeting_id\":\"\(meeting)\",\"audio_config\":{\"codec\":\"OGG\"}}", 400,
                 "BAD_REQUEST: \"audio_config.codec\" must be one of [MP3, AAC]"),
                ("{\"meeting_id\":\"00000000-0000-4000-8000-000000000000\"}", 404,
                 "NOT_FOUND: meeting 00000000-0000-4000-8000-000000000000 not found"),
            ]
            for (body, status, message) in cases {
                let result = try await client.start(body)
                #expect(result.status == status, "\(body)")
                #expect(result.json["error"]?["code"]?.integerValue == Int64(status), "\(body)")
                #expect(errorMessage(result) == message, "\(body)")
            }
            let ok = try await client.start("{\"meeting_id\":\"\(meeting)\",\"max_seconds\":60}")
            #expect(ok.status == 200)
        }
    }

    @Test func storageConfigSecretsNeverComeBack() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let body = """
            {"meeting_id":"\(meeting)","audio_config":{"codec":"MP3","channel":"mono"},
             "storage_config":{"type":"aws","bucket":"b","region":"eu-west-1","access_key":"AK","secret":"S3CR3T"}}
            """
            let result = try await client.start(body)
            #expect(result.status == 200)
            #expect(!result.text.contains("S3CR3T"))
            #expect(result.json["data"]?["storage_config"]?.keys == ["type", "bucket", "region"])
            let id = try #require(result.json["data"]?["id"]?.stringValue)
            #expect(!(try await client.get(id)).text.contains("S3CR3T"))
            let stopped = try await client.act(id, "stop")
            #expect(stopped.status == 200)
            let uploaded = try await client.get(id)
            #expect(uploaded.json["data"]?["status"]?.stringValue == "UPLOADED")
            #expect(uploaded.json["data"]?["audio_download_url"]?.stringValue?.hasSuffix(".mp3") == true)
        }
    }

    @Test func trackBothGenerations() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let old = """
            {"meeting_id":"\(meeting)","layers":{"default":{"outputs":[{"type":"REALTIMEKIT_BUCKET"}]}},"max_seconds":600}
            """
            let newer = """
            {"meeting_id":"\(meeting)","layers":{"file_name_prefix":"tracks","media_kind":"audio"},"user_ids":["u1","u2"]}
            """
            for body in [old, newer, "{\"meeting_id\":\"\(meeting)\"}"] {
                let result = try await client.send("POST", client.recordingsURL("/track"), body: body)
                #expect(result.status == 200, "\(body)")
                #expect(result.json.keys == ["success", "data"])
                #expect(result.json["data"]?.keys == ["recording"])
                #expect(RecordingSchema.problems(result.json["data"]?["recording"] ?? .null, single: true) == [])
            }
            let bad: [(String, String)] = [
                ("{\"layers\":{}}", "BAD_REQUEST: \"meeting_id\" is required"),
                ("{\"meeting_id\":\"\(meeting)\",\"layers\":\"x\"}", "BAD_REQUEST: \"layers\" must be of type object"),
                ("{\"meeting_id\":\"\(meeting)\",\"max_seconds\":10}",
                 "BAD_REQUEST: \"max_seconds\" must be greater than or equal to 60"),
                ("{\"meeting_id\":\"\(meeting)\",\"layers\":{\"default\":{\"outputs\":[{\"type\":\"S3\"}]}}}",
                 "BAD_REQUEST: \"layers.default.outputs[0].type\" must be one of [REALTIMEKIT_BUCKET, STORAGE_CONFIG]"),
                ("{\"meeting_id\":\"\(meeting)\",\"user_ids\":\"u1\"}", "BAD_REQUEST: \"user_ids\" must be an array"),
            ]
            for (body, message) in bad {
                let result = try await client.send("POST", client.recordingsURL("/track"), body: body)
                #expect(result.status == 400, "\(body)")
                #expect(errorMessage(result) == message)
            }
            // Track recordings do not block a composite recording of the same meeting.
            #expect(try await client.start("{\"meeting_id\":\"\(meeting)\"}").status == 200)
        }
    }

    @Test func unknownRoutesAndMethods() async throws {
        try await withSandbox { _, client in
            let noRoute = try await client.send("GET", client.baseURL + "/accounts/\(client.account)/nothing")
            #expect(noRoute.status == 400)
            #expect(noRoute.json.keys == ["success", "errors", "messages", "result"])
            #expect(noRoute.json["errors"]?[0]?["code"]?.integerValue == 7000)
            let wrongMethod = try await client.send("DELETE", client.recordingsURL())
            #expect(wrongMethod.status == 405)
            let getOnTrack = try await client.send("GET", client.recordingsURL("/track"))
            #expect(getOnTrack.status == 405)
        }
    }
}

/// A meeting of the demo app with no active recording.
func idleMeeting(_ client: TestClient) async throws -> String {
    let all = try await client.all()
    let busy = Set(all.filter { ["INVOKED", "RECORDING", "PAUSED"].contains($0["status"]?.stringValue ?? "") }
        .compactMap { $0["meeting"]?["id"]?.stringValue })
    let meetings = Set(all.compactMap { $0["meeting"]?["id"]?.stringValue })
    return try #require(meetings.subtracting(busy).sorted().first)
}
