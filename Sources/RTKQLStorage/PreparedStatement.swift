import CSQLite
import CSQLiteShims

/// A prepared statement: bind values, step through rows, read columns.
public final class PreparedStatement {
    let handle: OpaquePointer
    /// The text the statement was compiled from.
    public let sql: String
    private let database: Database

    init(database: Database, sql: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(database.connection, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw DatabaseError(database.connection, code: code, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// Result column names, as SQLite names them.
    public var columnNames: [String] {
        (0..<Int32(columnCount)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    /// The declared type of result column `index` when it reads a table column directly (`sqlite3_column_decltype`).
    public func declaredType(at index: Int) -> String? {
        sqlite3_column_decltype(handle, Int32(index)).map { String(cString: $0) }
    }

    /// Number of `?` / `:name` parameters.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The name of the parameter at 1-based `index` (with its `:`/`@`/`$` prefix), or nil for `?`.
    public func parameterName(at index: Int) -> String? {
        sqlite3_bind_parameter_name(handle, Int32(index)).map { String(cString: $0) }
    }

    /// True when the statement only reads (`sqlite3_stmt_readonly`).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Binds values to parameters 1...n in order.
    public func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let number):
            code = sqlite3_bind_int64(handle, index, number)
        case .real(let number):
            code = sqlite3_bind_double(handle, index, number)
        case .text(let text):
            var copy = text
            code = copy.withUTF8 { buffer in
                bindUTF8(buffer, at: index)
            }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), rtkql_sqlite3_transient())
            }
        }
        try DatabaseError.check(code, database.connection, sql: sql)
    }

    /// Binds UTF-8 bytes as text without building a `String`.
    public func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        try DatabaseError.check(bindUTF8(bytes, at: index), database.connection, sql: sql)
    }

    /// Binds UTF-8 text at `index` (1-based) without copying it: `bytes` must stay valid and unchanged
    /// until the statement is next reset (or the parameter rebound). For loading rows straight from a
    /// response body that outlives the step.
    public func bindTextNoCopy(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return try bindText(bytes, at: index) }
        let code = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            sqlite3_bind_text(handle, index, chars, Int32(bytes.count), nil)  // nil: SQLITE_STATIC
        }
        try DatabaseError.check(code, database.connection, sql: sql)
    }

    private func bindUTF8(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) -> Int32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            // A nil pointer would bind NULL: an empty string must stay an empty string.
            return sqlite3_bind_text(handle, index, "", 0, rtkql_sqlite3_transient())
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            sqlite3_bind_text(handle, index, chars, Int32(bytes.count), rtkql_sqlite3_transient())
        }
    }

    /// Advances to the next row: true when a row is available, false when done.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw DatabaseError(database.connection, code: code, sql: sql)
        }
    }

    /// Resets the statement so it can run again, and clears its bindings.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The value of column `index` (0-based) of the current row.
    public func value(at index: Int) -> SQLValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let pointer = sqlite3_column_text(handle, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let pointer = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default:
            return .null
        }
    }

    /// All columns of the current row.
    public func row() -> [SQLValue] {
        (0..<columnCount).map { value(at: $0) }
    }
}
