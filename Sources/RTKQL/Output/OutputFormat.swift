import RTKQLJSON
import RTKQLStorage

/// The output formats of results.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, jsonl, csv, tsv, markdown, text
    /// The expanded display: one `column | value` line per field, a `-[ RECORD n ]` rule per row.
    case line

    /// The format a name given by a person stands for: a raw value, or `expanded` for `line`.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "expanded" { self = .line; return }
        self.init(rawValue: lower)
    }

    /// Options that shape every format.
    public struct Options: Sendable {
        /// Print the header line (csv, tsv, table, markdown, text).
        public var header = true
        /// The csv field separator.
        public var delimiter: Character = ","
        /// Narrow table output to this many terminal columns (nil: never cut).
        public var maximumWidth: Int?
        /// Bold headers and dim NULLs in table output (terminals only, never with NO_COLOR).
        public var colour = false
        /// Show a table in the expanded display instead when it is wider than `maximumWidth`.
        public var expandWhenTooWide = false
        /// Creates the default options: a header, commas, no width limit, no colour.
        public init() {}
    }

    /// The format `result` is shown in: `line` instead of `table` when `options.expandWhenTooWide`
    /// is set and the table at its natural width is wider than `options.maximumWidth`.
    public func chosen(for result: QueryResult, options: Options) -> OutputFormat {
        guard self == .table, options.expandWhenTooWide, let maximum = options.maximumWidth, !result.rows.isEmpty else { return self }
        return TableRenderer.naturalWidth(result, header: options.header) > maximum ? .line : .table
    }

    /// Renders `result` in this format (or in the one `chosen(for:options:)` picks).
    public func render(_ result: QueryResult, options: Options = Options()) -> String {
        switch chosen(for: result, options: options) {
        case .line: return LineRenderer.render(result, colour: options.colour)
        case .table: return TableRenderer.render(result, header: options.header, maximumWidth: options.maximumWidth, colour: options.colour)
        case .json: return JSONRenderer.render(result)
        case .jsonl: return JSONRenderer.renderLines(result)
        case .csv: return DelimitedRenderer.render(result, separator: options.delimiter, header: options.header)
        case .tsv: return DelimitedRenderer.renderTSV(result, header: options.header)
        case .markdown: return MarkdownRenderer.render(result)
        case .text: return TextRenderer.render(result, header: options.header)
        }
    }
}

extension SQLValue {
    /// The value as shown in text formats; NULL as nil.
    var displayText: String? {
        switch self {
        case .null: return nil
        case .blob(let bytes): return "x'" + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "'"
        default: return textValue
        }
    }

    var isNumeric: Bool {
        switch self {
        case .integer, .real: return true
        default: return false
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
