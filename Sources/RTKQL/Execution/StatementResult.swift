import RTKQLStorage
import RTKQLSyntax

/// One statement's result, handed over as soon as the statement has produced it: what the user should be
/// told, and its rows, which a SELECT reads from SQLite only as they are asked for.
public struct StatementResult: Sendable {
    /// The statement, as parsed (its range points into the script that was run).
    public let statement: ParsedStatement
    /// Its position in the script, from 0.
    public let index: Int
    /// Column names, in order (empty for statements without rows, such as `USE`).
    public let columns: [String]
    /// For each column, whether its text values are JSON documents that JSON output nests.
    public let jsonColumns: [Bool]
    /// For each column, the declared type of the resource field or table column it reads directly, if any
    /// (`TEXT`, `INTEGER`, `JSON TEXT`…), for front ends that type their columns.
    public let declaredTypes: [String?]
    /// The rows, read on demand. Iterate once; `collect()` reads them all.
    public let rows: RowCursor
    /// Things the user should know (a page limit cut the result, …), for stderr.
    public var warnings: [String]
    /// A one-line message for statements without rows (`USE cloudflare`).
    public var notice: String?
    /// How many HTTP requests the statement sent.
    public var requestCount: Int
    /// How many pages the statement read without sending a request: from the session's cache, or from an
    /// identical request in flight.
    public var answeredFromCache = 0
    /// How many of a set-based operation's requests failed (their rows say why).
    public var failures: Int

    /// The result of a statement whose rows are already in memory.
    init(statement: ParsedStatement, index: Int, result: QueryResult) {
        self.statement = statement
        self.index = index
        columns = result.columns
        jsonColumns = result.jsonColumns
        declaredTypes = Array(repeating: nil, count: result.columns.count)
        rows = RowCursor(rows: result.rows)
        warnings = result.warnings
        notice = result.notice
        requestCount = result.requestCount
        failures = result.failures
    }

    init(statement: ParsedStatement, index: Int, columns: [String], jsonColumns: [Bool], declaredTypes: [String?],
         rows: RowCursor, warnings: [String], requestCount: Int) {
        self.statement = statement
        self.index = index
        self.columns = columns
        self.jsonColumns = jsonColumns
        self.declaredTypes = declaredTypes
        self.rows = rows
        self.warnings = warnings
        notice = nil
        self.requestCount = requestCount
        failures = 0
    }

    /// True for a SELECT (or VALUES): its rows come from SQLite as they are read.
    public var isQuery: Bool {
        if case .select = statement.statement { return true }
        return false
    }

    /// Reads every remaining row into a `QueryResult`.
    public func collect() async throws(RTKQLError) -> QueryResult {
        var result = QueryResult(columns: columns, jsonColumns: jsonColumns, rows: try await rows.collect(),
                                 warnings: warnings, notice: notice, requestCount: requestCount)
        result.failures = failures
        result.answeredFromCache = answeredFromCache
        return result
    }
}
