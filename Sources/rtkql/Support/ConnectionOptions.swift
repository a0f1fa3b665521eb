import ArgumentParser
import Foundation
import RTKQL
import RTKQLSandbox

/// Where the API is and how to authenticate.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("api-base-url"), help: "API base URL (default: $CLOUDFLARE_BASE_URL, else https://api.cloudflare.com/client/v4).")
    var apiBaseURL: String?

    @Flag(name: .customLong("sandbox"), help: "Start the built-in sandbox API in-process and query it (no account needed).")
    var sandbox = false

    @Option(name: [.customLong("concurrency"), .customLong("execution.concurrency.limit")], help: "Pages fetched at once.")
    var concurrency: Int = 8

    @Option(name: .customLong("http.response.pageLimit"), help: "Stop each listing after N pages (and warn).")
    var pageLimit: Int?

    @Flag(name: [.customLong("dry-run"), .customLong("dryrun")], help: "Print the requests REPLACE and EXEC would send (and SELECT's plan); send none.")
    var dryRun = false

    @Flag(name: .customLong("allow-insecure-http"), help: "Allow sending credentials over plain HTTP to a non-loopback host.")
    var allowInsecureHTTP = false

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        if let pageLimit, pageLimit < 1 { throw ValidationError("--http.response.pageLimit must be at least 1") }
    }

    /// Builds an engine (starting the sandbox first with --sandbox), runs `body`, then stops the sandbox.
    /// Template variables the sandbox provides when the user gives none: its demo account and first app.
    var defaultVariables: [String: String] {
        guard sandbox else { return [:] }
        return ["account_id": SandboxConfiguration.demoAccountID, "app_id": SandboxConfiguration.demoAppIDs[0]]
    }

    func withEngine(_ body: (Engine) async throws -> Void) async throws {
        var server: SandboxServer?
        var configuration = EngineConfiguration(baseURL: apiBaseURL,
                                                credentials: Credentials.fromEnvironment(ProcessInfo.processInfo.environment))
        if sandbox {
            let started = try await SandboxServer.start(SandboxConfiguration())
            server = started
            configuration.baseURL = started.baseURL
            configuration.credentials = .bearer(token: SandboxConfiguration.demoToken)
        }
        configuration.concurrency = concurrency
        configuration.pageLimit = pageLimit
        configuration.allowInsecureHTTP = allowInsecureHTTP
        configuration.dryRun = dryRun
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
