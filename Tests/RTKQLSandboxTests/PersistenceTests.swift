import Foundation
import RTKQLStorage
import Testing
@testable import RTKQLSandbox

/// `dataPath`: state survives a restart, and seeding happens only for a new file.
@Suite struct PersistenceTests {
    @Test func stateSurvivesRestart() async throws {
        let path = temporaryPath(".sqlite")
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let configure: (inout SandboxConfiguration) -> Void = { $0.dataPath = path; $0.recordingsPerApp = 30 }
        let (startedID, pausedID, before) = try await withSandbox(configure) { _, client in
            let meeting = try await idleMeeting(client)
            let started = try await client.start("{\"meeting_id\":\"\(meeting)\"}")
            let startedID = try #require(started.json["data"]?["id"]?.stringValue)
            _ = try await client.act(startedID, "pause")
            let recording = try #require(try await client.list("status=RECORDING&per_page=1").json["data"]?[0]?["id"]?.stringValue)
            _ = try await client.act(recording, "stop")
            return (startedID, recording, try await client.list("per_page=100").text)
        }
        try await withSandbox({ configure(&$0); $0.seed = 999; $0.recordingsPerApp = 5 }) { _, client in
            let after = try await client.list("per_page=100")
            #expect(after.json["paging"]?["total_count"]?.integerValue == 31)
            #expect(after.text == before)
            #expect(try await client.get(startedID).json["data"]?["status"]?.stringValue == "PAUSED")
            #expect(try await client.get(pausedID).json["data"]?["status"]?.stringValue == "UPLOADED")
            #expect(try await client.act(startedID, "resume").status == 200)
        }
    }

    /// A file written before the meetings' `ai_config` and the recordings' `bucket_disabled` columns existed
    /// opens, gains them, and serves what it held.
    @Test func fileFromAnOlderSandboxIsMigrated() async throws {
        let path = temporaryPath(".sqlite")
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let configure: (inout SandboxConfiguration) -> Void = { $0.dataPath = path; $0.recordingsPerApp = 30 }
        let before = try await withSandbox(configure) { _, client in try await client.list("per_page=100").text }
        let database = try Database(.file(path))
        try database.execute("ALTER TABLE meetings DROP COLUMN ai_config; ALTER TABLE recordings DROP COLUMN bucket_disabled;")
        try await withSandbox(configure) { _, client in
            #expect(try await client.list("per_page=100").text == before)
            let meeting = try await idleMeeting(client)
            let answer = try await client.call("GET", "/meetings/\(meeting)").json["data"]
            #expect(answer?["ai_config"]?["transcription"]?["language"] == .string("en-US"))
        }
    }

    @Test func newAppInExistingFileIsSeeded() async throws {
        let path = temporaryPath(".sqlite")
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try await withSandbox({ $0.dataPath = path; $0.appIDs = ["app-one"] }) { _, _ in }
        try await withSandbox({ $0.dataPath = path; $0.appIDs = ["app-one", "app-two"] }) { _, client in
            let two = client.forApp("app-two")
            let result = try await two.list()
            #expect(result.json["paging"]?["total_count"]?.integerValue == 240)
        }
    }
}
