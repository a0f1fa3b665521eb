/// The kinds of tokens of the rtkql dialect (SQLite's, plus `@@json`).
public enum TokenKind: Sendable, Hashable {
    /// A keyword or unquoted name (keywords are recognised by the parser, so they can act as names).
    case word
    /// `"name"`, `[name]` or `` `name` ``.
    case quotedIdentifier
    /// `'text'`
    case string
    /// `42`, `0x2A`, `1_000`
    case integer
    /// `1.5`, `.5`, `1e3`
    case real
    /// `X'CAFE'`
    case blob
    /// `?`, `?3`, `:name`, `@name`, `$name`
    case parameter
    /// `@@json` and the like.
    case systemVariable
    /// Punctuation and operators: `(`, `)`, `,`, `;`, `.`, `=`, `->>`...
    case symbol
    /// The end of the input.
    case end
}

/// One token, with the source range it covers and its text.
public struct Token: Sendable, Hashable, CustomStringConvertible {
    /// What kind of token it is.
    public var kind: TokenKind
    /// The source text of the token (for strings and quoted identifiers: unescaped content).
    public var text: String
    /// Where it was written.
    public var range: SourceRange
    /// For words, the text upper-cased once at lexing time, so keyword checks allocate nothing.
    public var upper: String
    /// For words, whether the word is reserved (cannot be a bare name), looked up once at lexing time.
    public var isReserved: Bool
    /// For words, `upper`; for symbols, `text`: its length and first seven bytes packed in one integer (see
    /// `Token.key`), so that the parser's keyword and symbol checks are one integer comparison. 0 otherwise.
    let key: UInt64

    /// A token; words get their upper-cased text (and whether it is reserved) computed once here.
    public init(kind: TokenKind, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
        switch kind {
        case .word:
            var upper = Token.asciiUppercased(text)
            key = upper.withUTF8 { Token.key($0.baseAddress, count: $0.count) }
            isReserved = Parser.hasReservedKey(key) && (upper.utf8.count <= 7 || Parser.reserved.contains(upper))
            self.upper = upper
        case .symbol:
            var text = text
            key = text.withUTF8 { Token.key($0.baseAddress, count: $0.count) }
            upper = ""
            isReserved = false
        default:
            key = 0
            upper = ""
            isReserved = false
        }
    }

    /// `count` and the first seven of the `count` bytes at `start`, packed: byte i in bits 8i..8i+7, the
    /// count (at most 255) in the top byte. Equal texts of up to seven bytes, and only they, have equal keys.
    @inline(__always)
    static func key(_ start: UnsafePointer<UInt8>?, count: Int) -> UInt64 {
        guard let start else { return 0 }
        var key = UInt64(min(count, 255)) << 56
        for index in 0..<min(count, 7) { key |= UInt64(start[index]) << (8 * UInt64(index)) }
        return key
    }

    /// True for a word that spells `keyword` (upper case): one integer comparison for keywords of up to
    /// seven letters, which the compiler computes from the literal.
    @inline(__always)
    public func isWord(_ keyword: StaticString) -> Bool {
        guard kind == .word, key == Token.key(keyword.utf8Start, count: keyword.utf8CodeUnitCount) else { return false }
        return keyword.utf8CodeUnitCount <= 7 || upper == keyword.description
    }

    /// True for the symbol `symbol` (symbols have at most three bytes: one integer comparison).
    @inline(__always)
    public func isPunctuation(_ symbol: StaticString) -> Bool {
        kind == .symbol && key == Token.key(symbol.utf8Start, count: symbol.utf8CodeUnitCount)
    }

    static func asciiUppercased(_ text: String) -> String {
        var text = text
        let upper = text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
            // Written in place: no intermediate array, and no allocation at all for words of up to 15 bytes.
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    out[index] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                }
                return bytes.count
            }
        }
        return upper ?? text
    }

    /// True for a word that spells `keyword` (case-insensitive).
    @available(*, deprecated, message: "use isWord(_:) with the keyword in upper case: one integer comparison")
    @inline(__always)
    public func isKeyword(_ keyword: String) -> Bool {
        kind == .word && upper == keyword
    }

    /// True for the symbol `symbol`.
    @available(*, deprecated, renamed: "isPunctuation(_:)", message: "one integer comparison")
    @inline(__always)
    public func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && text == symbol
    }

    /// How the token reads in an error message.
    public var description: String {
        switch kind {
        case .end: return "end of input"
        case .string: return "'\(text)'"
        case .quotedIdentifier: return "\"\(text)\""
        default: return text
        }
    }
}
