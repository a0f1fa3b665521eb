import Foundation
import RTKQLPlanning
import RTKQLProvider
import RTKQLStorage
import RTKQLSyntax
import RTKQLTransport

/// The rtkql engine: parses statements, plans them against the provider definitions, calls the
/// API, materializes rows into SQLite and runs the user's SQL there.
///
/// ```swift
/// let engine = Engine(configuration: EngineConfiguration(baseURL: url, credentials: .bearer(token: token)))
/// let result = try await engine.query("SELECT status, count(*) FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a' AND app_id = 'b' GROUP BY status")
/// ```
public final class Engine: Sendable {
    public let configuration: EngineConfiguration
    public let registry: ProviderRegistry
    let http: HTTPClient
    let governor: RequestGovernor
    /// Shares identical GETs in flight among the engine's sessions and statements.
    let coalescer = RequestCoalescer()

    public init(configuration: EngineConfiguration, registry: ProviderRegistry = .bundled) {
        self.configuration = configuration
        self.registry = registry
        self.http = HTTPClient(options: configuration.transport)
        self.governor = RequestGovernor(budget: configuration.rateBudget)
    }

    /// The base URL requests go to: the configured one, else the provider's environment override, else its default.
    public func baseURL(for provider: ProviderDefinition) -> String {
        if let url = configuration.baseURL, !url.isEmpty { return url }
        if let variable = provider.baseURLEnvironment, let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty {
            return url
        }
        return provider.baseURL
    }

    /// Parses a script into statements (all of it, before anything runs).
    public func parse(_ script: String) throws(RTKQLError) -> [ParsedStatement] {
        do {
            return try SQLParser.parse(script)
        } catch {
            throw .syntax(error)
        }
    }

    /// Runs every statement of `script` in order and returns their results; stops at the first error.
    @available(*, deprecated, message: "run scripts through a Session: Session(engine:state:).run(_:)")
    public func run(_ script: String, session state: inout SessionState, arguments: StatementArguments = []) async throws(RTKQLError) -> [QueryResult] {
        let session = Session(engine: self, state: state)
        defer { state = session.current }
        var results: [QueryResult] = []
        var run = session.run(script, arguments: arguments).makeAsyncIterator()
        while let result = try await run.next() { results.append(try await result.collect()) }
        return results
    }

    /// Runs one statement and returns its result.
    ///
    /// - Parameters:
    ///   - sql: one statement (SELECT, REPLACE, EXEC, SHOW, DESCRIBE, EXPLAIN...).
    ///   - variables: values for `{{ name }}` template placeholders, escaped for where they land.
    ///   - arguments: values for bound parameters `?`, `?NNN`, `:name`, `@name`, `$name`.
    public func query(_ sql: String, variables: [String: String] = [:], arguments: StatementArguments = []) async throws(RTKQLError) -> QueryResult {
        try await Session(engine: self, state: SessionState(variables: variables)).execute(sql, arguments: arguments)
    }

    /// Runs a REPLACE or EXEC (or any one statement) and returns its rows: the operation's outcome,
    /// its RETURNING columns, or the created recording.
    @discardableResult
    public func execute(_ sql: String, variables: [String: String] = [:], arguments: StatementArguments = []) async throws(RTKQLError) -> QueryResult {
        try await query(sql, variables: variables, arguments: arguments)
    }

    /// Runs one parsed statement of `text`.
    /// When `sink` is given, a SELECT's rows go to it as they are read (the result then holds none);
    /// other statements return their rows as usual.
    @available(*, deprecated, message: "run statements through a Session: Session.execute(_:index:in:arguments:) returns a StatementResult whose rows are read on demand")
    public func execute(_ parsed: ParsedStatement, in text: String, session state: inout SessionState,
                        arguments: StatementArguments = [], sink: RowSink? = nil) async throws(RTKQLError) -> QueryResult {
        let session = Session(engine: self, state: state)
        defer { state = session.current }
        let result = try await session.execute(parsed, in: text, arguments: arguments)
        guard let sink, result.isQuery else { return try await result.collect() }
        sink.columns(result.columns, result.jsonColumns)
        for try await row in result.rows { sink.row(row) }
        var streamed = QueryResult(columns: result.columns, jsonColumns: result.jsonColumns, rows: [], warnings: result.warnings,
                                   notice: result.notice, requestCount: result.requestCount)
        streamed.streamed = true
        return streamed
    }

    var apiClient: APIClient {
        APIClient(http: http, credentials: configuration.credentials, governor: governor, retry: configuration.retry,
                  log: configuration.httpLog)
    }

    /// Refuses to send credentials in clear text to anything but a loopback address.
    func checkTransportSecurity(_ baseURL: String) throws(RTKQLError) {
        guard case .none = configuration.credentials else {
            let lower = baseURL.lowercased()
            if lower.hasPrefix("https://") || configuration.allowInsecureHTTP { return }
            if lower.hasPrefix("http://") {
                let host = URLComponents(string: baseURL)?.host?.lowercased() ?? ""
                if host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]" { return }
                throw .invalid(message: "refusing to send the API token over plain HTTP to \(host): use https, or pass --allow-insecure-http")
            }
            throw .invalid(message: "unsupported API base URL \(baseURL): expected an https:// URL")
        }
    }
}
