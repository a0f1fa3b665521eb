import Foundation
import MCP
import RTKQL

/// Turns a statement's rows into a tool result: the rows as JSON (structured content and a text block,
/// exactly as `rtkql exec -o json` prints them) and a short text table, cut at the row cap with a note.
struct ResultRendering {
    /// The most rows a result carries.
    let maximumRows: Int
    /// The most rows the text table shows: it is a glance, the JSON has every row.
    static let tableRows = 20

    /// The first `maximumRows` rows and how many there were in all, read from the statement's cursor
    /// (the rows past the cap are counted, not kept).
    func read(_ result: StatementResult) async throws(RTKQLError) -> (result: QueryResult, total: Int) {
        var rows: [[SQLValue]] = []
        var total = 0
        for try await row in result.rows {
            if total < maximumRows { rows.append(row) }
            total += 1
        }
        var collected = QueryResult(columns: result.columns, jsonColumns: result.jsonColumns, rows: rows,
                                    warnings: result.warnings, notice: result.notice, requestCount: result.requestCount)
        collected.failures = result.failures
        return (collected, total)
    }

    /// The tool result for `result`, which holds the first rows of `total`.
    func toolResult(_ result: QueryResult, total: Int) -> CallTool.Result {
        let json = OutputFormat.json.render(result)
        let rows = (try? JSONDecoder().decode(Value.self, from: Data(json.utf8))) ?? .array([])
        var structured: [String: Value] = [
            "columns": .array(result.columns.map { .string($0) }),
            "rows": rows,
            "row_count": .int(result.rows.count),
            "total_rows": .int(total),
            "truncated": .bool(total > result.rows.count),
        ]
        var summary = ""
        if result.columns.isEmpty {
            summary = result.notice ?? "OK"
        } else {
            var table = result
            table.rows = Array(result.rows.prefix(Self.tableRows))
            summary = OutputFormat.table.render(table)
            if !summary.hasSuffix("\n") { summary += "\n" }
            summary += total > result.rows.count
                ? "showing \(result.rows.count) of \(total) rows (the row cap is \(maximumRows); narrow the query with WHERE or LIMIT)"
                : "\(total) row\(total == 1 ? "" : "s")"
            if result.rows.count > Self.tableRows {
                summary += "\n(the table shows the first \(Self.tableRows); the JSON has all \(result.rows.count))"
            }
            if let notice = result.notice { summary += "\n" + notice }
        }
        if result.failures > 0 { summary += "\n\(result.failures) request\(result.failures == 1 ? "" : "s") failed: their rows say why" }
        for warning in result.warnings { summary += "\nwarning: " + warning }
        if !result.warnings.isEmpty { structured["warnings"] = .array(result.warnings.map { .string($0) }) }
        if let notice = result.notice { structured["notice"] = .string(notice) }
        return CallTool.Result(content: [.text(text: summary, annotations: nil, _meta: nil),
                                         .text(text: json, annotations: nil, _meta: nil)],
                               structuredContent: .object(structured), isError: false)
    }

    /// A tool result with `isError` and `message`.
    static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }
}
