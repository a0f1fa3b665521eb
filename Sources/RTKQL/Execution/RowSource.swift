import RTKQLStorage
import Synchronization

/// A prepared statement stepped on demand, with the scratch database it reads: the rows of a running
/// SELECT. Closing it (or dropping it) finalizes the statement and closes the database.
final class RowSource: Sendable {
    private struct Open {
        var database: Database
        var statement: PreparedStatement
    }

    private let open: Mutex<Open?>
    /// The result columns, read once when the statement was prepared.
    let columns: [String]
    /// For each column, the declared type of the table column it reads directly, if it does.
    let declaredTypes: [String?]
    /// For each column, whether its values are JSON documents.
    let jsonColumns: [Bool]

    /// Takes over `database` and prepares its statement with `prepare`.
    init(database: sending Database, prepare: (Database) throws(RTKQLError) -> SQLRunner.Prepared) throws(RTKQLError) {
        let prepared = try prepare(database)
        columns = prepared.statement.columnNames
        declaredTypes = (0..<prepared.statement.columnCount).map { prepared.statement.declaredType(at: $0) }
        jsonColumns = prepared.jsonColumns
        open = Mutex(Open(database: database, statement: prepared.statement))
    }

    /// Steps up to `limit` rows (blocking: call it on a SQLite thread). Fewer rows than asked for means
    /// the result is exhausted, and the source has closed itself.
    func next(_ limit: Int) throws -> [[SQLValue]] {
        try open.withLock { open -> [[SQLValue]] in
            guard let current = open else { return [] }
            var rows: [[SQLValue]] = []
            rows.reserveCapacity(limit)
            do {
                while rows.count < limit, try current.statement.step() {
                    rows.append(current.statement.row())
                }
            } catch {
                open = nil  // the statement and its database close
                throw error
            }
            if rows.count < limit { open = nil }
            return rows
        }
    }

    /// Finalizes the statement and closes its database now (idempotent).
    func close() {
        open.withLock { $0 = nil }
    }
}
