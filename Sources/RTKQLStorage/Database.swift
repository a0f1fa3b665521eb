import CSQLite
import CSQLiteShims

/// A SQLite connection. The C handle never leaves this type and `PreparedStatement`.
///
/// A `Database` is not thread-safe: confine it to one task, actor or lock, as GRDB's
/// `Database` is confined to its queue.
public final class Database {
    /// Where a database lives.
    public enum Location: Sendable, Equatable {
        /// A private in-memory database.
        case memory
        /// A private temporary database: in SQLite's page cache until it outgrows it, then spilled to an
        /// unnamed file deleted on close.
        case temporary
        /// A file on disk, created when missing.
        case file(String)
    }

    let connection: OpaquePointer
    /// Kept alive while installed as the connection's progress handler (see `interrupt(every:when:)`).
    var interruptCheck: InterruptCheck?

    /// Opens (creating if needed) a database.
    public init(_ location: Location = .memory) throws {
        var handle: OpaquePointer?
        let path: String
        switch location {
        case .memory: path = ":memory:"
        case .temporary: path = ""
        case .file(let file): path = file
        }
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = DatabaseError.lastMessage(handle, code: code)
            sqlite3_close_v2(handle)
            throw DatabaseError(code: code, message: message)
        }
        connection = handle
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        sqlite3_progress_handler(connection, 0, nil, nil)
        sqlite3_close_v2(connection)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? DatabaseError.lastMessage(connection, code: code)
            sqlite3_free(errorMessage)
            throw DatabaseError(code: code, message: message, sql: sql)
        }
    }

    /// Runs one statement with arguments, discarding any rows.
    public func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        while try statement.step() {}
    }

    /// Compiles one statement.
    public func prepare(_ sql: String) throws -> PreparedStatement {
        try PreparedStatement(database: self, sql: sql)
    }

    /// All rows of a query, as arrays of values in column order.
    public func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        var rows: [[SQLValue]] = []
        while try statement.step() {
            rows.append(statement.row())
        }
        return rows
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        return try statement.step() ? statement.value(at: 0) : nil
    }

    /// Runs `body` inside a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(connection)) }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// Sets an integer `sqlite3_db_config` option (for example `SQLITE_DBCONFIG_DEFENSIVE`).
    public func configure(option: Int32, enabled: Bool) throws {
        var result: Int32 = 0
        let code = rtkql_sqlite3_db_config_int(connection, option, enabled ? 1 : 0, &result)
        try DatabaseError.check(code, connection)
    }

    /// Sets a run-time limit (`sqlite3_limit`), returning the previous value.
    @discardableResult
    public func setLimit(_ limit: Int32, to value: Int32) -> Int32 {
        sqlite3_limit(connection, limit, value)
    }

    /// Interrupts any running statement on this connection (safe to call from another thread).
    public func interrupt() {
        sqlite3_interrupt(connection)
    }
}
