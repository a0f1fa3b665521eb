import ArgumentParser
import Foundation
import RTKQL
import RTKQLSandbox

/// Where the API is and how to authenticate.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("api-base-url"), help: "API base URL (default: $CLOUDFLARE_BASE_URL, else https://api.cloudflare.com/client/v4).")
    var apiBaseURL: String?

    @Option(name: .customLong("auth"), help: ArgumentHelp("StackQL-style auth JSON, e.g. '{\"cloudflare\": {\"type\": \"bearer\", \"credentialsenvvar\": \"CLOUDFLARE_API_TOKEN\"}}'.", valueName: "JSON"))
    var auth: String?

    @Flag(name: .customLong("sandbox"), help: "Start the built-in sandbox API in-process and query it (no account needed).")
    var sandbox = false

    @Option(name: [.customLong("concurrency"), .customLong("execution.concurrency.limit")], help: "Pages fetched at once.")
    var concurrency: Int = 8

    @Option(name: .customLong("http.response.pageLimit"), help: "Stop each listing after N pages (and warn).")
    var pageLimit: Int?

    @Option(name: .customLong("retries"), help: "Retries of a failed idempotent request (GET, PUT actions); POSTs are never retried.")
    var retries: Int = 3

    @Option(name: [.customLong("timeout"), .customLong("apirequesttimeout")], help: "Seconds one request may take.")
    var timeout: Double = 60

    @Option(name: .customLong("connect-timeout"), help: "Seconds to wait for a connection.")
    var connectTimeout: Double = 10

    @Option(name: .customLong("statement-timeout"), help: ArgumentHelp("Stop any statement that runs longer than SECONDS (fetching and SQLite alike); no limit by default.", valueName: "SECONDS"))
    var statementTimeout: Double?

    @Option(name: .customLong("cache-ttl"), help: ArgumentHelp("Answer a listing read in the last SECONDS (or a narrower one) from what the session holds, instead of sending requests again; 0 turns the cache off.", valueName: "SECONDS"))
    var cacheTTL: Double = 60

    @Option(name: .customLong("max-calls"), help: ArgumentHelp("Stop a statement before sending more than N calls for one resource reference (IN-list or dependent fan-out).", valueName: "N"))
    var maxCalls: Int = 500

    @Option(name: .customLong("rate-limit"), help: "Client-side request budget N/SECONDS (default 1200/300, Cloudflare's documented limit).")
    var rateLimit: String = "1200/300"

    @Flag(name: [.customLong("http.log.enabled"), .customLong("verbose")], help: "Log each request and its status on stderr (credentials redacted).")
    var httpLog = false

    @Flag(name: .customLong("allow-partial"), help: "When a page fails for good, print the rows fetched so far and say what is missing, instead of failing.")
    var allowPartial = false

    @Flag(name: .customLong("insecure"), help: "Do not verify TLS certificates (warns).")
    var insecure = false

    @Flag(name: [.customLong("dry-run"), .customLong("dryrun")], help: "Print the requests REPLACE and EXEC would send (and SELECT's plan); send none.")
    var dryRun = false

    @Flag(name: .customLong("allow-insecure-http"), help: "Allow sending credentials over plain HTTP to a non-loopback host.")
    var allowInsecureHTTP = false

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        if let pageLimit, pageLimit < 1 { throw ValidationError("--http.response.pageLimit must be at least 1") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError("--timeout and --connect-timeout must be positive") }
        if maxCalls < 1 { throw ValidationError("--max-calls must be at least 1") }
        guard cacheTTL >= 0, cacheTTL.isFinite else { throw ValidationError("--cache-ttl must be 0 or a positive number of seconds") }
        if let statementTimeout, !(statementTimeout > 0) { throw ValidationError("--statement-timeout must be a positive number of seconds") }
        guard parsedRateLimit != nil else { throw ValidationError("--rate-limit expects N/SECONDS, for example 1200/300") }
    }

    /// Builds an engine (starting the sandbox first with --sandbox), runs `body`, then stops the sandbox.
    /// From `--auth` when given (StackQL's form), else the environment.
    func credentials() throws -> Credentials {
        let environment = ProcessInfo.processInfo.environment
        guard let auth else { return Credentials.fromEnvironment(environment) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(auth.utf8)) as? [String: Any],
              let entry = object["cloudflare"] as? [String: Any] else {
            throw ValidationError(#"--auth expects {"cloudflare": {"type": "bearer", "credentialsenvvar": "CLOUDFLARE_API_TOKEN"}}"#)
        }
        let type = (entry["type"] as? String)?.lowercased() ?? "bearer"
        switch type {
        case "bearer":
            let variable = entry["credentialsenvvar"] as? String ?? "CLOUDFLARE_API_TOKEN"
            guard let token = environment[variable], !token.isEmpty else {
                throw ValidationError("--auth: the environment variable \(variable) is not set")
            }
            return .bearer(token: token)
        case "email_key", "legacy":
            let emailVariable = entry["emailenvvar"] as? String ?? "CLOUDFLARE_EMAIL"
            let keyVariable = entry["credentialsenvvar"] as? String ?? "CLOUDFLARE_API_KEY"
            guard let email = environment[emailVariable], let key = environment[keyVariable], !email.isEmpty, !key.isEmpty else {
                throw ValidationError("--auth: set \(emailVariable) and \(keyVariable)")
            }
            return .legacy(email: email, key: key)
        default:
            throw ValidationError("--auth: unsupported type \(type) for cloudflare (use bearer, or email_key)")
        }
    }

    var parsedRateLimit: RateBudget? {
        let parts = rateLimit.split(separator: "/")
        guard parts.count == 2, let requests = Int(parts[0]), let seconds = Double(parts[1]), requests > 0, seconds > 0 else { return nil }
        return RateBudget(requests: requests, windowSeconds: seconds)
    }

    /// Template variables the sandbox provides when the user gives none: its demo account and first app.
    var defaultVariables: [String: String] {
        guard sandbox else { return [:] }
        return ["account_id": SandboxConfiguration.demoAccountID, "app_id": SandboxConfiguration.demoAppIDs[0]]
    }

    func withEngine(storageLimits: StorageLimits = StorageLimits(), _ body: (Engine) async throws -> Void) async throws {
        var server: SandboxServer?
        var configuration = EngineConfiguration(baseURL: apiBaseURL, credentials: try credentials())
        if sandbox {
            let started = try await SandboxServer.start(SandboxConfiguration())
            server = started
            configuration.baseURL = started.baseURL
            configuration.credentials = .bearer(token: SandboxConfiguration.demoToken)
        }
        configuration.concurrency = concurrency
        configuration.storageLimits = storageLimits
        configuration.pageLimit = pageLimit
        configuration.allowInsecureHTTP = allowInsecureHTTP
        configuration.dryRun = dryRun
        configuration.allowPartial = allowPartial
        configuration.retry.maximumRetries = retries
        configuration.transport.totalTimeoutMilliseconds = Int(timeout * 1000)
        configuration.transport.connectTimeoutMilliseconds = Int(connectTimeout * 1000)
        configuration.transport.verifyTLS = !insecure
        configuration.maxCalls = maxCalls
        configuration.cacheTTL = .milliseconds(Int((cacheTTL * 1000).rounded()))
        configuration.statementTimeout = statementTimeout.map { .milliseconds(Int(($0 * 1000).rounded(.up))) }
        if insecure { StandardError.write("warning: --insecure: TLS certificates are not verified\n") }
        if let parsedRateLimit { configuration.rateBudget = parsedRateLimit }
        if ProgressLine.enabled, !httpLog {
            configuration.progress = { ProgressLine.shared.update($0) }
        }
        if httpLog { configuration.httpLog = { line in StandardError.write("http: \(line)\n") } }
        let engine = Engine(configuration: configuration)
        do {
            try await body(engine)
        } catch {
            await server?.stop()
            throw error
        }
        await server?.stop()
    }
}
