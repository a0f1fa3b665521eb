import Testing
@testable import RTKQLSandbox

/// Every transition of the recording lifecycle, valid and invalid, with the exact messages.
@Suite struct LifecycleTests {
    @Test func fullLifecycle() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let started = try await client.start("{\"meeting_id\":\"\(meeting)\"}")
            #expect(started.json["data"]?["status"]?.stringValue == "INVOKED")
            let id = try #require(started.json["data"]?["id"]?.stringValue)
            #expect(try await client.get(id).json["data"]?["status"]?.stringValue == "RECORDING")

            let resumeWhileRecording = try await client.act(id, "resume")
            #expect(resumeWhileRecording.status == 400)
            #expect(errorMessage(resumeWhileRecording) == "BAD_REQUEST: recording is not PAUSED, cannot resume (status: RECORDING)")

            let paused = try await client.act(id, "pause")
            #expect(paused.status == 200)
            #expect(paused.json.keys == ["success", "data"])
            #expect(paused.json["data"]?["status"]?.stringValue == "PAUSED")

            let pauseAgain = try await client.act(id, "pause")
            #expect(pauseAgain.status == 400)
            #expect(errorMessage(pauseAgain) == "BAD_REQUEST: recording is not RECORDING, cannot pause (status: PAUSED)")

            let resumed = try await client.act(id, "resume")
            #expect(resumed.json["data"]?["status"]?.stringValue == "RECORDING")

            let stopped = try await client.act(id, "stop")
            #expect(stopped.status == 200)
            let stoppedData = try #require(stopped.json["data"])
            #expect(stoppedData["status"]?.stringValue == "UPLOADING")
            #expect(stoppedData["stopped_time"]?.stringValue != nil)
            #expect(stoppedData["download_url"] == .null)
            #expect(stoppedData["stop_reason"]?["reason"]?.stringValue == "API_CALL")

            let uploaded = try #require(try await client.get(id).json["data"])
            #expect(uploaded["status"]?.stringValue == "UPLOADED")
            #expect(uploaded["download_url"]?.stringValue?.hasPrefix("https://") == true)
            #expect(uploaded["download_url_expiry"]?.stringValue != nil)
            #expect(uploaded["file_size"]?.isNumber == true)
            #expect(uploaded["recording_duration"]?.integerValue != nil)
            #expect(RecordingSchema.problems(uploaded, single: true) == [])

