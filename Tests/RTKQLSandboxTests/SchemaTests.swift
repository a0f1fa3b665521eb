import RTKQLJSON
import Testing
@testable import RTKQLSandbox

/// Every recording the sandbox returns matches the reference's field list, types, nullability and enums.
@Suite struct SchemaTests {
    @Test func everyListedRecordingConforms() async throws {
        try await withSandbox { _, client in
            for app in SandboxConfiguration.demoAppIDs {
                let items = try await client.forApp(app).all()
                #expect(items.count == 240)
                for item in items {
                    let problems = RecordingSchema.problems(item)
                    #expect(problems == [], "\(item["id"]?.stringValue ?? "?")")
                    #expect(item["start_reason"] == nil && item["stop_reason"] == nil)
                }
            }
        }
    }

    @Test func singleRecordingResponsesConform() async throws {
        try await withSandbox { _, client in
            let items = try await client.all()
            for item in items.prefix(60) {
                let id = try #require(item["id"]?.stringValue)
                let one = try await client.get(id)
                #expect(RecordingSchema.problems(one.json["data"] ?? .null, single: true) == [])
            }
            let meeting = try await idleMeeting(client)
            let started = try await client.start("{\"meeting_id\":\"\(meeting)\"}")
            #expect(RecordingSchema.problems(started.json["data"] ?? .null, single: true) == [])
            let id = try #require(started.json["data"]?["id"]?.stringValue)
            for action in ["pause", "resume", "stop"] {
                #expect(RecordingSchema.problems(try await client.act(id, action).json["data"] ?? .null, single: true) == [])
            }
            let active = try await client.list("status=RECORDING&per_page=1").json["data"]?[0]?["meeting"]?["id"]?.stringValue
            let activeResult = try await client.send("GET", client.recordingsURL("/active-recording/\(active ?? "")"))
            #expect(RecordingSchema.problems(activeResult.json["data"] ?? .null, single: true) == [])
        }
    }

    @Test func schemaCheckCatchesDrift() throws {
        let good = try #require(try? JSONValue.parseRequest(Array(SchemaTests.sample.utf8)))
        #expect(RecordingSchema.problems(good) == [])
        let broken = SchemaTests.sample.replacingOccurrences(of: "\"UPLOADED\"", with: "\"DONE\"")
        #expect(!RecordingSchema.problems(try JSONValue.parseRequest(Array(broken.utf8))).isEmpty)
        let reordered = SchemaTests.sample.replacingOccurrences(of: "\"file_size\":10,", with: "")
            .replacingOccurrences(of: "\"storage_config\":null", with: "\"storage_config\":null,\"file_size\":10")
        #expect(!RecordingSchema.problems(try JSONValue.parseRequest(Array(reordered.utf8))).isEmpty)
    }

    static let sample = """
    {"id":"c82a5847-814a-4e1a-a13d-9e70aec19d24","session_id":"d9effe2d-6ee1-4f04-9b88-bcacf8f0b063",\
    "output_file_name":"a.mp4","audio_download_url":null,"download_url":"https://x.invalid/a.mp4",\
    "download_url_expiry":"2036-10-28T18:33:06.000Z","file_size":10,"invoked_time":"2026-10-31T18:00:36.000Z",\
    "meeting":{"id":"f7f7936c-68b2-4692-a4df-0ca6ac7d6511","created_at":"2025-12-09T15:28:07.000Z",\
    "updated_at":"2025-12-23T03:25:07.000Z","title":"All hands","status":"INACTIVE","record_on_start":false,\
    "live_stream_on_start":false,"persist_chat":true,"summarize_on_end":true,"transcribe_on_end":true,\
    "session_keep_alive_time_in_secs":60,"recording_config":{"audio_config":{},"video_config":{},"storage_config":null,\
    "realtimekit_bucket_config":{"enabled":true},"live_streaming_config":{},"file_name_prefix":null,"max_seconds":3600}},\
    "recording_duration":1939,"started_time":"2026-10-31T18:00:47.000Z","status":"UPLOADED",\
    "stopped_time":"2026-10-31T18:33:06.000Z","storage_config":null}
    """
}
