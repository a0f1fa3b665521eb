import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax

/// Runs INSERT: computes the source rows (`VALUES` or any SELECT, resources included), validates every row's
/// request, then sends one request per row (POSTs are never retried) and reports each row's outcome.
struct InsertExecutor {
    let engine: Engine
    let resolver: ResourceResolver
    let arguments: StatementArguments
    let control: StatementControl

    func run(_ statement: InsertStatement, text: String) async throws(RTKQLError) -> QueryResult {
        let source = try await SubqueryRunner(engine: engine, resolver: resolver, arguments: arguments, control: control)
            .run(statement.source, text: text)
        let rows = source.rows.map { row in row.map(\.rawValue) }
        let plan = try RTKQLError.planning { try InsertPlanner(resolver: resolver).plan(statement, rows: rows) }
        let sender = OperationSender(engine: engine, reads: control.reads)
        if engine.configuration.dryRun { return try OperationListing.list(plan.requests, sender: sender) }
        let outcomes = try await sender.send(plan.requests)
        var result = try OperationReport(plan).make(outcomes, returning: statement.returning, text: text)
        result.requestCount = source.requestCount + outcomes.count
        return result
    }

    /// EXPLAIN INSERT: the requests the statement would send, each body validated, sending none. The source is
    /// computed by SQLite alone, so it may read no resource.
    func explain(_ statement: InsertStatement, text: String) async throws(RTKQLError) -> QueryResult {
        let source = try await SubqueryRunner(engine: engine, resolver: resolver, arguments: arguments, control: control)
            .runWithoutRequests(statement.source, text: text, verb: "INSERT", what: "rows")
        let rows = source.rows.map { row in row.map(\.rawValue) }
        let plan = try RTKQLError.planning { try InsertPlanner(resolver: resolver).plan(statement, rows: rows) }
        return try OperationListing.list(plan.requests, sender: OperationSender(engine: engine))
    }
}
