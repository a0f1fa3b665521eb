import RTKQLJSON
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import RTKQLSandbox
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Logging

/// One HTTP exchange's outcome.
struct HTTPResult: Sendable {
    let status: Int
    /// Header names lower-cased.
    let headers: [String: String]
    let data: Data

    var text: String { String(decoding: data, as: UTF8.self) }

    /// The body parsed with the sandbox's order-keeping parser (`.null` when not JSON).
    var json: JSONValue { (try? JSONValue.parseRequest(Array(data))) ?? .null }
}

/// A tiny client speaking to a sandbox: over loopback with URLSession, or in process through
/// Hummingbird's router test client (no socket) for tests that are not about the network.
struct TestClient: Sendable {
    /// How requests reach the sandbox.
    enum Transport: Sendable {
        case network
        case inProcess(any TestClientProtocol)
    }

    let baseURL: String
    var transport: Transport = .network
    var account = SandboxConfiguration.demoAccountID
    var app = SandboxConfiguration.demoAppIDs[0]

    static let bearer = ["Authorization": "Bearer \(SandboxConfiguration.demoToken)"]

    /// The same sandbox, speaking for another app.
    func forApp(_ app: String) -> TestClient {
        var other = self
        other.app = app
        return other
    }

    /// `<base>/accounts/<account>/realtime/kit/<app>/recordings<suffix>`.
    func recordingsURL(_ suffix: String = "", account: String? = nil, app: String? = nil) -> String {
        "\(baseURL)/accounts/\(account ?? self.account)/realtime/kit/\(app ?? self.app)/recordings\(suffix)"
    }

    func send(_ method: String, _ url: String, body: String? = nil,
              headers: [String: String] = TestClient.bearer) async throws -> HTTPResult {
        switch transport {
        case .network: return try await sendOverNetwork(method, url, body: body, headers: headers)
        case .inProcess(let client): return try await sendInProcess(client, method, url, body: body, headers: headers)
        }
    }

    private func sendInProcess(_ client: any TestClientProtocol, _ method: String, _ uri: String, body: String?,
                               headers: [String: String]) async throws -> HTTPResult {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        if body != nil { fields[.contentType] = "application/json" }
        let response = try await client.executeRequest(uri: uri, method: HTTPRequest.Method(method)!, headers: fields,
                                                       body: body.map { ByteBuffer(string: $0) })
        var answered: [String: String] = [:]
        for field in response.headers { answered[field.name.canonicalName.lowercased()] = field.value }
        return HTTPResult(status: Int(response.status.code), headers: answered, data: Data(response.body.readableBytesView))
    }

    private func sendOverNetwork(_ method: String, _ url: String, body: String?,
                                 headers: [String: String]) async throws -> HTTPResult {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.timeoutInterval = 60
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return HTTPResult(status: http.statusCode, headers: fields, data: data)
    }

    /// GET on the recordings collection with a raw query string.
    func list(_ query: String = "") async throws -> HTTPResult {
        try await send("GET", recordingsURL(query.isEmpty ? "" : "?" + query))
    }

    func get(_ id: String) async throws -> HTTPResult {
        try await send("GET", recordingsURL("/" + id))
    }

    func act(_ id: String, _ action: String) async throws -> HTTPResult {
        try await send("PUT", recordingsURL("/" + id), body: "{\"action\":\"\(action)\"}")
    }

    /// `<base>/accounts/<account>/realtime/kit/<app><path>`.
    func appURL(_ path: String) -> String {
        "\(baseURL)/accounts/\(account)/realtime/kit/\(app)\(path)"
    }

    /// A request under the app; the answer's JSON.
    func call(_ method: String, _ path: String, _ body: String? = nil) async throws -> HTTPResult {
        try await send(method, appURL(path), body: body)
    }

    func start(_ body: String) async throws -> HTTPResult {
        try await send("POST", recordingsURL(), body: body)
    }

    /// Every recording of the app, walking pages of 100.
    func all(_ query: String = "") async throws -> [JSONValue] {
        var items: [JSONValue] = []
        var page = 1
        while true {
            let extra = query.isEmpty ? "" : "&" + query
            let result = try await list("per_page=100&page_no=\(page)" + extra)
            guard result.status == 200, let data = result.json["data"]?.arrayValue, !data.isEmpty else { return items }
            items += data
            page += 1
        }
    }
}

/// What a test may ask of the sandbox besides HTTP: its request log.
struct SandboxHandle: Sendable {
    let log: RequestLog

    /// Every request answered so far, oldest first.
    func requests() async -> [SandboxRequestRecord] { await log.all() }

    /// The most requests served at the same time.
    func peakConcurrentRequests() async -> Int { await log.peakInFlight }

    /// Forgets the requests recorded so far.
    func clearRequests() async { await log.clear() }
}

/// A sandbox (demo data unless `configure` changes it) driven in process through Hummingbird's router
/// test client: the same routes and middleware as `rtkql sandbox`, without a socket.
func withSandbox<T: Sendable>(_ configure: (inout SandboxConfiguration) -> Void = { _ in },
                              _ body: @escaping @Sendable (SandboxHandle, TestClient) async throws -> T) async throws -> T {
    var configuration = SandboxConfiguration()
    configure(&configuration)
    let (responder, log) = try await SandboxServer.responder(configuration)
    var logger = Logger(label: "rtkql.sandbox.test")
    logger.logLevel = .critical
    let application = Application(responder: responder, logger: logger)
    return try await application.test(.router) { client in
        try await body(SandboxHandle(log: log), TestClient(baseURL: "/client/v4", transport: .inProcess(client)))
    }
}

/// Starts a sandbox on a loopback port, runs `body` against it over real connections, and always stops it:
/// for the tests about the network (concurrent connections, what URLSession sees).
func withNetworkSandbox<T: Sendable>(_ configure: (inout SandboxConfiguration) -> Void = { _ in },
                                     _ body: (SandboxServer, TestClient) async throws -> T) async throws -> T {
    var configuration = SandboxConfiguration()
    configure(&configuration)
    let server = try await SandboxServer.start(configuration)
    do {
        let result = try await body(server, TestClient(baseURL: server.baseURL))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, index < items.count else { return nil }
        return items[index]
    }

    var keys: [String] { objectMembers?.map(\.0) ?? [] }

    var count: Int { arrayValue?.count ?? 0 }
}

/// The message of a RealtimeKit-shaped error body.
func errorMessage(_ result: HTTPResult) -> String? {
    result.json["error"]?["message"]?.stringValue
}

/// A fresh temporary file path (not created).
func temporaryPath(_ suffix: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-sandbox-\(UUID().uuidString)\(suffix)").path
}
