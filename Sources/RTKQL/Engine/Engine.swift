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
    public func run(_ script: String, session: inout SessionState, arguments: StatementArguments = []) async throws(RTKQLError) -> [QueryResult] {
        let script = ParameterNumbering.numberAnonymous(script)
        var results: [QueryResult] = []
        for statement in try parse(script) {
            results.append(try await execute(statement, in: script, session: &session, arguments: arguments))
        }
        return results
    }

    /// Runs one statement and returns its result.
    ///
    /// - Parameters:
    ///   - sql: one statement (SELECT, REPLACE, EXEC, SHOW, DESCRIBE, EXPLAIN...).
    ///   - variables: values for `{{ name }}` template placeholders, escaped for where they land.
    ///   - arguments: values for bound parameters `?`, `?NNN`, `:name`, `@name`, `$name`.
    public func query(_ sql: String, variables: [String: String] = [:], arguments: StatementArguments = []) async throws(RTKQLError) -> QueryResult {
        let sql = ParameterNumbering.numberAnonymous(variables.isEmpty ? sql : try Engine.expandTemplates(sql, variables: variables))
        var session = SessionState()
        let statements = try parse(sql)
        guard statements.count == 1, let statement = statements.first else {
            throw .invalid(message: "expected exactly one statement, got \(statements.count)")
        }
        return try await execute(statement, in: sql, session: &session, arguments: arguments)
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
    public func execute(_ parsed: ParsedStatement, in text: String, session: inout SessionState,
                        arguments: StatementArguments = [], sink: RowSink? = nil) async throws(RTKQLError) -> QueryResult {
        let boundParameters = arguments.plannerValues
        let resolver = ResourceResolver(registry: registry, defaultProvider: session.defaultProvider)
        switch parsed.statement {
        case .select where configuration.dryRun:
            return try Explainer(engine: self, resolver: resolver, boundParameters: boundParameters).explain(parsed, text: text)
        case .select(let query):
            let plan = try RTKQLError.planning {
                try SelectPlanner(resolver: resolver, boundParameters: boundParameters).plan(query, text: text, statementRange: parsed.range)
            }
            return try await SelectExecutor(engine: self, arguments: arguments).run(plan, query: query, sink: sink)
        case .show(let show):
            return try Catalog(registry: registry, defaultProvider: session.defaultProvider).show(show)
        case .describe(let describe):
            return try Catalog(registry: registry, defaultProvider: session.defaultProvider).describe(describe)
        case .use(let name):
            guard registry.provider(named: name.value) != nil else {
                throw .invalid(message: "unknown provider \(name.value); known providers: \(registry.providers.map(\.name).joined(separator: ", "))")
            }
            session.defaultProvider = name.value.lowercased()
            return QueryResult(columns: [], rows: [], notice: "using provider \(name.value.lowercased()): `service.resource` names now resolve under it")
        case .registryList:
            return Catalog(registry: registry, defaultProvider: session.defaultProvider).registryList()
        case .explain(let inner):
            let innerParsed = ParsedStatement(statement: inner, range: parsed.range)
            return try Explainer(engine: self, resolver: resolver, boundParameters: boundParameters)
                .explain(innerParsed, text: text)
        case .replace(let replace):
            return try await ReplaceExecutor(engine: self, resolver: resolver, arguments: arguments).run(replace, text: text)
        case .exec(let exec) where exec.returning == nil:
            return try await ExecExecutor(engine: self, resolver: resolver, boundParameters: boundParameters).run(exec)
        case .exec, .insert, .update, .delete, .purge:
            throw RTKQLError.notSupportedYet(parsed.statement)
        }
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
