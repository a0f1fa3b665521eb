import RTKQLStorage

/// Writes a result row by row, as it is read, in every format but `table` (whose column widths
/// need every row first). Produces exactly what `OutputFormat.render` produces for the whole result.
public struct StreamWriter {
    public let format: OutputFormat
    public let options: OutputFormat.Options
    private var header: QueryResult
    private var written = 0

    /// Whether `format` can be written row by row.
    public static func canStream(_ format: OutputFormat) -> Bool { format != .table }

    public init(format: OutputFormat, options: OutputFormat.Options, columns: [String], jsonColumns: [Bool]) {
        self.format = format
        self.options = options
        header = QueryResult(columns: columns, jsonColumns: jsonColumns, rows: [])
    }

    /// The text before the first row.
    public func begin() -> String {
        switch format {
        case .json: return "["
        case .jsonl, .table, .line: return ""
        default: return format.render(header, options: options)
        }
    }

    /// The text of one row.
    public mutating func row(_ values: [SQLValue]) -> String {
        defer { written += 1 }
        var one = header
        one.rows = [values]
        switch format {
        case .json:
            var output = written == 0 ? "\n  " : ",\n  "
            JSONRenderer.writeObject(values, result: one, to: &output)
            return output
        case .markdown:
            let lines = format.render(one, options: options).split(separator: "\n", omittingEmptySubsequences: false)
            return lines.dropFirst(2).joined(separator: "\n")
        case .line:
            return LineRenderer.record(values, number: written + 1, columns: header.columns, colour: options.colour)
        default:
            var rowOptions = options
            rowOptions.header = false
            return format.render(one, options: rowOptions)
        }
    }

    /// The text after the last row.
    public func end() -> String {
        switch format {
        case .json: return written == 0 ? "]\n" : "\n]\n"
        default: return ""
        }
    }
}
