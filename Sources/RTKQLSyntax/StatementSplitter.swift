/// Splits scripts into statements with the lexer, so a `;` inside a string, a quoted identifier,
/// a comment or a JSON body never splits.
public enum StatementSplitter {
    /// The statements of `text`, each with its range (without the `;`); empty ones are left out.
    /// Text the lexer cannot read (an unterminated string) is returned whole as the last piece.
    public static func split(_ text: String) -> [(text: String, range: SourceRange)] {
        var lexer = Lexer(text)
        var pieces: [(text: String, range: SourceRange)] = []
        var start: Int?
        var end = 0
        let bytes = Array(text.utf8)
        func flush() {
            if let first = start {
                pieces.append((String(decoding: bytes[first..<end], as: UTF8.self), SourceRange(start: first, end: end)))
            }
            start = nil
        }
        while true {
            guard let token = try? lexer.next() else {
                let first = start ?? end
                let rest = String(decoding: bytes[first...], as: UTF8.self)
                if !rest.allSatisfy(\.isWhitespace) {
                    pieces.append((rest, SourceRange(start: first, end: bytes.count)))
                }
                return pieces
            }
            if token.kind == .end {
                flush()
                return pieces
            }
            if token.isPunctuation(";") {
                flush()
                continue
            }
            if start == nil { start = token.range.start }
            end = token.range.end
        }
    }

    /// True when `text` ends a statement: its last token is a `;` outside strings and comments.
    /// Text that cannot be tokenised because a string or comment is still open is incomplete;
    /// other lexical errors count as complete, so they are reported rather than waited on.
    public static func isComplete(_ text: String) -> Bool {
        var lexer = Lexer(text)
        var last: Token?
        while true {
            do {
                let token = try lexer.next()
                if token.kind == .end { return last?.isPunctuation(";") ?? false }
                last = token
            } catch {
                return !error.kind.isUnterminated
            }
        }
    }
}
