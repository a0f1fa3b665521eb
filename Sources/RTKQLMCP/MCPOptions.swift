/// How an `rtkql mcp` server behaves towards its clients, whatever the transport.
public struct MCPOptions: Sendable {
    /// The most rows a tool result carries; the rest are counted and cut, with a note saying so.
    public var maximumRows: Int
    /// Whether the `execute` tool exists: REPLACE, INSERT, UPDATE, DELETE and EXEC change real resources.
    public var allowMutations: Bool
    /// Template variables every client session starts with (`{{ account_id }}`).
    public var sessionVariables: [String: String]
    /// The version the server reports in `initialize`.
    public var serverVersion: String

    /// Options with a row cap of `maximumRows` and mutations off unless asked for.
    public init(maximumRows: Int = 1000, allowMutations: Bool = false, sessionVariables: [String: String] = [:],
                serverVersion: String = "0.1.0") {
        self.maximumRows = maximumRows
        self.allowMutations = allowMutations
        self.sessionVariables = sessionVariables
        self.serverVersion = serverVersion
    }
}
