import RTKQLJSON
import RTKQLProvider
import RTKQLStorage
import RTKQLSyntax

/// Evaluates a RETURNING list over a response envelope with SQLite: the row has the resource's
/// fields (read from the method's row path) and, as JSON, the envelope's own members `success` and the one
/// the rows are in (`data` in RealtimeKit's envelope, `result` in Cloudflare's v4 one).
struct ReturningEvaluator {
    let fields: [FieldDefinition]
    let returning: [ResultColumn]
    let text: String

    /// The envelope members a RETURNING list may name for rows at `rowsPath`: its first component, then `success`.
    static func envelopeColumns(rowsPath: String) -> [String] {
        let holder = rowsPath.split(separator: ".").first.map(String.init) ?? "data"
        return holder == "success" ? ["success"] : [holder, "success"]
    }

    /// The SELECT list SQL for the RETURNING columns.
    var selectList: String {
        returning.map { column -> String in
            switch column {
            case .all, .allOf:
                return fields.map { TableLoader.quote($0.name) }.joined(separator: ", ")
            case .expression(let expression, let alias):
                let bytes = Array(text.utf8)
                let source = String(decoding: bytes[expression.range.start..<expression.range.end], as: UTF8.self)
                return source + (alias.map { " AS \($0.description)" } ?? "")
            }
        }.joined(separator: ", ")
    }

    /// Columns and the single row of values for one envelope.
    func evaluate(_ envelope: JSONValue, rowsPath: String) throws(RTKQLError) -> QueryResult {
        let database = try ScratchDatabase.open()
        do {
            let envelopeNames = ReturningEvaluator.envelopeColumns(rowsPath: rowsPath).filter { name in !fields.contains { $0.name == name } }
            let columns = fields.map { "\(TableLoader.quote($0.name)) \($0.sqliteType)" }
                + envelopeNames.map { "\(TableLoader.quote($0)) JSON TEXT" }
            try database.execute("CREATE TABLE rtkql_returning (\(columns.joined(separator: ", ")))")
            let data = envelope.value(at: rowsPath)
            var values = ResponseRow.values(of: data, fields: fields)
            for name in envelopeNames {
                values.append(envelope[name].map { SQLValue.text($0.serialized) } ?? .null)
            }
            let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
            try database.execute("INSERT INTO rtkql_returning VALUES (\(placeholders))", values)
        } catch {
            throw RTKQLError.storage(error)
        }
        return try SQLRunner.run("SELECT \(selectList) FROM rtkql_returning", in: database)
    }
}