            for action in ["stop", "pause", "resume"] {
                let late = try await client.act(id, action)
                #expect(late.status == 400)
            }
            #expect(errorMessage(try await client.act(id, "stop"))
                == "BAD_REQUEST: recording is not RECORDING, PAUSED or INVOKED, cannot stop (status: UPLOADED)")
            #expect(errorMessage(try await client.act(id, "pause"))
                == "BAD_REQUEST: recording is not RECORDING, cannot pause (status: UPLOADED)")
            #expect(errorMessage(try await client.act(id, "resume"))
                == "BAD_REQUEST: recording is not PAUSED, cannot resume (status: UPLOADED)")
        }
    }

    /// `realtimekit_bucket_config.enabled: false`: the upload generates no download URLs.
    @Test func disabledBucketGivesNoDownloadURLs() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let started = try await client.start(
                #"{"meeting_id":"\#(meeting)","realtimekit_bucket_config":{"enabled":false},"audio_config":{"codec":"AAC"}}"#)
            let id = try #require(started.json["data"]?["id"]?.stringValue)
            #expect(try await client.act(id, "stop").status == 200)
            let uploaded = try #require(try await client.get(id).json["data"])
            #expect(uploaded["status"] == .string("UPLOADED"))
            #expect(uploaded["download_url"] == .null)
            #expect(uploaded["download_url_expiry"] == .null)
            #expect(uploaded["audio_download_url"] == .null)
        }
    }

    @Test func stopFromPausedAndFromInvoked() async throws {
        try await withSandbox { _, client in
            let paused = try #require(try await client.list("status=PAUSED&per_page=1").json["data"]?[0]?["id"]?.stringValue)
            #expect(try await client.act(paused, "stop").json["data"]?["status"]?.stringValue == "UPLOADING")
            let invoked = try #require(try await client.list("status=INVOKED&per_page=1").json["data"]?[0]?["id"]?.stringValue)
            let pauseInvoked = try await client.act(invoked, "pause")
            #expect(errorMessage(pauseInvoked) == "BAD_REQUEST: recording is not RECORDING, cannot pause (status: INVOKED)")
            let stopInvoked = try await client.act(invoked, "stop")
            #expect(stopInvoked.status == 200)
            #expect(stopInvoked.json["data"]?["recording_duration"]?.integerValue == 0)
            #expect(try await client.get(invoked).json["data"]?["status"]?.stringValue == "UPLOADED")
        }
    }

    @Test func terminalStatusesRejectEverything() async throws {
        try await withSandbox { _, client in
            for status in ["ERRORED", "UPLOADING", "UPLOADED"] {
                let id = try #require(try await client.list("status=\(status)&per_page=1").json["data"]?[0]?["id"]?.stringValue)
                let stop = try await client.act(id, "stop")
                #expect(stop.status == 400)
                #expect(errorMessage(stop) == "BAD_REQUEST: recording is not RECORDING, PAUSED or INVOKED, cannot stop (status: \(status))")
            }
        }
    }

    @Test func actionValidationAndUnknownRecording() async throws {
        try await withSandbox { _, client in
            let id = try #require(try await client.list("status=RECORDING&per_page=1").json["data"]?[0]?["id"]?.stringValue)
            let cases: [(String, String)] = [
                ("{}", "BAD_REQUEST: \"action\" is required"),
                ("{\"action\":\"rewind\"}", "BAD_REQUEST: \"action\" must be one of [stop, pause, resume]"),
                ("{\"action\":1}", "BAD_REQUEST: \"action\" must be one of [stop, pause, resume]"),
            ]
            for (body, message) in cases {
                let result = try await client.send("PUT", client.recordingsURL("/" + id), body: body)
                #expect(result.status == 400)
                #expect(errorMessage(result) == message)
            }
            let missing = try await client.act("00000000-0000-4000-8000-000000000000", "stop")
            #expect(missing.status == 404)
            #expect(errorMessage(missing) == "NOT_FOUND: recording 00000000-0000-4000-8000-000000000000 not found")
        }
    }

    @Test func oneActiveRecordingPerMeeting() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let first = try await client.start("{\"meeting_id\":\"\(meeting)\"}")
            let id = try #require(first.json["data"]?["id"]?.stringValue)
            let second = try await client.start("{\"meeting_id\":\"\(meeting)\"}")
            #expect(second.status == 409)
            #expect(errorMessage(second) == "CONFLICT: meeting \(meeting) already has an active recording \(id) "
                + "(status: RECORDING); pass \"allow_multiple_recordings\": true to start another")
            let allowed = try await client.start("{\"meeting_id\":\"\(meeting)\",\"allow_multiple_recordings\":true}")
            #expect(allowed.status == 200)
            _ = try await client.act(id, "stop")
            let allowedID = try #require(allowed.json["data"]?["id"]?.stringValue)
            _ = try await client.act(allowedID, "stop")
            #expect(try await client.start("{\"meeting_id\":\"\(meeting)\"}").status == 200)
        }
    }

    @Test func uploadDelayKeepsUploading() async throws {
        // A long delay, so a loaded machine still sees UPLOADING first; then poll (no upper time bound).
        // (1.5 s was once too short under the whole suite's load.)
        try await withSandbox({ $0.uploadDelayMs = 6_000 }) { _, client in
            let id = try #require(try await client.list("status=RECORDING&per_page=1").json["data"]?[0]?["id"]?.stringValue)
            _ = try await client.act(id, "stop")
            #expect(try await client.get(id).json["data"]?["status"]?.stringValue == "UPLOADING")
            var status: String?
            for _ in 0..<300 {
                try await Task.sleep(for: .milliseconds(100))
                status = try await client.get(id).json["data"]?["status"]?.stringValue
                if status == "UPLOADED" { break }
            }
            #expect(status == "UPLOADED")
        }
    }
}
