import Foundation
import RTKQL

/// Runs a script statement by statement, printing each result and reporting errors.
struct ScriptRunner {
    let engine: Engine
    let output: OutputOptions
    var sink: ResultSink?

    /// Runs `script`; returns false when a statement failed (its error already printed).
    func run(script rawScript: String, variables: [String: String], sourceName: String, session box: SessionBox? = nil) async -> Bool {
        let script: String
        let statements: [ParsedStatement]
        do {
            script = try Engine.expandTemplates(rawScript, variables: variables)
            statements = try engine.parse(script)
        } catch {
            report(error, script: rawScript, statementNumber: nil, sourceName: sourceName)
            return false
        }
        var session = box?.session ?? SessionState()
        defer { box?.session = session }
        for (index, statement) in statements.enumerated() {
            let started = Date()
            ProgressLine.shared.reset()
            defer { ProgressLine.shared.clear() }
            do {
                // SELECT results in a row-by-row format are written as SQLite produces them.
                let streamer = isSelect(statement) && StreamWriter.canStream(output.output) ? RowStreamer(runner: self) : nil
                let result = try await engine.execute(statement, in: script, session: &session, sink: streamer?.sink)
                streamer?.finish()
                print(result, elapsed: Date().timeIntervalSince(started))
                if result.failures > 0 {
                    StandardError.write("error\(statements.count > 1 ? " in statement \(index + 1)" : ""): "
                                        + "\(result.failures) of \(result.rows.count) operations failed\n")
                    return false
                }
            } catch {
                if Task.isCancelled { return false }
                report(error, script: script, statementNumber: statements.count > 1 ? index + 1 : nil,
                       sourceName: sourceName, statementStart: statement.range.start)
                return false
            }
        }
        return true
    }

    private func isSelect(_ statement: ParsedStatement) -> Bool {
        if case .select = statement.statement { return true }
        return false
    }

    /// Writes text to the results' destination.
    func emit(_ text: String) {
        if let sink { sink.write(text) } else { StandardOutput.write(text) }
    }

    private func print(_ result: QueryResult, elapsed: TimeInterval) {
        ProgressLine.shared.clear()
        for warning in result.warnings { StandardError.write("warning: \(warning)\n") }
        if let notice = result.notice { StandardError.write("\(notice)\n") }
        guard !result.columns.isEmpty, !(result.rows.isEmpty && StreamWriter.canStream(output.output) && result.streamed) else { return }
        emit(output.output.render(result, options: output.formatOptions))
        if output.output == .table {
            let rows = result.rows.count
            StandardError.write("\(rows) row\(rows == 1 ? "" : "s") in \(String(format: "%.3f", elapsed))s\n")
        }
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

/// Writes a streamed SELECT's rows as they arrive, in chunks.
final class RowStreamer {
    private let runner: ScriptRunner
    private var writer: StreamWriter?
    private var buffer = ""

    init(runner: ScriptRunner) {
        self.runner = runner
    }

    var sink: RowSink {
        RowSink(columns: { [self] names, json in
            let writer = StreamWriter(format: runner.output.output, options: runner.output.formatOptions, columns: names, jsonColumns: json)
            ProgressLine.shared.clear()
            buffer += writer.begin()
            self.writer = writer
        }, row: { [self] values in
            guard var writer else { return }
            buffer += writer.row(values)
            self.writer = writer
            if buffer.utf8.count >= 1 << 16 { flush() }
        })
    }

    private func flush() {
        runner.emit(buffer)
        buffer = ""
    }

    /// Writes the end of the result.
    func finish() {
        if let writer { buffer += writer.end() }
        flush()
    }
}
