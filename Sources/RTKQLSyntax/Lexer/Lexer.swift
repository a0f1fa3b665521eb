/// Splits SQL text into tokens, over its UTF-8 bytes. Comments and whitespace are skipped.
/// Modelled on SQLite's `tokenize.c`: a hand-written scanner kept apart from the grammar.
public struct Lexer {
    private let bytes: [UInt8]
    private let source: String
    private var position = 0

    /// A lexer at the start of `source`.
    public init(_ source: String) {
        self.source = source
        bytes = Array(source.utf8)
    }

    /// All tokens, ending with one `.end` token.
    public static func tokenize(_ source: String) throws(ParseError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func error(_ kind: ParseErrorKind, _ message: String, at start: Int, end: Int? = nil) -> ParseError {
        ParseError(kind, message: message, range: SourceRange(start: start, end: end ?? start + 1), source: source)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    @inline(__always)
    private func byte(at offset: Int) -> UInt8 {
        offset < bytes.count ? bytes[offset] : 0
    }

    /// The next token.
    public mutating func next() throws(ParseError) -> Token {
        try skipTrivia()
        let start = position
        guard position < bytes.count else { return Token(kind: .end, text: "", range: SourceRange(start: start, end: start)) }
        let first = bytes[position]
        switch first {
        case UInt8(ascii: "'"):
            let content = try quoted(closing: UInt8(ascii: "'"), what: "string literal", kind: .unterminatedString)
            return Token(kind: .string, text: content, range: SourceRange(start: start, end: position))
        case UInt8(ascii: "\""), UInt8(ascii: "`"):
            let content = try quoted(closing: first, what: "quoted identifier", kind: .unterminatedQuotedIdentifier)
            return Token(kind: .quotedIdentifier, text: content, range: SourceRange(start: start, end: position))
        case UInt8(ascii: "["):
            position += 1
            while position < bytes.count, bytes[position] != UInt8(ascii: "]") { position += 1 }
            guard position < bytes.count else { throw error(.unterminatedQuotedIdentifier, "unterminated quoted identifier", at: start) }
            position += 1
            return Token(kind: .quotedIdentifier, text: text(start + 1, position - 1), range: SourceRange(start: start, end: position))
        case UInt8(ascii: "x") where byte(at: position + 1) == UInt8(ascii: "'"),
             UInt8(ascii: "X") where byte(at: position + 1) == UInt8(ascii: "'"):
            position += 1
            let content = try quoted(closing: UInt8(ascii: "'"), what: "blob literal", kind: .unterminatedString)
            guard content.count % 2 == 0, content.utf8.allSatisfy(Lexer.isHexDigit) else {
                throw error(.malformedBlob, "malformed blob literal X'\(content)': expected an even number of hex digits", at: start, end: position)
            }
            return Token(kind: .blob, text: content, range: SourceRange(start: start, end: position))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number(start)
        case UInt8(ascii: ".") where Lexer.isDigit(byte(at: position + 1)):
            return try number(start)
        case UInt8(ascii: "?"):
            position += 1
            while Lexer.isDigit(byte(at: position)) { position += 1 }
            return Token(kind: .parameter, text: text(start, position), range: SourceRange(start: start, end: position))
        case UInt8(ascii: "@") where byte(at: position + 1) == UInt8(ascii: "@"):
            position += 2
            while Lexer.isIdentifierByte(byte(at: position)) { position += 1 }
            return Token(kind: .systemVariable, text: text(start, position), range: SourceRange(start: start, end: position))
        case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "$"):
            guard Lexer.isIdentifierStart(byte(at: position + 1)) || Lexer.isDigit(byte(at: position + 1)) else {
                throw error(.unrecognizedToken(text(start, start + 1)), "unexpected character '\(Character(Unicode.Scalar(first)))'", at: start)
            }
            position += 1
            while Lexer.isIdentifierByte(byte(at: position)) { position += 1 }
            return Token(kind: .parameter, text: text(start, position), range: SourceRange(start: start, end: position))
        default:
            if Lexer.isIdentifierStart(first) {
                while Lexer.isIdentifierByte(byte(at: position)) || byte(at: position) == UInt8(ascii: "$") { position += 1 }
                return Token(kind: .word, text: text(start, position), range: SourceRange(start: start, end: position))
            }
            return try symbol(start)
        }
    }

    private mutating func skipTrivia() throws(ParseError) {
        while position < bytes.count {
            let current = bytes[position]
            if current == 0x20 || current == 0x09 || current == 0x0A || current == 0x0D || current == 0x0C {
                position += 1
            } else if current == UInt8(ascii: "-"), byte(at: position + 1) == UInt8(ascii: "-") {
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            } else if current == UInt8(ascii: "/"), byte(at: position + 1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                while position < bytes.count, !(bytes[position] == UInt8(ascii: "*") && byte(at: position + 1) == UInt8(ascii: "/")) {
                    position += 1
                }
                guard position < bytes.count else { throw error(.unterminatedComment, "unterminated /* comment", at: start, end: start + 2) }
                position += 2
            } else {
                return
            }
        }
    }

    /// Reads a quoted run whose quote is doubled to escape it; returns the unescaped content.
    private mutating func quoted(closing: UInt8, what: String, kind: ParseErrorKind) throws(ParseError) -> String {
        let start = position
        position += 1
        // Most quoted runs hold no doubled quote: their content is the bytes between the quotes.
        var end = position
        while end < bytes.count, bytes[end] != closing { end += 1 }
        if end < bytes.count, byte(at: end + 1) != closing {
            position = end + 1
            return text(start + 1, end)
        }
        var content: [UInt8] = []
        while position < bytes.count {
            let current = bytes[position]
            if current == closing {
                if byte(at: position + 1) == closing {
                    content.append(closing)
                    position += 2
                    continue
                }
                position += 1
                return String(decoding: content, as: UTF8.self)
            }
            content.append(current)
            position += 1
        }
        throw error(kind, "unterminated \(what)", at: start)
    }

    private mutating func number(_ start: Int) throws(ParseError) -> Token {
        if bytes[position] == UInt8(ascii: "0"), byte(at: position + 1) | 0x20 == UInt8(ascii: "x"), Lexer.isHexDigit(byte(at: position + 2)) {
            position += 2
            while Lexer.isHexDigit(byte(at: position)) || byte(at: position) == UInt8(ascii: "_") { position += 1 }
            return Token(kind: .integer, text: text(start, position), range: SourceRange(start: start, end: position))
        }
        var isReal = false
        while Lexer.isDigit(byte(at: position)) || byte(at: position) == UInt8(ascii: "_") { position += 1 }
        if byte(at: position) == UInt8(ascii: ".") {
            isReal = true
            position += 1
            while Lexer.isDigit(byte(at: position)) || byte(at: position) == UInt8(ascii: "_") { position += 1 }
        }
        if byte(at: position) | 0x20 == UInt8(ascii: "e") {
            let mark = position
            position += 1
            if byte(at: position) == UInt8(ascii: "+") || byte(at: position) == UInt8(ascii: "-") { position += 1 }
            if Lexer.isDigit(byte(at: position)) {
                isReal = true
                while Lexer.isDigit(byte(at: position)) { position += 1 }
            } else {
                position = mark
            }
        }
        if Lexer.isIdentifierStart(byte(at: position)) {
            var end = position + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let written = text(start, end)
            throw error(.invalidNumber(written), "unrecognized token: \"\(written)\"", at: start, end: end)
        }
        return Token(kind: isReal ? .real : .integer, text: text(start, position), range: SourceRange(start: start, end: position))
    }

    /// Punctuation and operators, longest match first: `->>`, `->`, `||`, `<=`, `>=`, `==`, `!=`, `<>`, `<<`,
    /// `>>`, and the one-byte `( ) , ; . = < > + - * / % & | ~`.
    private mutating func symbol(_ start: Int) throws(ParseError) -> Token {
        let second = byte(at: position + 1)
        let symbol: String
        switch bytes[position] {
        case UInt8(ascii: "-"):
            symbol = second != UInt8(ascii: ">") ? "-" : byte(at: position + 2) == UInt8(ascii: ">") ? "->>" : "->"
        case UInt8(ascii: "|"): symbol = second == UInt8(ascii: "|") ? "||" : "|"
        case UInt8(ascii: "<"):
            switch second {
            case UInt8(ascii: "="): symbol = "<="
            case UInt8(ascii: ">"): symbol = "<>"
            case UInt8(ascii: "<"): symbol = "<<"
            default: symbol = "<"
            }
        case UInt8(ascii: ">"):
            symbol = second == UInt8(ascii: "=") ? ">=" : second == UInt8(ascii: ">") ? ">>" : ">"
        case UInt8(ascii: "="): symbol = second == UInt8(ascii: "=") ? "==" : "="
        case UInt8(ascii: "!") where second == UInt8(ascii: "="): symbol = "!="
        case UInt8(ascii: "("): symbol = "("
        case UInt8(ascii: ")"): symbol = ")"
        case UInt8(ascii: ","): symbol = ","
        case UInt8(ascii: ";"): symbol = ";"
        case UInt8(ascii: "."): symbol = "."
        case UInt8(ascii: "+"): symbol = "+"
        case UInt8(ascii: "*"): symbol = "*"
        case UInt8(ascii: "/"): symbol = "/"
        case UInt8(ascii: "%"): symbol = "%"
        case UInt8(ascii: "&"): symbol = "&"
        case UInt8(ascii: "~"): symbol = "~"
        default:
            var end = position + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let written = text(start, end)
            throw error(.unrecognizedToken(written), "unrecognized token: \"\(written)\"", at: start, end: end)
        }
        position += symbol.utf8.count
        return Token(kind: .symbol, text: symbol, range: SourceRange(start: start, end: position))
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) }
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }
    static func isIdentifierByte(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
