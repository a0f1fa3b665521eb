import Foundation
import NIOSSL
import RTKQL
import RTKQLSandbox
import RTKQLServer

/// A sandbox API, an engine on it, and `rtkql serve` on a free loopback port, for tests.
struct ServerFixture {
    let sandbox: SandboxServer
    let server: PostgresServer
    let running: Task<Void, Never>
    let account = SandboxConfiguration.demoAccountID
    let app = SandboxConfiguration.demoAppIDs[0]

    var port: Int { server.port }
    /// `account_id = '…' AND app_id = '…'` for the demo account and first app.
    var scope: String { "account_id = '\(account)' AND app_id = '\(app)'" }

    /// Starts everything, runs `body`, and stops everything (whether `body` returned or threw).
    static func with<T>(latencyMs: Int = 0, authentication: ServerConfiguration.Authentication = .trust, tls: NIOSSLContext? = nil,
                        maximumConnections: Int = 100, maximumMessageSize: Int = 1 << 20,
                        storageLimits: StorageLimits = StorageLimits(maximumValueBytes: 1 << 20),
                        statementTimeout: Duration? = nil, sessionVariables: [String: String] = [:],
                        authenticationTimeout: Duration = .seconds(60),
                        _ body: (ServerFixture) async throws -> T) async throws -> T {
        var sandboxConfiguration = SandboxConfiguration()
        sandboxConfiguration.latencyMs = latencyMs
        let sandbox = try await SandboxServer.start(sandboxConfiguration)
        var engineConfiguration = EngineConfiguration(baseURL: sandbox.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken))
        engineConfiguration.storageLimits = storageLimits
        engineConfiguration.statementTimeout = statementTimeout
        engineConfiguration.rateBudget = RateBudget(requests: 1_000_000, windowSeconds: 1)
        var configuration = ServerConfiguration(port: 0, authentication: authentication, maximumConnections: maximumConnections,
                                                maximumMessageSize: maximumMessageSize)
        configuration.sessionVariables = sessionVariables
        configuration.authenticationTimeout = authenticationTimeout
        configuration.tls = tls
        let server = try await PostgresServer.start(engine: Engine(configuration: engineConfiguration), configuration: configuration)
        let running = Task { _ = try? await server.run() }
        let fixture = ServerFixture(sandbox: sandbox, server: server, running: running)
        do {
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }

    private func stop() async {
        await server.stop()
        running.cancel()
        _ = await running.value
        await sandbox.stop()
    }
}
