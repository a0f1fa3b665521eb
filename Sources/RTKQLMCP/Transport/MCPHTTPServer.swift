import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MCP
import RTKQL
import RTKQLHTTPServing

/// `rtkql mcp --http HOST:PORT`: the streamable HTTP transport at `/mcp`, one client session per `initialize`.
public final class MCPHTTPServer: Sendable {
    /// The port the server listens on (the real one when port 0 was asked for).
    public let port: Int
    private let sessions: HTTPSessions
    private let application: ListeningApplication

    /// The path clients post to.
    public static let path = "/mcp"
    /// The largest request body accepted.
    static let maximumBodyBytes = 4 << 20

    private init(port: Int, sessions: HTTPSessions, application: ListeningApplication) {
        self.port = port
        self.sessions = sessions
        self.application = application
    }

    /// Binds `host:port` and returns once the server is listening; at most `maximumSessions` clients at once.
    public static func start(engine: Engine, options: MCPOptions, host: String, port: Int,
                             maximumSessions: Int = 100) async throws -> MCPHTTPServer {
        let sessions = HTTPSessions(engine: engine, options: options, maximumSessions: maximumSessions)
        let router = Router()
        for method in [HTTPTypes.HTTPRequest.Method.post, .get, .delete] {
            router.on(RouterPath(path), method: method) { request, _ in
                await HTTPBridge.respond(to: request, sessions: sessions)
            }
        }
        var logger = Logger(label: "rtkql.mcp.http")
        logger.logLevel = .critical
        let application = try await ListeningApplication.start(logger: logger) { onServerRunning in
            Application(router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
                        onServerRunning: onServerRunning, logger: logger)
        }
        return MCPHTTPServer(port: application.port, sessions: sessions, application: application)
    }

    /// The number of open client sessions.
    public var sessionCount: Int {
        get async { await sessions.count }
    }

    /// Serves until `stop()` is called or the calling task is cancelled (which stops the server).
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await application.waitUntilStopped()
        } onCancel: {
            Task { await self.stop() }
        }
    }

    /// Ends every client session, stops listening and waits for the server to shut down.
    public func stop() async {
        await sessions.closeAll()
        await application.stop()
    }
}

/// Converts between Hummingbird's requests and responses and the SDK's transport-neutral ones.
enum HTTPBridge {
    static func respond(to request: Hummingbird.Request, sessions: HTTPSessions) async -> Hummingbird.Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: MCPHTTPServer.maximumBodyBytes)
        } catch {
            return Hummingbird.Response(status: .contentTooLarge)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        let mcpRequest = MCP.HTTPRequest(method: request.method.rawValue, headers: headers,
                                         body: body.readableBytes == 0 ? nil : Data(body.readableBytesView),
                                         path: request.uri.path)
        let response = await sessions.handle(mcpRequest)
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let status = HTTPTypes.HTTPResponse.Status(code: response.statusCode)
        switch response {
        case .stream(let stream, _):
            return Hummingbird.Response(status: status, headers: fields, body: ResponseBody { writer in
                do {
                    for try await chunk in stream { try await writer.write(ByteBuffer(bytes: chunk)) }
                } catch {
                    // The session ended: the event stream ends with it.
                }
                try await writer.finish(nil)
            })
        default:
            return Hummingbird.Response(status: status, headers: fields,
                            body: response.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody())
        }
    }
}
