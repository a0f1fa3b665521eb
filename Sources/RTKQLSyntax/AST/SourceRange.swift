/// A half-open range of UTF-8 byte offsets into the statement text a node was parsed from.
///
/// Every expression and table reference carries one, so the engine can rewrite the user's
/// SQL in place and errors can point at `line:column`.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    /// The range `start..<end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// `start..<end`
    public var description: String { "\(start)..<\(end)" }
}

/// A 1-based line and column (columns counted in characters) within a text.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column in characters, from 1.
    public var column: Int

    /// A location from its line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The location of byte `offset` within `text`.
    public init(offset: Int, in text: String) {
        var line = 1
        var column = 1
        var index = 0
        for scalar in text.unicodeScalars {
            if index >= offset { break }
            index += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.init(line: line, column: column)
    }

    /// `line:column`
    public var description: String { "\(line):\(column)" }
}
