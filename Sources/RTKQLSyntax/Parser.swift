/// Entry point of the SQL front end: text → tokens → statements.
///
/// (The lexer and recursive-descent parser are being written; see `grammar/rtkql.ebnf`.)
public enum SQLParser {
    /// Parses every `;`-separated statement of `text`.
    public static func parse(_ text: String) throws(ParseError) -> [ParsedStatement] {
        throw ParseError(message: "parser not written yet", range: SourceRange(start: 0, end: 0), source: text)
    }
}

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

    public var location: SourceLocation { SourceLocation(offset: range.start, in: source) }
    public var description: String { "\(location): \(message)" }
}
