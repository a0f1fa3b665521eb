import CSQLite

/// An error reported by SQLite: result code, message, the SQL that was running and, for an error SQLite
/// can place, the byte offset in that SQL.
///
/// Like GRDB's `DatabaseError`, it keeps what ran and why it failed; `description` is SQLite's message
/// (callers add the SQL where the user should see it).
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// SQLite's primary or extended result code.
    public let code: Int32
    /// SQLite's error message (`sqlite3_errmsg`).
    public let message: String
    /// The statement text, when the error comes from one.
    public let sql: String?
    /// The byte offset in `sql` that SQLite blames (`sqlite3_error_offset`), when it gives one.
    public let offset: Int?

    public init(code: Int32, message: String, sql: String? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.offset = offset
    }

    /// The primary result code (the low byte of an extended one).
    public var primaryCode: Int32 { code & 0xFF }

    /// True when the statement was stopped by `interrupt(every:when:)` or `sqlite3_interrupt`.
    public var isInterrupt: Bool { primaryCode == SQLITE_INTERRUPT }

    public var description: String { message }

    static func check(_ code: Int32, _ connection: OpaquePointer?, sql: String? = nil) throws {
        guard code != SQLITE_OK else { return }
        throw DatabaseError(connection, code: code, sql: sql)
    }

    /// The error SQLite reports on `connection` for `code`, with the offset it blames when it names one.
    init(_ connection: OpaquePointer?, code: Int32, sql: String?) {
        let offset = connection.map { Int(sqlite3_error_offset($0)) }
        self.init(code: code, message: DatabaseError.lastMessage(connection, code: code), sql: sql,
                  offset: offset.flatMap { $0 >= 0 ? $0 : nil })
    }

    static func lastMessage(_ connection: OpaquePointer?, code: Int32) -> String {
        if let connection, let text = sqlite3_errmsg(connection) { return String(cString: text) }
        if let text = sqlite3_errstr(code) { return String(cString: text) }
        return "SQLite error \(code)"
    }
}
