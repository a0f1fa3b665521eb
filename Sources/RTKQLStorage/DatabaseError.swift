import CSQLite

/// An error reported by SQLite: result code, message, and the SQL that was running.
///
/// Like GRDB's `DatabaseError`, its description says what ran and why it failed.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// SQLite's primary or extended result code.
    public let code: Int32
    /// SQLite's error message (`sqlite3_errmsg`).
    public let message: String
    /// The statement text, when the error comes from one.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String { message }

    static func check(_ code: Int32, _ connection: OpaquePointer?, sql: String? = nil) throws {
        guard code != SQLITE_OK else { return }
        throw DatabaseError(code: code, message: lastMessage(connection, code: code), sql: sql)
    }

    static func lastMessage(_ connection: OpaquePointer?, code: Int32) -> String {
        if let connection, let text = sqlite3_errmsg(connection) { return String(cString: text) }
        if let text = sqlite3_errstr(code) { return String(cString: text) }
        return "SQLite error \(code)"
    }
}
