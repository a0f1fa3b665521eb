import RTKQLStorage

/// A result the server answers itself, without the engine: client chatter and catalog queries.
struct LocalResult: Sendable {
    /// One column: its name and type.
    struct Column: Sendable {
        var name: String
        var type: PostgresType
    }

    var columns: [Column]
    var rows: [[SQLValue]]
    /// The CommandComplete tag (`SET`, `SELECT 3`).
    var tag: String

    /// A command without rows.
    static func command(_ tag: String) -> LocalResult {
        LocalResult(columns: [], rows: [], tag: tag)
    }

    /// Rows of text columns, tagged `SELECT n`.
    static func rows(_ columns: [Column], _ rows: [[SQLValue]]) -> LocalResult {
        LocalResult(columns: columns, rows: rows, tag: "SELECT \(rows.count)")
    }
}
