import RTKQLTransport

/// Everything an `Engine` needs to reach the API.
public struct EngineConfiguration: Sendable {
    /// The API base URL; nil means the provider's default (or its environment override).
    public var baseURL: String?
    public var credentials: Credentials
    /// How many pages may be in flight at once.
    public var concurrency: Int = 8
    /// Stop after this many pages per listing (and warn); nil fetches every page.
    public var pageLimit: Int?
    /// Allow sending credentials over plain HTTP to a non-loopback host.
    public var allowInsecureHTTP = false
    public var transport = TransportOptions()
    public var retry = RetryPolicy()
    /// The client-side request budget shared by every request of the engine.
    public var rateBudget = RateBudget.cloudflareDefault
    /// Receives one line per request sent, with its status and timing (credentials never appear).
    public var httpLog: (@Sendable (String) -> Void)?
    /// Receives progress while a listing pages through the API.
    public var progress: (@Sendable (FetchProgress) -> Void)?
    /// When a page of a listing fails for good, keep the rows already fetched and warn, instead of failing.
    public var allowPartial = false
    /// List the requests REPLACE and EXEC would send (and SELECT's plan) without sending any.
    public var dryRun = false
    /// The longest a statement may run (fetching, SQLite, and reading its rows) before it is stopped with
    /// `RTKQLError.statementTimeout`; nil (the default) sets no limit. A session's settings may override it.
    public var statementTimeout: Duration?
    /// Bounds on each statement's scratch database (value size, loaded rows); none by default.
    public var storageLimits = StorageLimits()
    /// The most calls one resource reference may make: a statement whose fan-out (from IN lists, or from
    /// another reference's rows) would exceed it stops before sending them. `--max-calls`.
    public var maxCalls = 500
    /// How long a session keeps what its reads returned, answering the same (or a narrower) listing from it
    /// instead of spending API budget (`--cache-ttl`; zero: each statement fetches afresh, though it still
    /// reads each distinct page once).
    public var cacheTTL: Duration = .seconds(60)
    /// The most bytes of answers a session's cache keeps (least recently used first out). A listing whose
    /// pages would take more than a quarter of it keeps only its first page.
    public var cacheBudget = 64 << 20

    public init(baseURL: String? = nil, credentials: Credentials = .none) {
        self.baseURL = baseURL
        self.credentials = credentials
    }
}
