/// A syntax error: what kind it is, its message, and where it is.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for programs (the message says it for people).
    public var kind: ParseErrorKind
    /// What went wrong and, where it helps, what was expected and found.
    public var message: String
    /// The offending text (its first byte when there is no token yet).
    public var range: SourceRange
    /// The whole text being parsed, so the error can be rendered with its line.
    public var source: String

    /// An error of `kind` at `range` within `source`.
    public init(_ kind: ParseErrorKind, message: String, range: SourceRange, source: String) {
        self.kind = kind
        self.message = message
        self.range = range
        self.source = source
    }

    /// The 1-based line and column of the error.
    public var location: SourceLocation { SourceLocation(offset: range.start, in: source) }

    /// `line:column: message`
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

/// The kinds of syntax errors, one per way the lexer or the parser can fail.
public enum ParseErrorKind: Sendable, Hashable {
    /// A string or blob literal without its closing `'`.
    case unterminatedString
    /// A `"name"`, `` `name` `` or `[name]` without its closing quote.
    case unterminatedQuotedIdentifier
    /// A `/*` comment without its `*/`.
    case unterminatedComment
    /// A blob literal whose content is not an even number of hex digits.
    case malformedBlob
    /// A number run into letters (`12abc`, `1.5e`); the text as written.
    case invalidNumber(String)
    /// A character no token starts with (`#`, a lone `:`); the text as written.
    case unrecognizedToken(String)
    /// The input ended where more was needed.
    case incompleteInput(expected: String)
    /// A token other than the one the grammar allows here.
    case unexpectedToken(expected: String, found: String)
    /// A token the grammar does not allow, right after a near miss of a clause keyword (`FORM` for
    /// `FROM`), which the parser took as a name.
    case misspelledKeyword(written: String, suggestion: String)
    /// A statement that does not start with a statement keyword; the token found.
    case unknownStatement(found: String)
    /// Expressions, queries or tables nested deeper than the parser's limit.
    case nestingTooDeep(limit: Int)

    /// True for the kinds that more input could complete: an open string, quoted name or comment.
    public var isUnterminated: Bool {
        switch self {
        case .unterminatedString, .unterminatedQuotedIdentifier, .unterminatedComment: return true
        default: return false
        }
    }
}
