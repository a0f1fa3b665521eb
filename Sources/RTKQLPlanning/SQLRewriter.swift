import RTKQLSyntax

/// One replacement of a byte range of the statement text.
public struct TextEdit: Sendable, Hashable {
    public var range: SourceRange
    public var replacement: String

    public init(range: SourceRange, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// Applies non-overlapping edits to a statement's text (those inside the statement's range), leaving everything else exactly as written,
/// so SQLite runs the user's own SQL.
enum SQLRewriter {
    /// `text` is the whole script; `statementRange` the statement's slice; edit ranges are script offsets.
    static func apply(_ edits: [TextEdit], to text: String, within statementRange: SourceRange) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(statementRange.end - statementRange.start)
        var cursor = statementRange.start
        var seen = Set<SourceRange>()
        let ordered = edits.filter { statementRange.contains($0.range) && seen.insert($0.range).inserted }.sorted { $0.range.start < $1.range.start }
        for edit in ordered where edit.range.start >= cursor {
            output.append(contentsOf: bytes[cursor..<edit.range.start])
            output.append(contentsOf: Array(edit.replacement.utf8))
            cursor = edit.range.end
        }
        output.append(contentsOf: bytes[cursor..<statementRange.end])
        return String(decoding: output, as: UTF8.self)
    }
}
