import RTKQLSyntax
import Testing

@Suite struct LexerTests {
    func kinds(_ text: String) throws -> [TokenKind] {
        try Lexer.tokenize(text).map(\.kind)
    }

    @Test func tokensCarryKindTextAndRange() throws {
        let tokens = try Lexer.tokenize("SELECT \"a b\", 'it''s', 1.5e3, 0x1F, X'CAFE', ?2, :name, @p, $v, @@json ->> -- comment\n;")
        #expect(tokens.map(\.kind) == [.word, .quotedIdentifier, .symbol, .string, .symbol, .real, .symbol, .integer, .symbol, .blob,
                                       .symbol, .parameter, .symbol, .parameter, .symbol, .parameter, .symbol, .parameter, .symbol,
                                       .systemVariable, .symbol, .symbol, .end])
        #expect(tokens[1].text == "a b")
        #expect(tokens[1].range == SourceRange(start: 7, end: 12))
        #expect(tokens[3].text == "it's")
        #expect(tokens[9].text == "CAFE")
        #expect(tokens[20].text == "->>")
    }

    @Test func commentsAndWhitespaceAreSkipped() throws {
        #expect(try kinds("/* a ; b */ x -- y ;\n") == [.word, .end])
    }

    @Test func numbersOfEveryForm() throws {
        let tokens = try Lexer.tokenize("1 1.5 .5 1e10 1.5E-3 0x2a 1_000")
        #expect(tokens.dropLast().map(\.text) == ["1", "1.5", ".5", "1e10", "1.5E-3", "0x2a", "1_000"])
        #expect(tokens.dropLast().map(\.kind) == [.integer, .real, .real, .real, .real, .integer, .integer])
    }

    @Test func unterminatedStringIsAnErrorAtItsStart() {
        let error = #expect(throws: ParseError.self) { try Lexer.tokenize("SELECT 'abc") }
        #expect(error?.message == "unterminated string literal")
        #expect(error?.location == SourceLocation(line: 1, column: 8))
    }

    @Test func unterminatedBlockComment() {
        let error = #expect(throws: ParseError.self) { try Lexer.tokenize("SELECT 1 /* never closed") }
        #expect(error?.message == "unterminated /* comment")
    }

    @Test func malformedBlobAndStrayCharacters() {
        #expect(throws: ParseError.self) { try Lexer.tokenize("X'ABC'") }
        let error = #expect(throws: ParseError.self) { try Lexer.tokenize("SELECT 1 # 2") }
        #expect(error?.message == "unrecognized token: \"#\"")
    }
}
