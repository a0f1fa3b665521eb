// A complete program embedding rtkql: it starts the built-in sandbox, queries it through the
// library, decodes rows into its own struct, and pauses a recording.
//
//   swift run rtkql-embedding-example
//
// Against a real account, drop the sandbox and configure the engine with your token:
//   Engine(configuration: EngineConfiguration(credentials: .bearer(token: token)))
import Foundation
import RTKQL
import RTKQLSandbox

struct Recording: Decodable {
    let id: String
    let status: String
    let file_size: Int64?
    let meeting: Meeting

    struct Meeting: Decodable {
        let id: String
        let title: String?
    }
}

@main
struct EmbeddingExample {
    static func main() async throws {
        let sandbox = try await SandboxServer.start(SandboxConfiguration())
        let engine = Engine(configuration: EngineConfiguration(
            baseURL: sandbox.baseURL,
            credentials: .bearer(token: SandboxConfiguration.demoToken)))
        let account = SandboxConfiguration.demoAccountID
        let app = SandboxConfiguration.demoAppIDs[0]

        // Bound parameters: values never need quoting.
        let result = try await engine.query("""
            SELECT id, status, file_size, meeting
            FROM cloudflare.realtime_kit.recordings
            WHERE account_id = :account AND app_id = :app AND status = 'RECORDING'
            ORDER BY invoked_time DESC
            """, arguments: ["account": .text(account), "app": .text(app)])
        let recordings = try result.decode(Recording.self)
        print("\(recordings.count) recordings are running")
        for recording in recordings.prefix(3) {
            print("- \(recording.id) in \"\(recording.meeting.title ?? recording.meeting.id)\"")
        }

        // Typed access by column name.
        let totals = try await engine.query("""
            SELECT status, count(*) AS n FROM cloudflare.realtime_kit.recordings
            WHERE account_id = :account AND app_id = :app GROUP BY status ORDER BY n DESC
            """, arguments: ["account": .text(account), "app": .text(app)])
        for row in totals.rowsByName {
            let status: String = try row.decode("status")
            let count: Int = try row.decode("n")
            print("\(status): \(count)")
        }

        // Operate: pause the first running recording, then read back its status.
        if let first = recordings.first {
            let paused = try await engine.query("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'pause'
                WHERE account_id = :account AND app_id = :app AND recording_id = :id
                RETURNING id, status
                """, arguments: ["account": .text(account), "app": .text(app), "id": .text(first.id)])
            print("paused:", paused.rowsByName.first?["status"]?.textValue ?? "?")
        }

        // Errors are a public enum with the HTTP status, the parameter, the position.
        do {
            _ = try await engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'x'")
        } catch {
            print("as expected:", error)
        }
        await sandbox.stop()
    }
}
