import Foundation
import RTKQL
import Synchronization

/// How a script run ended.
enum ScriptOutcome: Equatable {
    case succeeded
    /// A statement failed; its error has been printed.
    case failed
    /// Cancelled (Ctrl-C, SIGINT, SIGTERM) before it finished.
    case interrupted
}

/// Prints the results of a script that a `Session` runs: each statement's result as soon as it comes,
/// SELECT rows as SQLite produces them (every format but `table`), errors with where they happened.
struct ScriptRunner {
    let session: Session
    let output: OutputOptions
    var sink: ResultSink?
    /// Whether a table too wide for the terminal switches to the expanded display (the shell's `\x off` clears it).
    var autoExpand = true

    /// Whether the switch to the expanded display has been announced (it is said once per process).
    private static let expansionAnnounced = Atomic(false)

    /// The options results are rendered with.
    private var formatOptions: OutputFormat.Options {
        var options = output.formatOptions
        options.expandWhenTooWide = options.expandWhenTooWide && autoExpand
        return options
    }

    /// Runs `script` in the session and prints what it produces.
    func run(script: String, sourceName: String) async -> ScriptOutcome {
        let prepared: PreparedScript
        do {
            prepared = try session.prepare(script)
        } catch {
            report(error, script: script, statementNumber: nil, sourceName: sourceName)
            return .failed
        }
        let count = prepared.statements.count
        var results = session.run(prepared).makeAsyncIterator()
        var index = 0
        while true {
            let started = Date()
            ProgressLine.shared.reset()
            defer { ProgressLine.shared.clear() }
            do {
                guard let result = try await results.next() else { return .succeeded }
                let rows = try await print(result, started: started)
                if result.failures > 0 {
                    StandardError.write("error\(count > 1 ? " in statement \(index + 1)" : ""): "
                                        + "\(result.failures) of \(rows) operations failed\n")
                    return .failed
                }
            } catch {
                if case .cancelled = error { return .interrupted }
                let statement = prepared.statements[min(index, count - 1)]
                report(error, script: prepared.text, statementNumber: count > 1 ? index + 1 : nil,
                       sourceName: sourceName, statementStart: statement.range.start)
                return .failed
            }
            index += 1
        }
    }

    /// Writes text to the results' destination.
    func emit(_ text: String) {
        if let sink { sink.write(text) } else { StandardOutput.write(text) }
    }

    /// Prints one statement's result; returns how many rows it had.
    private func print(_ result: StatementResult, started: Date) async throws(RTKQLError) -> Int {
        for warning in result.warnings { StandardError.write("warning: \(warning)\n") }
        if let notice = result.notice { StandardError.write("\(notice)\n") }
        guard !result.columns.isEmpty else { return 0 }
        let format = output.output
        if result.isQuery, StreamWriter.canStream(format) {
            return try await stream(result)
        }
        let collected = try await result.collect()
        ProgressLine.shared.clear()
        let options = formatOptions
        if format.chosen(for: collected, options: options) != format,
           !Self.expansionAnnounced.exchange(true, ordering: .relaxed) {
            StandardError.write("(expanded display: the table is wider than the terminal)\n")
        }
        emit(format.render(collected, options: options))
        if format == .table || format == .line {
            StandardError.write(ScriptRunner.summary(rows: collected.rows.count, started: started, result: result))
        } else if StandardError.isTerminal, let requests = ScriptRunner.requests(result) {
            StandardError.write("(\(requests))\n")
        }
        return collected.rows.count
    }

    /// Writes a SELECT's rows as they are read, in chunks of about 64 KiB.
    private func stream(_ result: StatementResult) async throws(RTKQLError) -> Int {
        let started = Date()
        var writer = StreamWriter(format: output.output, options: formatOptions, columns: result.columns,
                                  jsonColumns: result.jsonColumns)
        ProgressLine.shared.clear()
        var buffer = writer.begin()
        var rows = 0
        for try await row in result.rows {
            rows += 1
            buffer += writer.row(row)
            if buffer.utf8.count >= 1 << 16 {
                emit(buffer)
                buffer = ""
            }
        }
        emit(buffer + writer.end())
        if output.output == .line {
            StandardError.write(ScriptRunner.summary(rows: rows, started: started, result: result))
        } else if StandardError.isTerminal, let requests = ScriptRunner.requests(result) {
            StandardError.write("(\(requests))\n")
        }
        return rows
    }

    /// `N rows in 0.012s`, and on a terminal what the statement cost: `(3 requests sent, 2 answered from cache)`.
    static func summary(rows: Int, started: Date, result: StatementResult) -> String {
        var line = "\(rows) row\(rows == 1 ? "" : "s") in \(String(format: "%.3f", Date().timeIntervalSince(started)))s"
        if StandardError.isTerminal, let requests = requests(result) { line += " (\(requests))" }
        return line + "\n"
    }

    /// `3 requests sent, 2 answered from cache`; nil for a statement that read and sent nothing.
    static func requests(_ result: StatementResult) -> String? {
        guard result.requestCount > 0 || result.answeredFromCache > 0 else { return nil }
        return "\(result.requestCount) request\(result.requestCount == 1 ? "" : "s") sent, \(result.answeredFromCache) answered from cache"
    }

    private func report(_ error: any Error, script: String, statementNumber: Int?, sourceName: String, statementStart: Int? = nil) {
        var text = "error"
        if let statementNumber {
            let line = SourceLocation(offset: statementStart ?? 0, in: script).line
            text += " in statement \(statementNumber) (\(sourceName) line \(line))"
        }
        switch error {
        case RTKQLError.syntax(let parse):
            text += ": syntax error at " + SourceSnippet.render(script, range: parse.range, message: parse.message)
        case RTKQLError.planning(let planning):
            if let range = planning.range {
                text += ": " + planning.message + "\n  at " + SourceSnippet.render(script, range: range, message: "here")
            } else {
                text += ": " + planning.message
            }
        default:
            text += ": \(error)"
        }
        StandardError.write(text + "\n")
    }
}
