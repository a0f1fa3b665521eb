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

    /// A token; words get their upper-cased text computed once here.
    public init(kind: TokenKind, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
        upper = kind == .word ? Token.asciiUppercased(text) : ""
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
    @inline(__always)
    public func isKeyword(_ keyword: String) -> Bool {
        kind == .word && upper == keyword
    }

    /// True for the symbol `symbol`.
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
