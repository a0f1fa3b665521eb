import Dispatch
import Foundation
import Hummingbird
import Logging
import RTKQLHTTPServing

/// A running RealtimeKit service (every operation under `/accounts/{account_id}/realtime/kit`) on loopback.
///
/// ```swift
/// let server = try await SandboxServer.start(SandboxConfiguration())
/// // talk to server.baseURL with "Authorization: Bearer \(SandboxConfiguration.demoToken)"
/// await server.stop()
/// ```
public final class SandboxServer: Sendable {
    /// The port the server is listening on (the real one when the configuration asked for port 0).
    public let port: Int
    /// The API base URL, for example `http://127.0.0.1:8787/client/v4`.
    public let baseURL: String
    /// The configuration the server was started with.
    public let configuration: SandboxConfiguration

    private let log: RequestLog
    private let application: ListeningApplication

    private init(port: Int, configuration: SandboxConfiguration, log: RequestLog, application: ListeningApplication) {
        self.port = port
        self.configuration = configuration
        self.log = log
        self.application = application
        let host: String
        switch configuration.host {
        case "0.0.0.0", "": host = "127.0.0.1"
        case "::", "[::]": host = "[::1]"
        case let name where name.contains(":") && !name.hasPrefix("["): host = "[\(name)]"
        case let name: host = name
        }
        baseURL = "http://\(host):\(port)/client/v4"
    }

    /// Opens (and, when new, seeds) the state, binds, and returns once the server is listening.
    public static func start(_ configuration: SandboxConfiguration) async throws -> SandboxServer {
        let (responder, log) = try await SandboxServer.responder(configuration)
        var logger = Logger(label: "rtkql.sandbox")
        logger.logLevel = .critical
        let application: ListeningApplication
        do {
            application = try await ListeningApplication.start(logger: logger) { onServerRunning in
                Application(responder: responder,
                            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
                            onServerRunning: onServerRunning, logger: logger)
            }
        } catch is ListeningApplication.StoppedBeforeListening {
            throw SandboxError.stoppedBeforeListening
        }
        return SandboxServer(port: application.port, configuration: configuration, log: log, application: application)
    }

    /// The service's routes behind its middleware, over the configuration's state (opened and, when new,
    /// seeded), and the request log they write to: what the server serves, and what tests drive in process.
    static func responder(_ configuration: SandboxConfiguration) async throws -> (RouterResponder<SandboxContext>, RequestLog) {
        let store = try RecordingStore(configuration: configuration)
        let state = try await ServiceState(seed: configuration.seed, recordings: store)
        let log = try RequestLog(path: configuration.logPath)
        let pipeline = Pipeline(auth: Auth(configuration: configuration), faults: FaultInjector(configuration: configuration),
                                limiter: configuration.rateLimit.map(RateLimiter.init), log: log)
        let services = Services(recordings: store, state: state, perPageCap: configuration.perPageCap)
        return (ServiceRoutes.table(services, pipeline: pipeline).responder(), log)
    }

    /// Every request answered so far, oldest first.
    public func requests() async -> [SandboxRequestRecord] {
        await log.all()
    }

    /// The most requests that were being served at the same time (since start, or since `clearRequests()`):
    /// how concurrent a client was.
    public func peakConcurrentRequests() async -> Int {
        await log.peakInFlight
    }

    /// Forgets the requests recorded so far and the peak of concurrent requests (the log file, if any, is kept).
    public func clearRequests() async {
        await log.clear()
    }

    /// Stops listening, lets the requests being served finish, and waits for the server to shut down.
    /// Safe to call more than once.
    public func stop() async {
        await application.stop()
    }

    /// Serves until `stop()` is called or the process receives SIGINT or SIGTERM.
    public func runUntilStopped() async throws {
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [application] in Task { await application.triggerShutdown() } }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        do {
            try await application.waitUntilStopped()
        } catch is CancellationError {
            return
        }
    }
}

/// Errors of the sandbox's own machinery (API errors are HTTP responses, not thrown).
public enum SandboxError: Error, Sendable, CustomStringConvertible {
    /// The server exited before it started listening.
    case stoppedBeforeListening

    public var description: String {
        switch self {
        case .stoppedBeforeListening: return "the sandbox server stopped before it was listening"
        }
    }
}
