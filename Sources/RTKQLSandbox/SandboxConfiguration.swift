/// Everything that shapes a sandbox server: where it listens, who may call it, what data it holds,
/// and how unreliable it pretends to be. Every property has a default, so `SandboxConfiguration()`
/// is the documented demo sandbox.
public struct SandboxConfiguration: Sendable {
    /// The demo account ID used when none is configured.
    public static let demoAccountID = "c0ffee00c0ffee00c0ffee00c0ffee00"
    /// The demo RealtimeKit app IDs used when none are configured.
    public static let demoAppIDs = ["a11ce000-0000-4000-8000-000000000001", "b0b00000-0000-4000-8000-000000000002"]
    /// The demo API token (`Authorization: Bearer rtkql-sandbox-token`).
    public static let demoToken = "rtkql-sandbox-token"
    /// The demo legacy global API key (`X-Auth-Email: <any>` + `X-Auth-Key: rtkql-sandbox-key`).
    public static let demoAPIKey = "rtkql-sandbox-key"

    /// The address to bind; loopback by default.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 asks the system for any free port (read the real one from `SandboxServer.port`).
    public var port: Int = 0
    /// Accepted bearer tokens.
    public var tokens: [String] = [SandboxConfiguration.demoToken]
    /// Accepted legacy `X-Auth-Key` values (any non-empty `X-Auth-Email` goes with them).
    public var apiKeys: [String] = [SandboxConfiguration.demoAPIKey]
    /// The one account the sandbox serves.
    public var accountID: String = SandboxConfiguration.demoAccountID
    /// The RealtimeKit apps of that account.
    public var appIDs: [String] = SandboxConfiguration.demoAppIDs
    /// Seeded recordings per app.
    public var recordingsPerApp: Int = 240
    /// Seeded meetings per app.
    public var meetingsPerApp: Int = 12
    /// Seed of the deterministic data and of the deterministic failure and jitter sequences.
    public var seed: UInt64 = 42
    /// Fixed delay added before every response, in milliseconds.
    public var latencyMs: Int = 0
    /// Extra random delay in [0, jitterMs] added before every response (deterministic from `seed`).
    public var jitterMs: Int = 0
    /// Fraction (0...1) of authenticated requests answered 500/502/503 instead of being served.
    public var failRate: Double = 0
    /// Fraction of successful answers spoiled: the body cut in half, or an HTML page instead of JSON.
    public var malformedRate: Double = 0
    /// At most `requests` requests per sliding window of `windowSeconds`; beyond it, 429 with `Retry-After`.
    public var rateLimit: SandboxRateLimit? = nil
    /// The largest `per_page` honoured; larger values are clamped to it.
    public var perPageCap: Int = 100
    /// When set, every request is appended to this file as one JSON line.
    public var logPath: String? = nil
    /// When set, state lives in this SQLite file (seeded only when an app is not in it yet); in memory otherwise.
    public var dataPath: String? = nil
    /// Delay between UPLOADING and UPLOADED after a stop, in milliseconds.
    public var uploadDelayMs: Int = 0

    /// The demo configuration.
    public init() {}
}

/// A request budget: `requests` per sliding window of `windowSeconds` seconds.
public struct SandboxRateLimit: Sendable, Equatable {
    /// Requests allowed per window.
    public var requests: Int
    /// Window length in seconds.
    public var windowSeconds: Int

    public init(requests: Int, windowSeconds: Int) {
        self.requests = requests
        self.windowSeconds = windowSeconds
    }

    /// Parses `N/SECONDS` (for example `100/10`); nil when malformed or not positive.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let requests = Int(parts[0]), let seconds = Int(parts[1]), requests > 0, seconds > 0 else {
            return nil
        }
        self.init(requests: requests, windowSeconds: seconds)
    }
}
