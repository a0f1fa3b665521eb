import Foundation
import Testing
@testable import RTKQLSandbox

/// The request log: in memory and as JSON lines, never with credentials.
@Suite struct RequestLogTests {
    @Test func recordsExactlyWhatWasSent() async throws {
        let path = temporaryPath(".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withSandbox({ $0.logPath = path }) { server, client in
            _ = try await client.list("status=RECORDING&status=PAUSED&search=a%20b")
            _ = try await client.send("GET", client.recordingsURL(), headers: ["Authorization": "Bearer nope-secret"])
            let id = try #require(try await client.list("status=RECORDING&per_page=1").json["data"]?[0]?["id"]?.stringValue)
            _ = try await client.act(id, "pause")

            let records = await server.requests()
            #expect(records.count == 4)
            let path0 = "/client/v4/accounts/\(client.account)/realtime/kit/\(client.app)/recordings"
            #expect(records[0] == SandboxRequestRecord(method: "GET", path: path0,
                query: "status=RECORDING&status=PAUSED&search=a%20b", body: nil, status: 200, authenticated: true))
            #expect(records[1] == SandboxRequestRecord(method: "GET", path: path0, query: nil, body: nil, status: 401,
                                                       authenticated: false))
            #expect(records[3] == SandboxRequestRecord(method: "PUT", path: path0 + "/" + id, query: nil,
                body: "{\"action\":\"pause\"}", status: 200, authenticated: true))

            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 4)
            let decoded = try lines.map { try JSONDecoder().decode(SandboxRequestRecord.self, from: Data($0.utf8)) }
            #expect(decoded == records)
            let file = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!file.contains(SandboxConfiguration.demoToken))
            #expect(!file.contains("nope-secret"))

            await server.clearRequests()
            #expect(await server.requests().isEmpty)
        }
    }
}
