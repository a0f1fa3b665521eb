import RTKQLJSON
import RTKQLPlanning
import RTKQLProvider
import RTKQLStorage
import RTKQLSyntax
import RTKQLTransport

/// Runs REPLACE (PUT), UPDATE (PATCH) and DELETE: resolves `IN (SELECT ...)` targets, validates everything,
/// then sends one request per target and reports each target's outcome.
struct ReplaceExecutor {
    let engine: Engine
    let resolver: ResourceResolver
    let arguments: StatementArguments
    let control: StatementControl
    /// The SQL verb run: `.replace`, `.update` or `.delete`.
    var verb: SQLVerb = .replace
    var boundParameters: [String: RawValue] { arguments.plannerValues }

    func run(_ statement: ReplaceStatement, text: String) async throws(RTKQLError) -> QueryResult {
        var subqueryValues: [SourceRange: [RawValue]] = [:]
        var subqueryRows: [SourceRange: [[RawValue]]] = [:]
        var requests = 0
        for query in targetSubqueries(statement) {
            let result = try await runSubquery(query, text: text)
            requests += result.requestCount
            subqueryValues[query.range] = result.rows.compactMap { row in row.first.flatMap(ReplaceExecutor.raw) }
            // Rows with a NULL in any column name no target.
            subqueryRows[query.range] = result.rows.compactMap { row in
                let values = row.compactMap(ReplaceExecutor.raw)
                return values.count == row.count ? values : nil
            }
        }
        let plan = try planReplace(statement, text: text, subqueryValues: subqueryValues, subqueryRows: subqueryRows)
        if engine.configuration.dryRun {
            return try OperationListing.list(plan.requests, sender: OperationSender(engine: engine))
        }
        let outcomes = try await OperationSender(engine: engine).send(plan.requests)
        var result = try report(outcomes, plan: plan, returning: statement.returning, text: text)
        result.requestCount = requests + outcomes.count
        return result
    }

    /// Subqueries of `param IN (SELECT ...)` conjuncts, whose values must be known before planning.
    private func targetSubqueries(_ statement: ReplaceStatement) -> [Query] {
        guard let whereClause = statement.whereClause else { return [] }
        var queries: [Query] = []
        var pending = [whereClause]
        while let expression = pending.popLast() {
            switch expression.kind {
            case .binary(let left, .and, let right), .binary(let left, .or, let right):
                pending += [left, right]
            case .parenthesized(let items):
                pending += items
            case .inSubquery(_, false, let query):
                queries.append(query)
            default:
                break
            }
        }
        return queries
    }

    func runSubquery(_ query: Query, text: String) async throws(RTKQLError) -> QueryResult {
        let plan = try RTKQLError.planning {
            try SelectPlanner(resolver: resolver, boundParameters: boundParameters, maximumCalls: engine.configuration.maxCalls).plan(query, text: text, statementRange: query.range)
        }
        let open = try await SelectExecutor(engine: engine, arguments: arguments, control: control).open(plan, query: query)
        let cursor = RowCursor(source: open.source, control: control)
        return QueryResult(columns: open.source.columns, jsonColumns: open.source.jsonColumns, rows: try await cursor.collect(),
                           warnings: open.warnings, requestCount: open.requestCount)
    }

    /// A subquery's value as a parameter value; NULL and blobs name no target.
    private static func raw(_ value: SQLValue) -> RawValue? {
        switch value {
        case .null, .blob: return nil
        default: return value.rawValue
        }
    }

    private func planReplace(_ statement: ReplaceStatement, text: String, subqueryValues: [SourceRange: [RawValue]],
                             subqueryRows: [SourceRange: [[RawValue]]]) throws(RTKQLError) -> ReplacePlan {
        try RTKQLError.planning {
            var planner = ReplacePlanner(resolver: resolver, boundParameters: boundParameters, subqueryValues: subqueryValues)
            planner.subqueryRows = subqueryRows
            planner.verb = verb
            return try planner.plan(statement, text: text)
        }
    }

