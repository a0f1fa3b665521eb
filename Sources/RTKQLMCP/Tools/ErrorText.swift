import RTKQL

/// The message `rtkql exec` prints for a failed statement, for a tool result with `isError`.
enum ErrorText {
    /// `error: syntax error at 1:8: …` with the line and a caret, a planning error with where it happened,
    /// otherwise `error: ` and the error's description (API errors carry their HTTP status).
    static func render(_ error: any Error, script: String) -> String {
        switch error {
        case RTKQLError.syntax(let parse):
            return "error: syntax error at " + SourceSnippet.render(script, range: parse.range, message: parse.message)
        case RTKQLError.planning(let planning):
            if let range = planning.range {
                return "error: " + planning.message + "\n  at " + SourceSnippet.render(script, range: range, message: "here")
            }
            return "error: " + planning.message
        default:
            return "error: \(error)"
        }
    }
}
