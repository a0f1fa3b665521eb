import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RTKQLMCP
import Testing

/// Streamable HTTP at `/mcp`: a session per `initialize`, named by `Mcp-Session-Id`, ended by DELETE, and capped.
@Suite struct HTTPTransportTests {
    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","#
        + #""capabilities":{},"clientInfo":{"name":"tests","version":"1"}}}"#

    @Test func sessionsStartEndAndAreCapped() async throws {
        try await MCPFixture.with { fixture in
            let server = try await MCPHTTPServer.start(engine: fixture.engine, options: MCPOptions(), host: "127.0.0.1", port: 0,
                                                       maximumSessions: 1)
            let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/mcp"))
            do {
                let (first, firstResponse) = try await Self.send("POST", to: url, body: Self.initialize)
                #expect(firstResponse.statusCode == 200, "\(first)")
                #expect(first.contains(#""serverInfo":{"#) && first.contains(#""name":"rtkql""#), "\(first)")
                let sessionID = try #require(firstResponse.value(forHTTPHeaderField: "Mcp-Session-Id"))
                #expect(await server.sessionCount == 1)

                let (refused, refusedResponse) = try await Self.send("POST", to: url, body: Self.initialize)
                #expect(refusedResponse.statusCode == 503)
                #expect(refused.contains("too many MCP sessions: this server allows 1 (--max-sessions); end one with DELETE first"),
                        "\(refused)")

                let (_, noSession) = try await Self.send("POST", to: url, body: #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#)
                #expect(noSession.statusCode == 400)

                let (_, deleted) = try await Self.send("DELETE", to: url, body: nil,
                                                       headers: ["Mcp-Session-Id": sessionID, "MCP-Protocol-Version": "2025-06-18"])
                #expect(deleted.statusCode == 200)
                #expect(await server.sessionCount == 0)
                let (_, gone) = try await Self.send("POST", to: url, body: #"{"jsonrpc":"2.0","id":3,"method":"tools/list"}"#,
                                                    headers: ["Mcp-Session-Id": sessionID, "MCP-Protocol-Version": "2025-06-18"])
                #expect(gone.statusCode == 404)

                let (_, again) = try await Self.send("POST", to: url, body: Self.initialize)
                #expect(again.statusCode == 200)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
    }

    static func send(_ method: String, to url: URL, body: String?,
                     headers: [String: String] = [:]) async throws -> (String, HTTPURLResponse) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        request.setValue("application/json, text/event-stream", forHTTPHeaderField: "Accept")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (String(decoding: data, as: UTF8.self), try #require(response as? HTTPURLResponse))
    }
}
