import ArgumentParser
import Foundation
import RTKQLSandbox

/// `rtkql sandbox`: runs the local RealtimeKit service in the foreground.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local emulation of the Cloudflare RealtimeKit API.",
        discussion: """
        Serves every RealtimeKit operation under /client/v4/accounts/{account_id}/realtime/kit (apps, \
        meetings, participants, the active session, sessions, recordings, presets, webhooks, livestreams, \
        analytics) on loopback with deterministic demo data, until interrupted (Ctrl-C / SIGTERM).

        Without flags it uses the demo account \(SandboxConfiguration.demoAccountID), the apps \
        \(SandboxConfiguration.demoAppIDs.joined(separator: " and ")) and the token \
        \(SandboxConfiguration.demoToken).

        Examples:
          rtkql sandbox
          rtkql sandbox --port 9000 --recordings 10000 --seed 7
          rtkql sandbox --token secret --app-id 11111111-2222-4333-8444-555555555555
          rtkql sandbox --latency-ms 50 --jitter-ms 20 --fail-rate 0.05 --rate-limit 100/10
          rtkql sandbox --data ./sandbox.sqlite --log ./requests.jsonl
        """)

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int = 8787

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("token"), help: "Accepted bearer token (repeatable; default: the demo token).")
    var tokens: [String] = []

    @Option(name: .customLong("api-key"), help: "Accepted legacy X-Auth-Key (repeatable; default: the demo key).")
    var apiKeys: [String] = []

    @Option(name: .customLong("account-id"), help: "The account ID to serve.")
    var accountID: String = SandboxConfiguration.demoAccountID

    @Option(name: .customLong("app-id"), help: "An app ID to serve (repeatable; default: the two demo apps).")
    var appIDs: [String] = []

    @Option(name: .customLong("recordings"), help: "Seeded recordings per app.")
    var recordings: Int = 240

    @Option(name: .customLong("meetings"), help: "Seeded meetings per app.")
    var meetings: Int = 12

    @Option(help: "Seed of the demo data, jitter and injected failures.")
    var seed: UInt64 = 42

    @Option(name: .customLong("latency-ms"), help: "Delay added to every response, in milliseconds.")
    var latencyMs: Int = 0

    @Option(name: .customLong("jitter-ms"), help: "Extra random delay, 0...N milliseconds (deterministic from --seed).")
    var jitterMs: Int = 0

    @Option(name: .customLong("fail-rate"), help: "Fraction (0...1) of requests answered 500/502/503.")
    var failRate: Double = 0

    @Option(name: .customLong("malformed-rate"), help: "Fraction (0...1) of successful answers spoiled: body cut in half, or HTML instead of JSON.")
    var malformedRate: Double = 0

    @Option(name: .customLong("rate-limit"), help: "Request budget N/SECONDS (e.g. 100/10); beyond it, 429 with Retry-After.")
    var rateLimit: String?

    @Option(name: .customLong("per-page-cap"), help: "Largest per_page honoured; larger values are clamped.")
    var perPageCap: Int = 100

    @Option(name: .customLong("log"), help: "Append every request to FILE as a JSON line (tokens are never logged).")
    var logPath: String?

    @Option(name: .customLong("data"), help: "Keep state in this SQLite file (seeded when new) instead of in memory.")
    var dataPath: String?

    @Option(name: .customLong("upload-delay-ms"), help: "Time a stopped recording stays UPLOADING, in milliseconds.")
    var uploadDelayMs: Int = 0

    func validate() throws {
        if let rateLimit, SandboxRateLimit(parsing: rateLimit) == nil {
            throw ValidationError("--rate-limit must look like N/SECONDS, for example 100/10")
        }
        guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate must be between 0 and 1") }
        guard (0...1).contains(malformedRate) else { throw ValidationError("--malformed-rate must be between 0 and 1") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard perPageCap >= 1 else { throw ValidationError("--per-page-cap must be at least 1") }
        guard recordings >= 0, meetings >= 0 else { throw ValidationError("--recordings and --meetings must not be negative") }
        guard recordings == 0 || meetings >= 1 else { throw ValidationError("--meetings must be at least 1 when there are recordings") }
    }

    func run() async throws {
        var configuration = SandboxConfiguration()
        configuration.host = host
        configuration.port = port
        if !tokens.isEmpty { configuration.tokens = tokens }
        if !apiKeys.isEmpty { configuration.apiKeys = apiKeys }
        configuration.accountID = accountID
        if !appIDs.isEmpty { configuration.appIDs = appIDs }
        configuration.recordingsPerApp = recordings
        configuration.meetingsPerApp = meetings
        configuration.seed = seed
        configuration.latencyMs = latencyMs
        configuration.jitterMs = jitterMs
        configuration.failRate = failRate
        configuration.malformedRate = malformedRate
        configuration.rateLimit = rateLimit.flatMap(SandboxRateLimit.init(parsing:))
        configuration.perPageCap = perPageCap
        configuration.logPath = logPath
        configuration.dataPath = dataPath
        configuration.uploadDelayMs = uploadDelayMs

        let server = try await SandboxServer.start(configuration)
        FileHandle.standardOutput.write(Data((Self.banner(server: server, configuration: configuration) + "\n").utf8))
        try await server.runUntilStopped()
        FileHandle.standardOutput.write(Data("rtkql sandbox stopped.\n".utf8))
    }

    static func banner(server: SandboxServer, configuration: SandboxConfiguration) -> String {
        let token = configuration.tokens.first ?? SandboxConfiguration.demoToken
        let app = configuration.appIDs.first ?? ""
        return """
        rtkql sandbox: RealtimeKit API on \(server.baseURL)
          account ID : \(configuration.accountID)
          app IDs    : \(configuration.appIDs.joined(separator: ", "))
          token      : \(token)
          recordings : \(configuration.recordingsPerApp) per app, one session each (seed \(configuration.seed))
          meetings   : \(configuration.meetingsPerApp) per app; live ones: GET .../sessions?status=LIVE
          state      : \(configuration.dataPath ?? "in memory")

        Try:
          CLOUDFLARE_API_TOKEN=\(token) rtkql exec --api-base-url \(server.baseURL) \\
            "SELECT id, status, invoked_time FROM cloudflare.realtime_kit.recordings \
        WHERE account_id = '\(configuration.accountID)' AND app_id = '\(app)' LIMIT 5"

          curl -H 'Authorization: Bearer \(token)' \\
            '\(server.baseURL)/accounts/\(configuration.accountID)/realtime/kit/\(app)/recordings?per_page=2'

        Press Ctrl-C to stop.
        """
    }
}
