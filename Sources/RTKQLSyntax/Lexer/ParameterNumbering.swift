/// Gives every anonymous `?` its position (`?1`, `?2`, ...), so a statement keeps its meaning when
/// some of its predicates are rewritten away before SQLite sees it.
public enum ParameterNumbering {
    /// `text` with each bare `?` replaced by `?N` (counting as SQLite does: after the largest `?NNN` so far).
    public static func numberAnonymous(_ text: String) -> String {
        guard text.contains("?"), let tokens = try? Lexer.tokenize(text) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var cursor = 0
        var highest = 0
        for token in tokens where token.kind == .parameter && token.text.hasPrefix("?") {
            if let number = Int(token.text.dropFirst()) {
                highest = max(highest, number)
                continue
            }
            highest += 1
            output.append(contentsOf: bytes[cursor..<token.range.start])
            output.append(contentsOf: Array("?\(highest)".utf8))
            cursor = token.range.end
        }
        output.append(contentsOf: bytes[cursor...])
        return String(decoding: output, as: UTF8.self)
    }
}
