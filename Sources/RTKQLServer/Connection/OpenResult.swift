import RTKQL
import RTKQLStorage

/// A statement's result being sent: its typed columns and the rows still to send. For a SELECT the first
/// row is read before the columns are described, so columns without a provider field are typed by it.
final class OpenResult {
    let columns: [LocalResult.Column]
    /// The CommandComplete tag of a statement without rows (`SET`, `USE`); rows are tagged `SELECT n`.
    let commandTag: String?
    /// Warnings for the client (a page limit cut the result, …), sent as notices.
    let warnings: [String]
    private let cursor: RowCursor
    private var peeked: [SQLValue]?
    private(set) var rowsSent = 0
    private(set) var isExhausted = false

    init(local: LocalResult) {
        columns = local.columns
        commandTag = local.columns.isEmpty ? local.tag : nil
        warnings = []
        cursor = RowCursor(rows: local.rows)
    }

    /// Opens an engine result, typing its columns from provider fields, declared types and the first row.
    nonisolated(nonsending) init(result: StatementResult, fieldTypes: FieldTypes) async throws(RTKQLError) {
        cursor = result.rows
        warnings = result.warnings
        if result.columns.isEmpty {
            columns = []
            commandTag = result.statement.statement.commandTag
            isExhausted = true
            return
        }
        commandTag = nil
        let first = try await result.rows.next()
        peeked = first
        if first == nil { isExhausted = true }
        columns = result.columns.enumerated().map { index, name in
            let declared = result.declaredTypes[index]
            let type = fieldTypes.type(ofColumn: name, declaredType: declared)
                ?? (result.jsonColumns[index] ? .json : PostgresType.of(declaredType: declared, firstValue: first?[index]))
            return LocalResult.Column(name: name, type: type)
        }
    }

    /// The next row to send, or nil when there are no more.
    nonisolated(nonsending) func next() async throws(RTKQLError) -> [SQLValue]? {
        if let row = peeked {
            peeked = nil
            rowsSent += 1
            return row
        }
        guard !isExhausted, let row = try await cursor.next() else {
            isExhausted = true
            return nil
        }
        rowsSent += 1
        return row
    }

    /// Stops reading: the statement's rows are freed.
    func close() {
        cursor.close()
        isExhausted = true
    }

    /// The tag for CommandComplete once every row is sent.
    var completionTag: String { commandTag ?? "SELECT \(rowsSent)" }
}
