import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax

extension Engine {
    /// The rows of one SELECT as an `AsyncSequence`, read from SQLite one at a time, so a large
    /// result is never held as a whole array:
    ///
    /// ```swift
    /// for try await row in engine.rows("SELECT id, status FROM cloudflare.realtime_kit.recordings WHERE ...") {
    ///     print(row["id"]?.textValue ?? "")
    /// }
    /// ```
    ///
    /// Cancelling the consuming task stops the query (and aborts its requests).
    public func rows(_ sql: String, arguments: StatementArguments = []) -> AsyncThrowingStream<Row, any Error> {
        let sql = ParameterNumbering.numberAnonymous(sql)
        return AsyncThrowingStream(bufferingPolicy: .bufferingOldest(256)) { continuation in
            let task = Task {
                do {
                    let statements = try self.parse(sql)
                    guard statements.count == 1, let parsed = statements.first, case .select(let query) = parsed.statement else {
                        throw RTKQLError.invalid(message: "rows(_:) takes exactly one SELECT statement")
                    }
                    let resolver = ResourceResolver(registry: self.registry)
                    let plan = try RTKQLError.planning {
                        try SelectPlanner(resolver: resolver, boundParameters: arguments.plannerValues)
                            .plan(query, text: sql, statementRange: parsed.range)
                    }
                    let names = NamesBox()
                    let sink = RowSink(columns: { columns, _ in names.value = columns },
                                       row: { values in continuation.yield(Row(columns: names.value, values: values)) })
                    _ = try await SelectExecutor(engine: self, arguments: arguments).run(plan, query: query, sink: sink)
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// The column names of a streamed result, set once before the first row.
final class NamesBox: @unchecked Sendable {
    var value: [String] = []
}
