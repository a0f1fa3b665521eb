import RTKQLSyntax

/// Shows where in a text something went wrong: `line:column`, the line, and a caret under the spot.
public enum SourceSnippet {
    public static func render(_ text: String, range: SourceRange, message: String) -> String {
        let location = SourceLocation(offset: range.start, in: text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line - 1 < lines.count else { return "\(location): \(message)" }
        let line = lines[location.line - 1].replacingTabs()
        let caret = String(repeating: " ", count: max(0, location.column - 1)) + "^"
        return "\(location): \(message)\n  \(line)\n  \(caret)"
    }
}

extension Substring {
    func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
