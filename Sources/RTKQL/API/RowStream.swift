import RTKQLStorage
import RTKQLSyntax
import Synchronization

extension Engine {
    /// The rows of one SELECT as an `AsyncSequence`, read from SQLite only as the loop asks for them, so a
    /// large result is never held as a whole and a slow consumer never loses a row:
    ///
    /// ```swift
    /// for try await row in engine.rows("SELECT id, status FROM cloudflare.realtime_kit.recordings WHERE ...") {
    ///     print(row["id"]?.textValue ?? "")
    /// }
    /// ```
    ///
    /// Leaving the loop early finalizes the statement; cancelling the consuming task stops the query (its
    /// requests are aborted, a running SQLite step is interrupted) and the loop throws `RTKQLError.cancelled`.
    public func rows(_ sql: String, arguments: StatementArguments = []) -> AsyncThrowingStream<Row, any Error> {
        let reader = RowReader(session: Session(engine: self), sql: sql, arguments: arguments)
        return AsyncThrowingStream(unfolding: { try await reader.next() })
    }
}

/// Reads one SELECT's rows for `Engine.rows`: starts the statement on the first request, then asks its
/// cursor for one row per request.
private final class RowReader: Sendable {
    private let session: Session
    private let sql: String
    private let arguments: StatementArguments
    private let opened = Mutex<(columns: [String], cursor: RowCursor, count: Int)?>(nil)

    init(session: Session, sql: String, arguments: StatementArguments) {
        self.session = session
        self.sql = sql
        self.arguments = arguments
    }

    func next() async throws(RTKQLError) -> Row? {
        let current = opened.withLock { $0 }
        let (columns, cursor, count) = if let current { current } else { try await open() }
        guard let values = try await cursor.next() else { return nil }
        opened.withLock { $0?.count = count + 1 }
        return Row(columns: columns, values: values, number: count + 1)
    }

    private func open() async throws(RTKQLError) -> (columns: [String], cursor: RowCursor, count: Int) {
        let script = try session.prepare(sql)
        guard script.statements.count == 1, let statement = script.statements.first, case .select = statement.statement else {
            throw .invalid(message: "rows(_:) takes exactly one SELECT statement")
        }
        let result = try await session.execute(statement, in: script.text, arguments: arguments)
        let opened = (columns: result.columns, cursor: result.rows, count: 0)
        self.opened.withLock { $0 = opened }
        return opened
    }
}