    func report(_ outcomes: [OperationOutcome], plan: ReplacePlan, returning: [ResultColumn]?,
                text: String) throws(RTKQLError) -> QueryResult {
        let fields = plan.resource.resource.fields
        let rowsPath = plan.method.response.rows
        let returning = returning.map { ReturningEvaluator(fields: fields, returning: $0, text: text) }

        // One target: its error is the statement's error; its RETURNING is the result.
        if plan.targetParameter == nil, outcomes.count == 1, let only = outcomes.first {
            let response: HTTPResponse
            switch only.result {
            case .failure(let error): throw error
            case .success(let success): response = success
            }
            let envelope = try parseEnvelope(response, request: only.request)
            if let returning { return try returning.evaluate(envelope, rowsPath: rowsPath) }
            return QueryResult(columns: defaultColumns(plan), rows: [defaultRow(plan, index: 0, outcome: only, envelope: envelope)])
        }

        // Several targets: one row each, failures included; RETURNING columns (named by evaluating the
        // list over an empty envelope) follow the outcome columns, NULL for the failed targets.
        let shape = try returning?.evaluate(.object([]), rowsPath: rowsPath)
        let columns = defaultColumns(plan) + (shape?.columns ?? [])
        let jsonColumns = Array(repeating: false, count: defaultColumns(plan).count) + (shape?.jsonColumns ?? [])
        let blank = [SQLValue](repeating: .null, count: shape?.columns.count ?? 0)
        var rows: [[SQLValue]] = []
        var failures = 0
        for (index, outcome) in outcomes.enumerated() {
            var envelope: JSONValue?
            switch outcome.result {
            case .success(let response): envelope = try? parseEnvelope(response, request: outcome.request)
            case .failure: failures += 1
            }
            var row = defaultRow(plan, index: index, outcome: outcome, envelope: envelope)
            if let returning {
                row += try envelope.map { envelope throws(RTKQLError) in try returning.evaluate(envelope, rowsPath: rowsPath) }?.rows.first ?? blank
            }
            rows.append(row)
        }
        var result = QueryResult(columns: columns, jsonColumns: jsonColumns, rows: rows)
        result.failures = failures
        if failures > 0 {
            result.warnings.append("\(failures) of \(outcomes.count) requests failed; see the outcome and message columns")
        }
        return result
    }

    private func targetName(_ plan: ReplacePlan) -> String {
        plan.targetParameter ?? plan.method.parameters.last { $0.in == .path }?.name ?? "target"
    }

    private func defaultColumns(_ plan: ReplacePlan) -> [String] {
        [targetName(plan), "outcome", "http_status", "message", "status"]
    }

    private func defaultRow(_ plan: ReplacePlan, index: Int, outcome: OperationOutcome, envelope: JSONValue?) -> [SQLValue] {
        let target = plan.requests[index].parameters[targetName(plan)]?.description
        switch outcome.result {
        case .success(let response):
            let data = envelope?.value(at: plan.method.response.rows)
            return [target.map(SQLValue.text) ?? .null, .text("ok"), .integer(Int64(response.status)), .null,
                    ResponseRow.sqlValue(data?["status"])]
        case .failure(let error):
            let status = error.httpStatus.map { SQLValue.integer(Int64($0)) } ?? .null
            let message: String
            if case .api(let api) = error { message = api.message } else { message = "\(error)" }
            return [target.map(SQLValue.text) ?? .null, .text("error"), status, .text(message), .null]
        }
    }

    private func parseEnvelope(_ response: HTTPResponse, request: HTTPRequest) throws(RTKQLError) -> JSONValue {
        do {
            return try JSONValue.parse(response.bodyText.isEmpty ? "{}" : response.bodyText)
        } catch {
            throw .malformedResponse(request: "\(request.method) \(request.url)", message: "malformed JSON (\(error))")
        }
    }
}

/// Lists the requests a REPLACE or EXEC would send (for --dry-run and EXPLAIN), sending none.
enum OperationListing {
    static func list(_ operations: [OperationRequest], sender: OperationSender) throws(RTKQLError) -> QueryResult {
        var rows: [[SQLValue]] = []
        for (index, operation) in operations.enumerated() {
            let request = try sender.httpRequest(for: operation)
            rows.append([.integer(Int64(index + 1)), .text(operation.resource.fullName + "." + operation.method.name),
                         .text(request.method), .text(request.url), request.bodyText.map(SQLValue.text) ?? .null,
                         .text(request.headers.map(\.redactedLine).joined(separator: "; "))])
        }
        return QueryResult(columns: ["step", "method", "http_method", "url", "body", "headers"],
                           jsonColumns: [false, false, false, false, true, false], rows: rows,
                           notice: "dry run: \(operations.count) request\(operations.count == 1 ? "" : "s") listed, none sent")
    }
}
