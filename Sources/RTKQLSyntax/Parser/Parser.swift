/// Entry point of the SQL front end: text → tokens → statements.
public enum SQLParser {
    /// Words that cannot be bare names (they must be quoted to be used as one).
    public static var reservedWords: Set<String> { Parser.reserved }

    /// Parses every `;`-separated statement of `text` (empty statements are skipped).
    public static func parse(_ text: String) throws(ParseError) -> [ParsedStatement] {
        var parser = Parser(tokens: try Lexer.tokenize(text), source: text)
        return try parser.parseScript()
    }
}

/// A recursive-descent parser over the token list, one `extension` per grammar area
/// (statements, queries, expressions), following `grammar/rtkql.ebnf`.
struct Parser {
    let tokens: [Token]
    let source: String
    var index = 0
    var depth = 0
    static let maximumDepth = 200

    init(tokens: [Token], source: String) {
        self.tokens = tokens
        self.source = source
    }

    // MARK: - Token access

    var current: Token { tokens[index] }
    var previous: Token { tokens[max(0, index - 1)] }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Consumes the keyword when it is next.
    @inline(__always)
    mutating func accept(_ keyword: StaticString) -> Bool {
        guard current.isWord(keyword) else { return false }
        index += 1
        return true
    }

    /// Consumes the symbol when it is next.
    @inline(__always)
    mutating func acceptSymbol(_ symbol: StaticString) -> Bool {
        guard current.isPunctuation(symbol) else { return false }
        index += 1
        return true
    }

    mutating func expect(_ keyword: StaticString) throws(ParseError) {
        guard accept(keyword) else { throw expected(keyword.description) }
    }

    mutating func expectSymbol(_ symbol: StaticString) throws(ParseError) {
        guard acceptSymbol(symbol) else { throw expected("'\(symbol)'") }
    }

    /// `Expected: what, found: token` at the current token (`incomplete input` at the end).
    func expected(_ what: String) -> ParseError {
        let token = current
        if token.kind == .end {
            return ParseError(.incompleteInput(expected: what), message: "incomplete input: expected \(what)", range: token.range,
                              source: source)
        }
        var message = "Expected: \(what), found: \(token)"
        var kind = ParseErrorKind.unexpectedToken(expected: what, found: token.description)
        if let (written, keyword) = misspelledKeyword() {
            message += " (did you mean \(keyword) instead of \(written)?)"
            kind = .misspelledKeyword(written: written, suggestion: keyword)
        }
        return ParseError(kind, message: message, range: token.range, source: source)
    }

    /// The word before the error and the clause keyword it nearly spells (`SELECT id FORM t` reads
    /// `FORM` as an alias of `id`), if it is a near miss of one.
    func misspelledKeyword() -> (written: String, keyword: String)? {
        let word = previous
        guard index > 0, word.kind == .word else { return nil }
        let upper = word.upper
        for keyword in ["FROM", "WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "SELECT", "JOIN", "UNION", "OFFSET"]
        where upper != keyword && upper.count >= 3 && Parser.isNearMiss(upper, keyword) {
            return (word.text, keyword)
        }
        return nil
    }

    /// One edit (or one swap of neighbours) apart.
    static func isNearMiss(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        if x.count == y.count {
            let differences = zip(x, y).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
            if differences.count == 1 { return true }
            if differences.count == 2, differences[1] == differences[0] + 1,
               x[differences[0]] == y[differences[1]], x[differences[1]] == y[differences[0]] { return true }
            return false
        }
        guard abs(x.count - y.count) == 1 else { return false }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        var i = 0, j = 0, skipped = false
        while i < short.count, j < long.count {
            if short[i] == long[j] { i += 1; j += 1 } else if skipped { return false } else { skipped = true; j += 1 }
        }
        return true
    }

    mutating func enter() throws(ParseError) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw ParseError(.nestingTooDeep(limit: Parser.maximumDepth),
                             message: "expression nested too deeply (more than \(Parser.maximumDepth) levels)", range: current.range,
                             source: source)
        }
    }

    mutating func leave() { depth -= 1 }

    func range(from start: Int) -> SourceRange {
        SourceRange(start: start, end: max(start, previous.range.end))
    }

    // MARK: - Names

    /// Words that cannot be bare names (columns, tables, aliases) where they would be ambiguous.
    static let reserved: Set<String> = [
        "ALL", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST", "COLLATE", "CROSS", "CURRENT_DATE", "CURRENT_TIME",
        "CURRENT_TIMESTAMP", "DISTINCT", "ELSE", "END", "ESCAPE", "EXCEPT", "EXISTS", "FALSE", "FILTER", "FROM", "FULL",
        "GLOB", "GROUP", "HAVING", "IN", "INNER", "INTERSECT", "IS", "ISNULL", "JOIN", "LEFT", "LIKE", "LIMIT", "MATCH",
        "NATURAL", "NOT", "NOTNULL", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER", "REGEXP", "RETURNING",
        "RIGHT", "SELECT", "SET", "THEN", "TRUE", "UNION", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH",
    ]

    /// The keys (`Token.key`) of the reserved words in an open-addressed table of 256 slots (0 = empty),
    /// probed from `slot(of:)`: a word whose key is not there is not reserved. No hashing of strings.
    static let reservedKeys: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 256)
        for var word in reserved {
            let key = word.withUTF8 { Token.key($0.baseAddress, count: $0.count) }
            var slot = slot(of: key)
            while table[slot] != 0 && table[slot] != key { slot = (slot + 1) & 255 }
            table[slot] = key
        }
        return table
    }()

    @inline(__always)
    static func slot(of key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56) }

    /// Whether a word's key is a reserved word's (for words of more than seven letters, a reserved word's
    /// beginning and length).
    static func hasReservedKey(_ key: UInt64) -> Bool {
        var slot = slot(of: key)
        while true {
            let entry = reservedKeys[slot]
            if entry == key { return true }
            if entry == 0 { return false }
            slot = (slot + 1) & 255
        }
    }

    func isName(_ token: Token) -> Bool {
        switch token.kind {
        case .quotedIdentifier: return true
        case .word: return !token.isReserved
        default: return false
        }
    }

    /// A name; keywords are names where the grammar allows (`status`, `action`, `data`, `key`...).
    mutating func parseIdentifier(_ what: String = "a name") throws(ParseError) -> Identifier {
        let token = current
        guard isName(token) else { throw expected(what) }
        index += 1
        return Identifier(token.text, quoted: token.kind == .quotedIdentifier, range: token.range)
    }

    /// `a`, `a.b`, `a.b.c`, ...
    mutating func parseQualifiedName(_ what: String = "a name") throws(ParseError) -> QualifiedName {
        var parts = [try parseIdentifier(what)]
        while current.isPunctuation("."), peek().kind == .word || peek().kind == .quotedIdentifier {
            index += 1
            let token = advance()
            parts.append(Identifier(token.text, quoted: token.kind == .quotedIdentifier, range: token.range))
        }
        return QualifiedName(parts)
    }

    /// `[AS] alias` after a table or result column.
    mutating func parseAlias() throws(ParseError) -> Identifier? {
        if accept("AS") {
            if current.kind == .string {
                let token = advance()
                return Identifier(token.text, quoted: true, range: token.range)
            }
            return try parseIdentifier("an alias")
        }
        if isName(current) { return try parseIdentifier() }
        if current.kind == .string {
            let token = advance()
            return Identifier(token.text, quoted: true, range: token.range)
        }
        return nil
    }
}
