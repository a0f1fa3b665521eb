import RTKQLPlanning
import RTKQLSyntax

/// Runs a query a mutation depends on (the targets of `IN (SELECT ...)`, the rows of `INSERT ... SELECT` and
/// `EXEC ... FROM (query)`) to completion, as a SELECT of the same session would run it.
struct SubqueryRunner {
    let engine: Engine
    let resolver: ResourceResolver
    let arguments: StatementArguments
    let control: StatementControl

    /// All rows of `query`, written in `text`.
    func run(_ query: Query, text: String) async throws(RTKQLError) -> QueryResult {
        try await collect(try plan(query, text: text), query: query)
    }

    /// All rows of `query` when SQLite alone computes them, for EXPLAIN, which sends nothing: a query that reads a
    /// resource is refused, its rows (`what`, of the `verb` statement) being known only once that resource is read.
    func runWithoutRequests(_ query: Query, text: String, verb: String, what: String) async throws(RTKQLError) -> QueryResult {
        let plan = try plan(query, text: text)
        if let fetch = plan.fetches.first {
            throw .invalid(message: "EXPLAIN \(verb) lists requests without sending any, but the \(what) of this \(verb) are read from "
                           + "\(fetch.resource.fullName): EXPLAIN its SELECT to see those reads, or run the \(verb) with --dry-run, "
                           + "which reads them and lists the requests it would send")
        }
        return try await collect(plan, query: query)
    }

    private func plan(_ query: Query, text: String) throws(RTKQLError) -> SelectPlan {
        try RTKQLError.planning {
            try SelectPlanner(resolver: resolver, boundParameters: arguments.plannerValues, maximumCalls: engine.configuration.maxCalls)
                .plan(query, text: text, statementRange: query.range)
        }
    }

    private func collect(_ plan: SelectPlan, query: Query) async throws(RTKQLError) -> QueryResult {
        let open = try await SelectExecutor(engine: engine, arguments: arguments, control: control).open(plan, query: query)
        let cursor = RowCursor(source: open.source, control: control)
        return QueryResult(columns: open.source.columns, jsonColumns: open.source.jsonColumns, rows: try await cursor.collect(),
                           warnings: open.warnings, requestCount: open.requestCount)
    }
}
