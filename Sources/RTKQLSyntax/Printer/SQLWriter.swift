/// Prints syntax trees as SQL the parser reads back to the same tree, into one growing buffer.
///
/// Canonical style: keywords upper-case, single spaces, names quoted only when they were written
/// quoted or would not read back as the same name, strings re-escaped, numbers as written.
/// Parentheses the user wrote are in the tree (`.parenthesized`); the writer adds others only where
/// a tree built by hand would otherwise regroup (by SQLite's precedence), so printing never changes
/// how SQLite groups an expression.
struct SQLWriter {
    /// The SQL written so far, as UTF-8 (appending bytes is cheaper than appending to a String).
    private var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The SQL written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The SQL text of one node, written by `body`.
    static func sql(capacity: Int = 64, _ body: (inout SQLWriter) -> Void) -> String {
        var writer = SQLWriter(capacity: capacity)
        body(&writer)
        return writer.text
    }

    @inline(__always)
    mutating func append(_ piece: String) {
        bytes.append(contentsOf: piece.utf8)
    }

    /// `items` separated by `, `.
    @inline(__always)
    mutating func list<Item>(_ items: [Item], _ write: (inout SQLWriter, Item) -> Void) {
        for (position, item) in items.enumerated() {
            if position > 0 { append(", ") }
            write(&self, item)
        }
    }

    // MARK: - Names

    /// The parser's reserved words: never bare names.
    static let reserved = KeywordTable(Parser.reserved)
    static let none = KeywordTable([])

    /// A name where the parser takes only non-reserved words (columns, tables, aliases...): quoted when
    /// it was written quoted, is not one lexer word, is reserved, or is one of `avoiding` (upper-case
    /// words the parser reads as keywords in this position).
    mutating func name(_ identifier: Identifier, avoiding: KeywordTable = SQLWriter.none) {
        let needsQuotes = identifier.quoted || !Identifier.isPlain(identifier.value)
            || SQLWriter.reserved.contains(identifier.value)
            || (!avoiding.isEmpty && avoiding.contains(identifier.value))
        needsQuotes ? quoted(identifier.value) : append(identifier.value)
    }

    /// A name where the parser takes any word, reserved or not (a function name, the parts of a
    /// dotted name after the first): quoted only when written quoted or not one lexer word.
    mutating func word(_ identifier: Identifier) {
        identifier.quoted || !Identifier.isPlain(identifier.value) ? quoted(identifier.value) : append(identifier.value)
    }

    /// `a.b.c`: the first part as a name, the others as words.
    mutating func name(_ name: QualifiedName, avoiding: KeywordTable = SQLWriter.none) {
        for (position, part) in name.parts.enumerated() {
            if position == 0 {
                self.name(part, avoiding: avoiding)
            } else {
                append(".")
                word(part)
            }
        }
    }

    /// `"text"` with inner double quotes doubled.
    mutating func quoted(_ value: String) {
        append("\"")
        escaped(value, quote: "\"")
        append("\"")
    }

    /// `'text'` with inner single quotes doubled.
    mutating func string(_ value: String) {
        append("'")
        escaped(value, quote: "'")
        append("'")
    }

    /// `value` with each `quote` doubled. By byte, as the lexer reads: a quote followed by a combining
    /// mark is one Character but still a quote to the lexer.
    private mutating func escaped(_ value: String, quote: Unicode.Scalar) {
        let byte = UInt8(ascii: quote)
        guard value.utf8.withContiguousStorageIfAvailable({ $0.contains(byte) }) ?? value.utf8.contains(byte) else {
            append(value)
            return
        }
        for character in value.utf8 {
            bytes.append(character)
            if character == byte { bytes.append(byte) }
        }
    }

    // MARK: - Literals

    mutating func write(_ literal: Literal) {
        switch literal {
        case .null: append("NULL")
        case .integer(let text), .real(let text): append(text)
        case .string(let value): string(value)
        case .blob(let hex):
            append("X'")
            append(hex)
            append("'")
        case .boolean(let value): append(value ? "TRUE" : "FALSE")
        case .currentTime(let keyword): append(keyword)
        }
    }
}

extension Identifier {
    /// True when `text` reads as one word token: a letter, `_` or non-ASCII byte, then those, digits or `$`
    /// (the lexer's rule, so a plain name prints bare and reads back the same).
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, Lexer.isIdentifierStart(first) else { return false }
            for byte in bytes.dropFirst() where !Lexer.isIdentifierByte(byte) && byte != UInt8(ascii: "$") { return false }
            return true
        }
    }
}
