import RTKQLSyntax
import Testing

/// Every way the lexer and the parser fail, with its kind, message and position.
@Suite struct ParseErrorKindTests {
    func error(_ text: String) -> ParseError? {
        #expect(throws: ParseError.self, "\(text)") { try SQLParser.parse(text) }
    }

    @Test func lexicalErrors() {
        let cases: [(String, ParseErrorKind, String, RTKQLSyntax.SourceLocation)] = [
            ("SELECT 'abc", .unterminatedString, "unterminated string literal", .init(line: 1, column: 8)),
            ("SELECT X'AB", .unterminatedString, "unterminated blob literal", .init(line: 1, column: 9)),
            ("SELECT \"abc", .unterminatedQuotedIdentifier, "unterminated quoted identifier", .init(line: 1, column: 8)),
            ("SELECT [abc", .unterminatedQuotedIdentifier, "unterminated quoted identifier", .init(line: 1, column: 8)),
            ("SELECT 1\n/* never closed", .unterminatedComment, "unterminated /* comment", .init(line: 2, column: 1)),
            ("SELECT X'ABC'", .malformedBlob, "malformed blob literal X'ABC': expected an even number of hex digits", .init(line: 1, column: 8)),
            ("SELECT 12abc", .invalidNumber("12a"), "unrecognized token: \"12a\"", .init(line: 1, column: 8)),
            ("SELECT 1.5e", .invalidNumber("1.5e"), "unrecognized token: \"1.5e\"", .init(line: 1, column: 8)),
            ("SELECT 3é", .invalidNumber("3é"), "unrecognized token: \"3é\"", .init(line: 1, column: 8)),
            ("SELECT 1 # 2", .unrecognizedToken("#"), "unrecognized token: \"#\"", .init(line: 1, column: 10)),
            ("SELECT :", .unrecognizedToken(":"), "unexpected character ':'", .init(line: 1, column: 8)),
        ]
        for (text, kind, message, location) in cases {
            let error = error(text)
            #expect(error?.kind == kind, "\(text)")
            #expect(error?.message == message, "\(text)")
            #expect(error?.location == location, "\(text)")
        }
    }

    @Test func grammarErrors() {
        let statementKeywords = "SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW, DESCRIBE, EXPLAIN, USE, REGISTRY, PURGE"
        let cases: [(String, ParseErrorKind, String)] = [
            ("SELECT a FROM t WHERE", .incompleteInput(expected: "an expression"), "incomplete input: expected an expression"),
            ("SELECT a, FROM t", .unexpectedToken(expected: "an expression", found: "FROM"), "Expected: an expression, found: FROM"),
            ("SELECT (1", .incompleteInput(expected: "')'"), "incomplete input: expected ')'"),
            ("SELECT a FROM t WHERE x = 'y' z", .unexpectedToken(expected: "';' or end of statement", found: "z"),
             "Expected: ';' or end of statement, found: z"),
            ("SELECT id\nFORM recordings", .misspelledKeyword(written: "FORM", suggestion: "FROM"),
             "Expected: ';' or end of statement, found: recordings (did you mean FROM instead of FORM?)"),
            ("FETCH 1", .unknownStatement(found: "FETCH"), "Expected: a statement (\(statementKeywords)), found: FETCH"),
            ("1; SELECT 2", .unknownStatement(found: "1"), "Expected: a statement (\(statementKeywords)), found: 1"),
            ("'x'", .unknownStatement(found: "'x'"), "Expected: a statement (\(statementKeywords)), found: 'x'"),
            ("EXPLAIN", .incompleteInput(expected: "a statement (\(statementKeywords))"),
             "incomplete input: expected a statement (\(statementKeywords))"),
            ("INSERT r VALUES (1)", .unexpectedToken(expected: "INTO", found: "r"), "Expected: INTO, found: r"),
            ("INSERT INTO r (a)", .incompleteInput(expected: "VALUES or SELECT"), "incomplete input: expected VALUES or SELECT"),
            ("INSERT INTO r x VALUES (1)", .unexpectedToken(expected: "VALUES or SELECT", found: "x"), "Expected: VALUES or SELECT, found: x"),
            ("DELETE r WHERE a = 1", .unexpectedToken(expected: "FROM", found: "r"), "Expected: FROM, found: r"),
            ("UPDATE r WHERE a = 1", .unexpectedToken(expected: "SET", found: "WHERE"), "Expected: SET, found: WHERE"),
            ("PURGE 1", .unexpectedToken(expected: "';' or end of statement", found: "1"), "Expected: ';' or end of statement, found: 1"),
            ("EXEC a.b.c.d @@body = '{}'", .unexpectedToken(expected: "@@json", found: "@@body"), "Expected: @@json, found: @@body"),
        ]
        for (text, kind, message) in cases {
            let error = error(text)
            #expect(error?.kind == kind, "\(text)")
            #expect(error?.message == message, "\(text)")
        }
    }

    @Test func nestingTooDeep() {
        for text in ["SELECT " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
                     "SELECT " + String(repeating: "- ", count: 300) + "1",
                     String(repeating: "SELECT * FROM (", count: 300) + "SELECT 1" + String(repeating: ")", count: 300)] {
            let error = error(text)
            #expect(error?.kind == .nestingTooDeep(limit: 200))
            #expect(error?.message == "expression nested too deeply (more than 200 levels)")
        }
    }

    /// The splitter waits for more input only for what more input can close.
    @Test func onlyUnterminatedKindsAreIncomplete() {
        #expect(ParseErrorKind.unterminatedString.isUnterminated)
        #expect(ParseErrorKind.unterminatedQuotedIdentifier.isUnterminated)
        #expect(ParseErrorKind.unterminatedComment.isUnterminated)
        #expect(!ParseErrorKind.malformedBlob.isUnterminated)
        #expect(!ParseErrorKind.incompleteInput(expected: "x").isUnterminated)
        #expect(!StatementSplitter.isComplete("SELECT 'a;"))
        #expect(!StatementSplitter.isComplete("SELECT [a;"))
        #expect(!StatementSplitter.isComplete("SELECT 1 /* ;"))
        #expect(StatementSplitter.isComplete("SELECT X'A';"))
    }

    @Test func renderedWithLineColumnAndCaret() {
        let error = error("SELECT a\nFROM t\nWHERE x = = 1")
        #expect(error?.kind == .unexpectedToken(expected: "an expression", found: "="))
        #expect(error?.rendered() == "3:11: Expected: an expression, found: =\nWHERE x = = 1\n          ^")
    }
}
