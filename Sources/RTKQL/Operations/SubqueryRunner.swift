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
        let plan = try RTKQLError.planning {
            try SelectPlanner(resolver: resolver, boundParameters: arguments.plannerValues, maximumCalls: engine.configuration.maxCalls)
                .plan(query, text: text, statementRange: query.range)
        }
        let open = try await SelectExecutor(engine: engine, arguments: arguments, control: control).open(plan, query: query)
        let cursor = RowCursor(source: open.source, control: control)
        return QueryResult(columns: open.source.columns, jsonColumns: open.source.jsonColumns, rows: try await cursor.collect(),
                           warnings: open.warnings, requestCount: open.requestCount)
    }
}
