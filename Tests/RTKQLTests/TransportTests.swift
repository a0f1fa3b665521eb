import Foundation
import RTKQLSandbox
import RTKQLTransport
import Testing

/// The libcurl transport against the sandbox over loopback.
@Suite struct TransportTests {
    let account = SandboxConfiguration.demoAccountID
    let app = SandboxConfiguration.demoAppIDs[0]
    let auth = HTTPHeader("Authorization", "Bearer \(SandboxConfiguration.demoToken)", sensitive: true)

    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await withSandboxServer(SandboxConfiguration()) { server in
            let client = HTTPClient()
            let response = try await client.send(HTTPRequest(
                method: "GET", url: "\(server.baseURL)/accounts/\(account)/realtime/kit/\(app)/recordings?per_page=2", headers: [auth]))
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json; charset=utf-8")
            #expect(response.bodyText.hasPrefix("{\"success\":true,\"data\":["))
            let log = await server.requests()
            #expect(log.map(\.query) == ["per_page=2"] as [String?])
        }
    }

    @Test func putSendsTheBody() async throws {
        try await withSandboxServer(SandboxConfiguration()) { server in
            let client = HTTPClient()
            let body = Array(#"{"action":"pause"}"#.utf8)
            let response = try await client.send(HTTPRequest(
                method: "PUT", url: "\(server.baseURL)/accounts/\(account)/realtime/kit/\(app)/recordings/no-such-recording",
                headers: [auth, HTTPHeader("Content-Type", "application/json")], body: body))
            #expect(response.status == 404)
            let log = await server.requests()
            #expect(log.first?.method == "PUT")
            #expect(log.first?.body == #"{"action":"pause"}"#)
        }
    }

    @Test func connectionRefusedIsATransportError() async throws {
        let client = HTTPClient()
        let error = await #expect(throws: TransportError.self) {
            try await client.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/nothing"))
        }
        #expect(error?.kind == .couldNotConnect)
        #expect(error?.request == "GET http://127.0.0.1:1/nothing")
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        var configuration = SandboxConfiguration()
        // The answer would come after 15 s; cancelled after 0.2 s, the transfer must end well before.
        configuration.latencyMs = 15_000
        try await withSandboxServer(configuration) { server in
            let client = HTTPClient()
            let request = HTTPRequest(method: "GET", url: "\(server.baseURL)/accounts/\(account)/realtime/kit/\(app)/recordings", headers: [auth])
            let started = Date()
            let task = Task { try await client.send(request) }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            let result = await task.result
            guard case .failure(let error as TransportError) = result else {
                Issue.record("expected a cancellation, got \(result)")
                return
            }
            #expect(error.kind == .cancelled)
            #expect(Date().timeIntervalSince(started) < 12)
        }
    }
}
