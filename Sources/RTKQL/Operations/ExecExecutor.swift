import RTKQLJSON
import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax
import RTKQLTransport

/// Runs EXEC: validates arguments and body, sends the one request, and returns the rows of the
/// response (the created or found recording). With `FROM (query)`, runs the query first, validates one
/// request per distinct row, then sends them and reports one row per target, as REPLACE does. A POST is
/// never retried automatically.
struct ExecExecutor {
    let engine: Engine
    let resolver: ResourceResolver
    let boundParameters: [String: RawValue]

    func plan(_ statement: ExecStatement) throws(RTKQLError) -> ExecPlan {
        try RTKQLError.planning { try ExecPlanner(resolver: resolver, boundParameters: boundParameters).plan(statement) }
    }

    /// Runs `statement`, written in `text` (RETURNING expressions are read from it); `FROM (query)` runs
    /// under `control` with the statement's `arguments`.
    func run(_ statement: ExecStatement, text: String, arguments: StatementArguments,
             control: StatementControl) async throws(RTKQLError) -> QueryResult {
        if let source = statement.source {
            return try await runFromQuery(statement, source: source, text: text, arguments: arguments, control: control)
        }
        let plan = try plan(statement)
        let sender = OperationSender(engine: engine, reads: control.reads)
        if engine.configuration.dryRun { return try OperationListing.list([plan.request], sender: sender) }
        let request = try sender.httpRequest(for: plan.request)
        let response: HTTPResponse
        defer { sender.invalidate(after: plan.requests) }
        do {
            response = try await engine.apiClient.send(request)
        } catch {
            if case .transport(let failure) = error, !plan.request.method.isIdempotent {
                throw .invalid(message: "request failed: \(failure.description). The \(request.method) may have been applied "
                               + "even though no answer came back, so it was not retried: check with a SELECT "
                               + "(for example the recordings of the meeting) before running it again")
            }
            throw error
        }
        if let returning = statement.returning {
            let envelope: JSONValue
            do {
                envelope = try JSONValue.parse(response.bodyText.isEmpty ? "{}" : response.bodyText)
            } catch {
                throw .malformedResponse(request: "\(request.method) \(request.url)", message: "malformed JSON (\(error))")
            }
            return try ReturningEvaluator(fields: plan.request.resource.resource.fields, returning: returning, text: text)
                .evaluate(envelope, rowsPath: plan.request.method.response.rows)
        }
        return try rows(of: response, request: request, plan: plan)
    }

    /// `EXEC ... FROM (query)`: one request per distinct row of the query, all validated before any is sent.
    private func runFromQuery(_ statement: ExecStatement, source: Query, text: String, arguments: StatementArguments,
                              control: StatementControl) async throws(RTKQLError) -> QueryResult {
        let rows = try await SubqueryRunner(engine: engine, resolver: resolver, arguments: arguments, control: control).run(source, text: text)
        let plan = try RTKQLError.planning {
            try ExecPlanner(resolver: resolver, boundParameters: boundParameters)
                .plan(statement, columns: rows.columns, rows: rows.rows.map { $0.map(\.rawValue) })
        }
        let sender = OperationSender(engine: engine, reads: control.reads)
        if engine.configuration.dryRun {
            var listing = try OperationListing.list(plan.requests, sender: sender)
            listing.requestCount = rows.requestCount
            return listing
        }
        let outcomes = try await sender.send(plan.requests)
        var result = try OperationReport(plan).make(outcomes, returning: statement.returning, text: text)
        result.requestCount = rows.requestCount + outcomes.count
        result.warnings = rows.warnings + result.warnings
        return result
    }

    private func rows(of response: HTTPResponse, request: HTTPRequest, plan: ExecPlan) throws(RTKQLError) -> QueryResult {
        let fields = plan.request.resource.resource.fields
        let database = try ScratchDatabase.open()
        do {
            let loader = try TableLoader(database: database, tableName: "rtkql_exec", fields: fields)
            try loader.begin()
            let decoder = PageDecoder(fields: fields.map(\.name), rowsPath: plan.request.method.response.rows, totalPath: nil)
            if response.body.isEmpty {
                loader.rollback()
                return QueryResult(columns: ["http_status"], rows: [[.integer(Int64(response.status))]])
            }
            _ = try decoder.decode(response.body) { try loader.insert($0) }
            try loader.commit()
        } catch let error as MalformedResponse {
            throw .malformedResponse(request: "\(request.method) \(request.url)", message: error.message)
        } catch {
            throw RTKQLError.storage(error)
        }
        return try SQLRunner.run("SELECT * FROM rtkql_exec", in: database)
    }
}
