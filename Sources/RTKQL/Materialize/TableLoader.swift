import RTKQLProvider
import RTKQLStorage

/// Creates the SQLite table standing for one resource reference and inserts rows into it with
/// one prepared statement, inside one transaction.
final class TableLoader {
    let tableName: String
    let fields: [FieldDefinition]
    /// The columns rows are inserted into, in the order their values come (the others stay NULL).
    let loadedColumns: [String]
    private let database: Database
    private var insert: Statement?
    private(set) var rowCount = 0

    /// A table with a column for each of `fields`; rows fill the `loading` columns (nil: all of them).
    init(database: Database, tableName: String, fields: [FieldDefinition], loading: [String]? = nil) throws {
        self.database = database
        self.tableName = tableName
        self.fields = fields
        loadedColumns = loading ?? fields.map(\.name)
        let columns = fields.map { "\(TableLoader.quote($0.name)) \($0.sqliteType)" }.joined(separator: ", ")
        try database.execute("CREATE TABLE \(TableLoader.quote(tableName)) (\(columns))")
    }

    /// Starts the load's transaction.
    func begin() throws {
        try database.execute("BEGIN")
        let table = TableLoader.quote(tableName)
        if loadedColumns.isEmpty {
            insert = try database.prepare("INSERT INTO \(table) DEFAULT VALUES")
        } else {
            let columns = loadedColumns.map(TableLoader.quote).joined(separator: ", ")
            let placeholders = Array(repeating: "?", count: loadedColumns.count).joined(separator: ", ")
            insert = try database.prepare("INSERT INTO \(table) (\(columns)) VALUES (\(placeholders))")
        }
    }

    /// Inserts one row (values in `loadedColumns` order).
    func insert(_ values: [SQLValue]) throws {
        guard let insert else { return }
        for (index, value) in values.enumerated() {
            try insert.bind(value, at: Int32(index + 1))
        }
        _ = try insert.step()
        insert.reset()
        rowCount += 1
    }

    /// Inserts one row of page fields, binding text straight from the page's bytes.
    func insert(_ fields: [FieldValue], bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let insert else { return }
        for (index, field) in fields.enumerated() {
            let position = Int32(index + 1)
            switch field {
            case .null: continue  // reset() left every parameter NULL
            case .integer(let number): try insert.bind(.integer(number), at: position)
            case .real(let number): try insert.bind(.real(number), at: position)
            case .bytes(let range): try insert.bindText(UnsafeBufferPointer(rebasing: bytes[range]), at: position)
            case .decoded(let text): try insert.bind(.text(text), at: position)
            }
        }
        _ = try insert.step()
        insert.reset()
        rowCount += 1
    }

    /// Commits the load.
    func commit() throws {
        insert = nil
        try database.execute("COMMIT")
    }

    /// Abandons the load.
    func rollback() {
        insert = nil
        try? database.execute("ROLLBACK")
    }

    static func quote(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
