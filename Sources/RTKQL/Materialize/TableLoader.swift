import RTKQLPlanning
import RTKQLProvider
import RTKQLStorage

/// Creates the SQLite table standing for one resource reference and fills it inside one transaction.
///
/// A page's rows are inserted once the whole page has been read and found well-formed (so a malformed
/// page leaves nothing behind), in batches by prepared multi-row `INSERT`s, with text bound straight
/// from the page's bytes without copying: the page outlives its rows' statements. Decoding needs no
/// database, so pages can be decoded concurrently and inserted in order.
final class TableLoader {
    let tableName: String
    let fields: [FieldDefinition]
    /// The columns rows are inserted into, in the order their values come (the others stay NULL).
    let loadedColumns: [String]
    /// The parameter columns stored per call (after the fields of each row): the values the call was made with.
    let storedParameters: [String]
    private let database: Database
    /// Rows per multi-row `INSERT` (1 when there is nothing to batch).
    let batchSize: Int
    private var insertOne: PreparedStatement?
    /// Multi-row statements by row count: the batch size, and the remainders pages have needed.
    private var insertMany: [Int: PreparedStatement] = [:]
    private(set) var rowCount = 0

    /// A table with a column for each of `fields` and of `parameters`; rows fill the `loading` columns
    /// (nil: all of them) and the parameter columns named in `storing` (nil: all of them) that are not
    /// generated from a field and have no value in `constants`. A parameter with one value for every call
    /// (`account_id`, almost always) is a column generated from that constant, stored in no row.
    init(database: Database, tableName: String, fields: [FieldDefinition], loading: [String]? = nil,
         parameters: [ParameterColumn] = [], storing: [String]? = nil, constants: [String: SQLValue] = [:]) throws {
        self.database = database
        self.tableName = tableName
        self.fields = fields
        loadedColumns = loading ?? fields.map(\.name)
        let stored = storing.map { Set($0.map { $0.lowercased() }) }
        storedParameters = parameters.filter {
            !$0.isGenerated && constants[$0.name] == nil && stored?.contains($0.name.lowercased()) ?? true
        }.map(\.name)
        let width = loadedColumns.count + storedParameters.count
        // 64-row statements measured fastest on the 14-field shape; keep well inside SQLite's parameter limit.
        batchSize = width == 0 ? 1 : max(1, min(64, 32_766 / width))
        let columns = fields.map { "\(TableLoader.quote($0.name)) \($0.sqliteType)" }
            + parameters.map { column in
                var definition = "\(TableLoader.quote(column.name)) \(column.sqliteType)"
                if let expression = column.generatedExpression ?? constants[column.name]?.sqlLiteral {
                    definition += " GENERATED ALWAYS AS (\(expression)) VIRTUAL"
                }
                return definition
            }
        try database.execute("CREATE TABLE \(TableLoader.quote(tableName)) (\(columns.joined(separator: ", ")))")
    }

    /// Starts the load's transaction.
    func begin() throws {
        try database.execute("BEGIN")
        insertOne = try database.prepare(insertSQL(rows: 1))
    }

    private func insertSQL(rows: Int) -> String {
        let table = TableLoader.quote(tableName)
        let names = loadedColumns + storedParameters
        guard !names.isEmpty else { return "INSERT INTO \(table) DEFAULT VALUES" }
        let columns = names.map(TableLoader.quote).joined(separator: ", ")
        let row = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(table) (\(columns)) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Inserts a decoded page's rows: full batches, then the rest in one statement of its own size.
    /// `parameters` are the stored parameter columns' values (in `storedParameters` order), the same
    /// for every row of the page.
    func insert(_ page: DecodedPage, parameters: [SQLValue] = []) throws {
        let rows = page.summary.rowCount
        guard rows > 0, let insertOne else { return }
        let width = loadedColumns.count
        try page.body.withUnsafeBufferPointer { bytes in
            var row = 0
            while row < rows {
                let count = min(batchSize, rows - row)
                let values = page.fields[row * width..<(row + count) * width]
                try insert(values, width: width, parameters: parameters, into: count == 1 ? insertOne : try statement(rows: count), bytes: bytes)
                row += count
            }
        }
        rowCount += rows
    }

    private func statement(rows: Int) throws -> PreparedStatement {
        if let statement = insertMany[rows] { return statement }
        let statement = try database.prepare(insertSQL(rows: rows))
        insertMany[rows] = statement
        return statement
    }

    private func insert(_ values: ArraySlice<FieldValue>, width: Int, parameters: [SQLValue], into statement: PreparedStatement,
                        bytes: UnsafeBufferPointer<UInt8>) throws {
        var position: Int32 = 1
        for (offset, value) in values.enumerated() {
            switch value {
            case .null: break  // reset() left every parameter NULL
            case .integer(let number): try statement.bind(.integer(number), at: position)
            case .real(let number): try statement.bind(.real(number), at: position)
            case .bytes(let range): try statement.bindTextNoCopy(UnsafeBufferPointer(rebasing: bytes[range]), at: position)
            case .decoded(let text): try statement.bind(.text(text), at: position)
            }
            position += 1
            if !parameters.isEmpty, (offset + 1) % max(width, 1) == 0 {
                for parameter in parameters {
                    if parameter != .null { try statement.bind(parameter, at: position) }
                    position += 1
                }
            }
        }
        if width == 0 && !parameters.isEmpty {
            // No field is read: each row is only its parameter values.
            let rows = statement.parameterCount / max(parameters.count, 1)
            for _ in 0..<rows {
                for parameter in parameters {
                    if parameter != .null { try statement.bind(parameter, at: position) }
                    position += 1
                }
            }
        }
        _ = try statement.step()
        statement.reset()
    }

    /// Inserts one row (values in `loadedColumns` order).
    func insert(_ values: [SQLValue]) throws {
        guard let insertOne else { return }
        for (index, value) in values.enumerated() {
            try insertOne.bind(value, at: Int32(index + 1))
        }
        _ = try insertOne.step()
        insertOne.reset()
        rowCount += 1
    }

    /// Commits the load.
    func commit() throws {
        insertOne = nil
        insertMany = [:]
        try database.execute("COMMIT")
    }

    /// Abandons the load.
    func rollback() {
        insertOne = nil
        insertMany = [:]
        try? database.execute("ROLLBACK")
    }

    static func quote(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
