import Foundation
import RTKQLSandbox
import RTKQLTransport
import Testing

/// One client, one libcurl multi handle: connections are reused across requests, and concurrent
/// requests to an HTTP/2 server share one connection.
@Suite(.serialized) struct ConnectionReuseTests {
    /// Starts `nghttpd` (Debian's nghttp2-server, an HTTP/2-only server) over TLS with a fresh
    /// self-signed certificate, serving `page.json`.
    func startHTTP2Server() throws -> (Process, Int, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-h2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("htdocs"), withIntermediateDirectories: true)
        try Data(#"{"success":true,"data":[]}"#.utf8).write(to: directory.appendingPathComponent("htdocs/page.json"))
        try SelfSignedCertificate.create(in: directory)
        let port = try freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/sbin/nghttpd")
        server.arguments = ["-d", "htdocs", String(port), "key.pem", "cert.pem"]
        server.currentDirectoryURL = directory
        server.standardOutput = Pipe()
        server.standardError = Pipe()
        try server.run()
        return (server, port, directory)
    }

    func freePort() throws -> Int {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"]
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        python.waitUntilExit()
        return Int(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test func concurrentRequestsToAnHTTP2ServerShareOneConnection() async throws {
        let (server, port, directory) = try startHTTP2Server()
        defer {
            kill(server.processIdentifier, SIGKILL)  // nghttpd ignores SIGTERM and SIGINT
            server.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }
        var options = TransportOptions()
        options.verifyTLS = false
        let client = HTTPClient(options: options)
        let url = "https://127.0.0.1:\(port)/page.json"
        var ready = false
        for _ in 0..<50 where !ready {
            if (try? await client.send(HTTPRequest(method: "GET", url: url)))?.status == 200 { ready = true } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        try #require(ready, "nghttpd did not start")
        // A fresh client, so that no connection is open yet: eight requests at once.
        let fresh = HTTPClient(options: options)
        let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 0..<8 { group.addTask { try await fresh.send(HTTPRequest(method: "GET", url: url)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.map(\.status) == Array(repeating: 200, count: 8))
        #expect(responses.map(\.httpVersion) == Array(repeating: "2", count: 8))
        #expect(responses.map(\.bodyText) == Array(repeating: #"{"success":true,"data":[]}"#, count: 8))
        #expect(responses.reduce(0) { $0 + $1.newConnections } == 1)
    }

    @Test func sequentialRequestsOverHTTP1ReuseTheConnection() async throws {
        try await withSandboxServer(SandboxConfiguration()) { server in
            let client = HTTPClient()
            let url = "\(server.baseURL)/accounts/\(SandboxConfiguration.demoAccountID)/realtime/kit/\(SandboxConfiguration.demoAppIDs[0])/recordings"
            let auth = HTTPHeader("Authorization", "Bearer \(SandboxConfiguration.demoToken)", sensitive: true)
            var responses: [HTTPResponse] = []
            for page in 1...4 { responses.append(try await client.send(HTTPRequest(method: "GET", url: "\(url)?page_no=\(page)", headers: [auth]))) }
            #expect(responses.map(\.status) == [200, 200, 200, 200])
            #expect(responses.map(\.httpVersion) == ["1.1", "1.1", "1.1", "1.1"])
            #expect(responses.map(\.newConnections) == [1, 0, 0, 0])
        }
    }
}
