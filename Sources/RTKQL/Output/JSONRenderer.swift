import RTKQLJSON
import RTKQLStorage

/// JSON output: one array of objects keyed by column name; numbers as numbers, NULL as null,
/// JSON columns (object fields, `->` results) nested as JSON.
enum JSONRenderer {
    static func render(_ result: QueryResult) -> String {
        var output = "["
        for (index, row) in result.rows.enumerated() {
            output += index == 0 ? "\n  " : ",\n  "
            writeObject(row, result: result, to: &output)
        }
        output += result.rows.isEmpty ? "]\n" : "\n]\n"
        return output
    }

    static func renderLines(_ result: QueryResult) -> String {
        var output = ""
        for row in result.rows {
            writeObject(row, result: result, to: &output)
            output += "\n"
        }
        return output
    }

    static func writeObject(_ row: [SQLValue], result: QueryResult, to output: inout String) {
        output += "{"
        for (index, value) in row.enumerated() {
            if index > 0 { output += ", " }
            JSONValue.writeString(result.columns[index], to: &output)
            output += ": "
            write(value, json: result.jsonColumns[index], to: &output)
        }
        output += "}"
    }

    static func write(_ value: SQLValue, json: Bool, to output: inout String) {
        switch value {
        case .null:
            output += "null"
        case .integer(let number):
            output += String(number)
        case .real(let number):
            output += number.isFinite ? SQLValue.render(real: number) : "null"
        case .text(let text):
            if json, let parsed = try? JSONValue.parse(text) {
                output += parsed.serialized
            } else {
                JSONValue.writeString(text, to: &output)
            }
        case .blob:
            JSONValue.writeString(value.displayText ?? "", to: &output)
        }
    }
}
