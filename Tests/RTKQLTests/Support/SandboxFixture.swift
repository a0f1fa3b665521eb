import Foundation
import RTKQL
import Testing
import RTKQLSandbox

/// A sandbox on a free loopback port and an engine pointed at it.
struct SandboxFixture {
    let server: SandboxServer
    let engine: Engine
    let account = SandboxConfiguration.demoAccountID
    let app = SandboxConfiguration.demoAppIDs[0]
    let otherApp = SandboxConfiguration.demoAppIDs[1]

    static func start(recordings: Int = 240, perPageCap: Int? = nil, concurrency: Int = 8,
                      configure: (inout EngineConfiguration) -> Void = { _ in }) async throws -> SandboxFixture {
        var configuration = SandboxConfiguration()
        configuration.recordingsPerApp = recordings
        if let perPageCap { configuration.perPageCap = perPageCap }
        let server = try await SandboxServer.start(configuration)
        var engineConfiguration = EngineConfiguration(baseURL: server.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken))
        engineConfiguration.concurrency = concurrency
        configure(&engineConfiguration)
        return SandboxFixture(server: server, engine: Engine(configuration: engineConfiguration))
    }

    /// Starts a sandbox and an engine on it, runs `body`, and stops the sandbox before returning
    /// (whether `body` returned or threw).
    @discardableResult
    static func with<T>(recordings: Int = 240, perPageCap: Int? = nil, concurrency: Int = 8,
                        configure: (inout EngineConfiguration) -> Void = { _ in },
                        _ body: (SandboxFixture) async throws -> T) async throws -> T {
        let fixture = try await start(recordings: recordings, perPageCap: perPageCap, concurrency: concurrency, configure: configure)
        do {
            let result = try await body(fixture)
            await fixture.server.stop()
            return result
        } catch {
            await fixture.server.stop()
            throw error
        }
    }

    /// Runs each statement and expects it to fail with an error whose text contains the expected words.
    func expectErrors(_ cases: [(sql: String, expected: String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
        for (sql, expected) in cases {
            do {
                _ = try await engine.query(sql)
                Issue.record("no error for \(sql)", sourceLocation: sourceLocation)
            } catch {
                #expect("\(error)".contains(expected), "\(sql): \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    /// `account_id = '…' AND app_id = '…'` for the demo account and first app.
    var scope: String { "account_id = '\(account)' AND app_id = '\(app)'" }

    /// The list requests the sandbox received, as `METHOD path?query`.
    func requestLines() async -> [String] {
        await server.requests().map { record in
            "\(record.method) \(record.path)" + ((record.query ?? "").isEmpty ? "" : "?\(record.query ?? "")")
        }
    }
}

/// Starts a sandbox with `configuration`, runs `body`, and stops the sandbox before returning (whether
/// `body` returned or threw), so no test leaves a server behind it.
@discardableResult
func withSandboxServer<T>(_ configuration: SandboxConfiguration,
                          _ body: (SandboxServer) async throws -> T) async throws -> T {
    let server = try await SandboxServer.start(configuration)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
