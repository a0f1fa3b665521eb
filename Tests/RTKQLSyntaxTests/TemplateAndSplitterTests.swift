import RTKQLSyntax
import Testing

@Suite struct TemplateTests {
    @Test func fillsSQLStringsDoublingQuotes() throws {
        let text = try TemplateExpander.expand("SELECT * FROM t WHERE a = '{{ a }}' AND b = '{{b}}'", variables: ["a": "x", "b": "it's"])
        #expect(text == "SELECT * FROM t WHERE a = 'x' AND b = 'it''s'")
    }

    @Test func aQuoteInAValueCannotEndTheString() throws {
        let text = try TemplateExpander.expand("WHERE app_id = '{{ app }}'", variables: ["app": "x' OR '1'='1"])
        #expect(text == "WHERE app_id = 'x'' OR ''1''=''1'")
        let tokens = try Lexer.tokenize(text)
        #expect(tokens.filter { $0.kind == .string }.map(\.text) == ["x' OR '1'='1"])
    }

    @Test func wholeJSONStringTakesRawJSON() throws {
        let text = try TemplateExpander.expand("""
            @@json='{"layers": "{{ layers }}", "max_seconds": {{ max_seconds }}, "meeting_id": "{{ meeting_id }}"}'
            """, variables: ["layers": #"{"default": {"outputs": []}}"#, "max_seconds": "60", "meeting_id": "m\"1"])
        #expect(text == #"@@json='{"layers": {"default": {"outputs": []}}, "max_seconds": 60, "meeting_id": "m\"1"}'"#)
    }

    @Test func wholeJSONStringWithPlainTextStaysAString() throws {
        let text = try TemplateExpander.expand(#"'{"title": "{{ t }}"}'"#, variables: ["t": "Bob's \"demo\""])
        #expect(text == #"'{"title": "Bob''s \"demo\""}'"#)
    }

    @Test func bareValuesAreQuotedUnlessNumbers() throws {
        let text = try TemplateExpander.expand("LIMIT {{ n }} -- {{ not_needed }}\nWHERE a = {{ name }}", variables: ["n": "5", "name": "o'k"])
        #expect(text == "LIMIT 5 -- {{ not_needed }}\nWHERE a = 'o''k'")
    }

    @Test func unfilledPlaceholderIsAnErrorNamingIt() {
        let error = #expect(throws: TemplateError.self) {
            try TemplateExpander.expand("SELECT 1\nWHERE a = '{{ app_id }}'", variables: [:])
        }
        #expect(error?.name == "app_id")
        #expect(error?.message == "template variable {{ app_id }} at 2:12 has no value (pass --var app_id=VALUE)")
    }

    @Test func listsPlaceholders() {
        #expect(TemplateExpander.placeholders(in: "'{{ a }}' {{b}} /* {{ c }} */ '{{ a }}'") == ["a", "b"])
    }
}

@Suite struct SplitterTests {
    @Test func semicolonsInsideStringsCommentsAndJSONDoNotSplit() {
        let text = "SELECT 'a;b', \"c;d\" /* ; */ FROM t; -- ;\nEXEC x.y.z.m @@json='{\"k\": \";\"}';;  SELECT 2"
        #expect(StatementSplitter.split(text).map(\.text) == [
            "SELECT 'a;b', \"c;d\" /* ; */ FROM t",
            "EXEC x.y.z.m @@json='{\"k\": \";\"}'",
            "SELECT 2",
        ])
    }

    @Test func unterminatedStringIsTheLastPiece() {
        #expect(StatementSplitter.split("SELECT 1; SELECT 'oops").map(\.text) == ["SELECT 1", "SELECT 'oops"])
    }

    @Test func completeness() {
        #expect(StatementSplitter.isComplete("SELECT 1;"))
        #expect(StatementSplitter.isComplete("SELECT 1; -- done"))
        #expect(!StatementSplitter.isComplete("SELECT 1"))
        #expect(!StatementSplitter.isComplete("SELECT ';"))
        #expect(!StatementSplitter.isComplete("SELECT 1 /* ; "))
        #expect(!StatementSplitter.isComplete("SELECT '--';\nSELECT"))
        #expect(StatementSplitter.isComplete("SELECT '--';"))
    }
}
