import MCP
import RTKQL

/// Builds the MCP `Server` for one client session: its own rtkql `Session` on the shared engine, the tools
/// and the resources.
public enum MCPSessionServer {
    /// What the server tells a client on `initialize`.
    static let instructions = """
        rtkql runs SQL over the Cloudflare RealtimeKit API. Read rtkql://docs/sql-dialect for the dialect and \
        rtkql://catalog (or call list_resources / describe_resource) for what can be queried; required API \
        parameters such as account_id and app_id go in WHERE. Use explain to see the requests a statement \
        would send.
        """

    /// A session on `engine` with the options' starting variables; unqualified names resolve under the only
    /// provider when there is just one.
    public static func makeSession(engine: Engine, options: MCPOptions) -> Session {
        let providers = engine.registry.providers
        return Session(engine: engine, state: SessionState(defaultProvider: providers.count == 1 ? providers[0].name : nil,
                                                           variables: options.sessionVariables))
    }

    /// A server for one client, with its handlers registered, not yet started.
    public static func make(engine: Engine, options: MCPOptions) async -> Server {
        let toolbox = MCPToolbox(session: makeSession(engine: engine, options: options), options: options)
        let server = Server(name: "rtkql", version: options.serverVersion, title: "rtkql: SQL over Cloudflare RealtimeKit",
                            instructions: instructions,
                            capabilities: .init(resources: .init(subscribe: false, listChanged: false),
                                                tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: toolbox.tools)
        }
        await server.withMethodHandler(CallTool.self) { params in
            await toolbox.call(params.name, arguments: params.arguments)
        }
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: MCPResources.list)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            guard let content = MCPResources.read(params.uri, registry: engine.registry) else {
                throw MCPError.invalidParams("unknown resource \(params.uri); the resources are "
                                             + MCPResources.list.map(\.uri).joined(separator: ", "))
            }
            return ReadResource.Result(contents: [content])
        }
        return server
    }

    /// Serves one client over standard input and output until the client closes its end or the calling
    /// task is cancelled (SIGINT, SIGTERM).
    public static func runStdio(engine: Engine, options: MCPOptions) async throws {
        let server = await make(engine: engine, options: options)
        try await server.start(transport: StdioTransport())
        await withTaskCancellationHandler {
            await server.waitUntilCompleted()
        } onCancel: {
            Task { await server.stop() }
        }
        await server.stop()
    }
}
