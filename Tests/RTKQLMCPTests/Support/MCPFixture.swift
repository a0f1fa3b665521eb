import Foundation
import MCP
import RTKQL
import RTKQLMCP
import RTKQLSandbox

/// The sandbox API and an engine on it, for the tool handlers.
struct MCPFixture {
    let sandbox: SandboxServer
    let engine: Engine
    static let account = SandboxConfiguration.demoAccountID
    static let app = SandboxConfiguration.demoAppIDs[0]
    static let variables = ["account_id": account, "app_id": app]

    /// Starts the sandbox, runs `body`, and stops the sandbox (whether `body` returned or threw).
    static func with<T>(statementTimeout: Duration? = nil, _ body: (MCPFixture) async throws -> T) async throws -> T {
        let sandbox = try await SandboxServer.start(SandboxConfiguration())
        var configuration = EngineConfiguration(baseURL: sandbox.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken))
        configuration.statementTimeout = statementTimeout
        configuration.rateBudget = RateBudget(requests: 1_000_000, windowSeconds: 1)
        let fixture = MCPFixture(sandbox: sandbox, engine: Engine(configuration: configuration))
        do {
            let result = try await body(fixture)
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// A toolbox on a new session, as one MCP client gets.
    func toolbox(maximumRows: Int = 1000, allowMutations: Bool = false) -> MCPToolbox {
        let options = MCPOptions(maximumRows: maximumRows, allowMutations: allowMutations, sessionVariables: Self.variables)
        return MCPToolbox(session: MCPSessionServer.makeSession(engine: engine, options: options), options: options)
    }
}

extension CallTool.Result {
    /// The text blocks, in order.
    var texts: [String] {
        content.compactMap { block in
            if case .text(let text, _, _) = block { return text }
            return nil
        }
    }

    /// The structured content's `rows`.
    var rows: [Value]? { structuredContent?.objectValue?["rows"]?.arrayValue }
}
