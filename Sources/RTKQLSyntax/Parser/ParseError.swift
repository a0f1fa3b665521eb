/// A syntax error with its position, what was expected and what was found.
public struct ParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange
    public var source: String

    public init(message: String, range: SourceRange, source: String) {
        self.message = message
        self.range = range
        self.source = source
    }

    /// The 1-based line and column of the error.
    public var location: SourceLocation { SourceLocation(offset: range.start, in: source) }

    public var description: String { "\(location): \(message)" }

    /// `line:column: message`, the offending line, and a caret under the error.
    public func rendered() -> String {
        let location = self.location
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line - 1 < lines.count else { return description }
        let line = String(lines[location.line - 1].map { $0 == "\t" ? " " : $0 })
        return "\(description)\n\(line)\n\(String(repeating: " ", count: max(0, location.column - 1)))^"
    }
}
