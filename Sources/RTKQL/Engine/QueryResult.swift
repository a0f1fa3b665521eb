import RTKQLStorage

/// The outcome of one statement: a table of values, plus what the user should be told about it.
public struct QueryResult: Sendable {
    /// Column names, in order.
    public var columns: [String]
    /// For each column, whether its text values are JSON documents (object fields, `->` results)
    /// that JSON output nests rather than quotes.
    public var jsonColumns: [Bool]
    public var rows: [[SQLValue]]
    /// Things the user should know (a page limit cut the result, ...), for stderr.
    public var warnings: [String] = []
    /// A one-line message for statements without rows (`USE cloudflare`).
    public var notice: String?
    /// How many HTTP requests the statement sent.
    public var requestCount = 0
    /// How many pages the statement read without sending a request: from the session's cache, or from an
    /// identical request in flight.
    public var answeredFromCache = 0
    /// How many of a set-based operation's requests failed (their rows say why).
    public var failures = 0
    /// The rows went to a `RowSink` as they were read, so `rows` is empty.
    public var streamed = false

    public init(columns: [String], jsonColumns: [Bool]? = nil, rows: [[SQLValue]], warnings: [String] = [],
                notice: String? = nil, requestCount: Int = 0) {
        self.columns = columns
        self.jsonColumns = jsonColumns ?? Array(repeating: false, count: columns.count)
        self.rows = rows
        self.warnings = warnings
        self.notice = notice
        self.requestCount = requestCount
    }

    /// The value of `column` in row `row`, by column name (case-insensitive).
    public func value(_ column: String, row: Int) -> SQLValue? {
        guard let index = columns.firstIndex(where: { $0.lowercased() == column.lowercased() }), rows.indices.contains(row) else {
            return nil
        }
        return rows[row][index]
    }
}
