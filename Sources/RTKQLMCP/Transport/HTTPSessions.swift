import Foundation
import MCP
import RTKQL

/// The streamable-HTTP clients of one server: each `initialize` starts a client session (an MCP `Server`, its
/// transport and its own rtkql `Session`), found again by its `Mcp-Session-Id` header.
actor HTTPSessions {
    private struct Entry {
        let server: Server
        let transport: StatefulHTTPServerTransport
    }

    private let engine: Engine
    private let options: MCPOptions
    private let maximumSessions: Int
    private var entries: [String: Entry] = [:]
    private var closed = false

    init(engine: Engine, options: MCPOptions, maximumSessions: Int) {
        self.engine = engine
        self.options = options
        self.maximumSessions = maximumSessions
    }

    /// The number of open client sessions.
    var count: Int { entries.count }

    /// Routes one HTTP request to its session's transport, creating the session for an `initialize`.
    func handle(_ request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
        let sessionID = request.header(HTTPHeaderName.sessionID)
        if let sessionID, let entry = entries[sessionID] {
            let response = await entry.transport.handleRequest(request)
            if request.method.uppercased() == "DELETE", response.statusCode == 200 {
                entries[sessionID] = nil
                await entry.server.stop()
            }
            return response
        }
        if sessionID == nil, request.method.uppercased() == "POST", let body = request.body, Self.isInitialize(body), !closed {
            guard entries.count < maximumSessions else {
                return .error(statusCode: 503, .internalError("too many MCP sessions: this server allows \(maximumSessions) "
                                                              + "(--max-sessions); end one with DELETE first"))
            }
            return await start(request)
        }
        if sessionID != nil {
            return .error(statusCode: 404, .invalidRequest("Not Found: unknown or closed MCP session"))
        }
        return .error(statusCode: 400, .invalidRequest("Bad Request: no \(HTTPHeaderName.sessionID) header; start with initialize"))
    }

    /// Ends every session (their open event streams finish).
    func closeAll() async {
        closed = true
        let all = entries.values
        entries = [:]
        for entry in all { await entry.server.stop() }
    }

    private func start(_ request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
        let sessionID = UUID().uuidString
        let transport = StatefulHTTPServerTransport(sessionIDGenerator: FixedSessionID(id: sessionID))
        let server = await MCPSessionServer.make(engine: engine, options: options)
        do {
            try await server.start(transport: transport)
        } catch {
            await server.stop()
            return .error(statusCode: 500, .internalError("cannot start the session: \(error)"))
        }
        entries[sessionID] = Entry(server: server, transport: transport)
        let response = await transport.handleRequest(request)
        if case .error = response {
            entries[sessionID] = nil
            await server.stop()
        }
        return response
    }

    private static func isInitialize(_ body: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
        return object["method"] as? String == "initialize"
    }
}

/// Hands the transport the session ID chosen before it was made, so the session table and the header agree.
private struct FixedSessionID: SessionIDGenerator {
    let id: String
    func generateSessionID() -> String { id }
}
