import Hummingbird
import NIOCore
import Logging
import ServiceLifecycle

/// A Hummingbird application run until it is told to stop: started, awaited until it listens (so the port
/// it got is known), and stopped by a graceful shutdown, never by cancelling its task: SwiftNIO traps on a
/// connection accepted but not yet served when its serving task is cancelled (swift-nio#2637).
///
/// The one way rtkql's HTTP servers (the sandbox, `rtkql mcp --http`) start and stop.
public final class ListeningApplication: Sendable {
    /// The port the application listens on (the real one when port 0 was asked for).
    public let port: Int
    private let services: ServiceGroup
    private let runTask: Task<Void, any Error>

    private init(port: Int, services: ServiceGroup, runTask: Task<Void, any Error>) {
        self.port = port
        self.services = services
        self.runTask = runTask
    }

    /// The error `start` throws when the application ended before it was listening.
    public struct StoppedBeforeListening: Error, Sendable {}

    /// Builds the application with `make` (handing it the callback that reports the port), runs it, and
    /// returns once it is listening; throws what stopped it otherwise.
    public static func start<Application: ApplicationProtocol>(
        logger: Logger,
        _ make: (_ onServerRunning: @escaping @Sendable (any Channel) async -> Void) -> Application
    ) async throws -> ListeningApplication {
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let application = make { channel in continuation.yield(.success(channel.localAddress?.port ?? 0)) }
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        let runTask = Task {
            do {
                try await services.run()
                continuation.yield(.failure(StoppedBeforeListening()))
                continuation.finish()
            } catch {
                continuation.yield(.failure(error))
                continuation.finish()
                throw error
            }
        }
        for await event in events {
            switch event {
            case .success(let port): return ListeningApplication(port: port, services: services, runTask: runTask)
            case .failure(let error): throw error
            }
        }
        throw StoppedBeforeListening()
    }

    /// Asks the application to stop: it stops listening and lets the requests being served finish.
    public func triggerShutdown() async {
        await services.triggerGracefulShutdown()
    }

    /// Waits until the application has stopped; rethrows what stopped it, if anything did.
    public func waitUntilStopped() async throws {
        try await runTask.value
    }

    /// Stops the application and waits for it to shut down. Safe to call more than once.
    public func stop() async {
        await services.triggerGracefulShutdown()
        _ = try? await runTask.value
    }
}
