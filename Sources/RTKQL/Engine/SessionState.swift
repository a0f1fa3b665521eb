/// What the statements of one session remember between them.
public struct SessionState: Sendable {
    /// Set by `USE provider`: `service.resource` names resolve under it.
    public var defaultProvider: String?
    /// Values of `{{ name }}` template placeholders (`--var`, the shell's `.set`).
    public var variables: [String: String]
    /// The session's own settings, over the engine's configuration.
    public var settings: SessionSettings

    public init(defaultProvider: String? = nil, variables: [String: String] = [:], settings: SessionSettings = SessionSettings()) {
        self.defaultProvider = defaultProvider
        self.variables = variables
        self.settings = settings
    }
}

/// Settings a session may hold over its engine's configuration (a server connection's `SET`, say).
public struct SessionSettings: Sendable, Equatable {
    /// The time limit of each statement; nil takes `EngineConfiguration.statementTimeout`.
    public var statementTimeout: Duration?
    /// The cache's time to live for this session (`.cache on|off`); nil: the engine's `cacheTTL`.
    public var cacheTTL: Duration?

    public init(statementTimeout: Duration? = nil, cacheTTL: Duration? = nil) {
        self.statementTimeout = statementTimeout
        self.cacheTTL = cacheTTL
    }
}
