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
        let targets = try await subqueryTargets(statement, text: text, explaining: false)
        let plan = try planReplace(statement, text: text, subqueryValues: targets.values, subqueryRows: targets.rows)
        if engine.configuration.dryRun {
            return try OperationListing.list(plan.requests, sender: OperationSender(engine: engine))
        }
        let outcomes = try await OperationSender(engine: engine, reads: control.reads).send(plan.requests)
        var result = try OperationReport(plan).make(outcomes, returning: statement.returning, text: text)
        result.requestCount = targets.requests + outcomes.count
        return result
    }

    /// EXPLAIN: the requests the statement would send, each body validated, sending none. Its `IN (SELECT ...)`
    /// targets are computed by SQLite alone, so they may read no resource.
    func explain(_ statement: ReplaceStatement, text: String) async throws(RTKQLError) -> QueryResult {
        let targets = try await subqueryTargets(statement, text: text, explaining: true)
        let plan = try planReplace(statement, text: text, subqueryValues: targets.values, subqueryRows: targets.rows)
        return try OperationListing.list(plan.requests, sender: OperationSender(engine: engine))
    }

    /// The values (first columns) and rows of the statement's `IN (SELECT ...)` subqueries, by the subquery's
    /// range, and the requests reading them took.
    private func subqueryTargets(_ statement: ReplaceStatement, text: String, explaining: Bool) async throws(RTKQLError)
        -> (values: [SourceRange: [RawValue]], rows: [SourceRange: [[RawValue]]], requests: Int) {
        var subqueryValues: [SourceRange: [RawValue]] = [:]
        var subqueryRows: [SourceRange: [[RawValue]]] = [:]
        var requests = 0
        let runner = SubqueryRunner(engine: engine, resolver: resolver, arguments: arguments, control: control)
        for query in targetSubqueries(statement) {
            let result = explaining
                ? try await runner.runWithoutRequests(query, text: text, verb: verb.rawValue.uppercased(), what: "targets")
                : try await runner.run(query, text: text)
            requests += result.requestCount
            subqueryValues[query.range] = result.rows.compactMap { row in row.first.flatMap(ReplaceExecutor.raw) }
            // Rows with a NULL in any column name no target.
            subqueryRows[query.range] = result.rows.compactMap { row in
                let values = row.compactMap(ReplaceExecutor.raw)
                return values.count == row.count ? values : nil
            }
        }
        return (subqueryValues, subqueryRows, requests)
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
