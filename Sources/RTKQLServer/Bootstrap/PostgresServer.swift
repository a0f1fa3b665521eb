import NIOCore
import NIOPosix
import RTKQL

/// `rtkql serve`: a PostgreSQL wire-protocol (v3) server over an engine. Every connection gets its own
/// `Session`; all share the engine's rate budget.
///
/// ```swift
/// let server = try await PostgresServer.start(engine: engine,
///                                             configuration: ServerConfiguration(port: 5433, authentication: .trust))
/// print(server.port)
/// try await server.run()   // until stop()
/// ```
public final class PostgresServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// The host the server listens on.
    public let host: String
    private let context: ServerContext
    private let channel: NIOAsyncChannel<NIOAsyncChannel<FrontendMessage, ByteBuffer>, Never>

    private init(context: ServerContext, channel: NIOAsyncChannel<NIOAsyncChannel<FrontendMessage, ByteBuffer>, Never>) {
        self.context = context
        self.channel = channel
        self.host = context.configuration.host
        self.port = channel.channel.localAddress?.port ?? context.configuration.port
    }

    /// Binds the listener. Trust authentication is refused on a non-loopback address.
    public static func start(engine: Engine, configuration: ServerConfiguration) async throws -> PostgresServer {
        if case .trust = configuration.authentication, !ServerConfiguration.isLoopback(configuration.host) {
            throw ServerStartError("--trust-loopback needs a loopback --listen address (127.0.0.1, ::1 or localhost), "
                                   + "not \(configuration.host)")
        }
        let context = ServerContext(engine: engine, configuration: configuration)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(EncryptionNegotiationHandler(tls: configuration.tls))
                    try child.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(FrontendMessageDecoder(maximumMessageSize: configuration.maximumMessageSize)))
                    return try NIOAsyncChannel<FrontendMessage, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        return PostgresServer(context: context, channel: channel)
    }

    /// Accepts connections until `stop()` is called, serving each in its own task.
    public func run() async throws {
        let context = self.context
        try await withThrowingDiscardingTaskGroup { group in
            try await channel.executeThenClose { inbound in
                for try await connection in inbound {
                    group.addTask {
                        await PostgresServer.serve(connection, context: context)
                    }
                }
            }
        }
    }

    /// Stops accepting connections (open ones are closed as `run()` returns).
    public func stop() async {
        try? await channel.channel.close()
    }

    /// How many clients are connected (authenticated or authenticating).
    public var connectionCount: Int { context.connectionCount }

    private static func serve(_ channel: NIOAsyncChannel<FrontendMessage, ByteBuffer>, context: ServerContext) async {
        try? await channel.executeThenClose { inbound, outbound in
            let connection = Connection(context: context, outbound: outbound)
            // A client that goes away mid-statement (a runaway query, say) stops it.
            channel.channel.closeFuture.whenComplete { _ in
                Task { await connection.control?.cancel() }
            }
            // A client that has not authenticated in time is let go.
            let timeout = context.configuration.authenticationTimeout
            let watchdog = Task {
                try await Task.sleep(for: timeout)
                if await !connection.isAuthenticated {
                    await connection.endForAuthenticationTimeout()
                    try? await channel.channel.close()
                }
            }
            defer { watchdog.cancel() }
            do {
                for try await message in inbound {
                    let task = Task { await connection.handle(message) }
                    await connection.control?.setRunning(task: task)
                    let outcome = await task.value
                    await connection.control?.setIdle()
                    try await connection.flush()
                    if case .close = outcome { break }
                }
            } catch let violation as ProtocolViolation {
                await connection.reject(violation)
            } catch {
                // The client went away.
            }
            await connection.finish()
        }
    }
}

/// Why the server could not start.
public struct ServerStartError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
