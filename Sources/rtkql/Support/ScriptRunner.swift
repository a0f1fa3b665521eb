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
                let result = try await engine.execute(statement, in: script, session: &session)
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

    private func print(_ result: QueryResult, elapsed: TimeInterval) {
        ProgressLine.shared.clear()
        for warning in result.warnings { StandardError.write("warning: \(warning)\n") }
        if let notice = result.notice { StandardError.write("\(notice)\n") }
        guard !result.columns.isEmpty else { return }
        let text = output.output.render(result, options: output.formatOptions)
        if let sink { sink.write(text) } else { StandardOutput.write(text) }
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
