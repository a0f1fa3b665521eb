import Foundation
import RTKQLSyntax
import Testing

/// Every `(* example: ... *)` in grammar/rtkql.ebnf must parse.
@Suite struct GrammarExamplesTests {
    static var grammarPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("grammar/rtkql.ebnf").path
    }

    /// The text of every `(* example: ... *)` of the grammar.
    static func examples() throws -> [String] {
        let grammar = try String(contentsOfFile: GrammarExamplesTests.grammarPath, encoding: .utf8)
        return grammar.components(separatedBy: "(* example: ").dropFirst().map { $0.components(separatedBy: " *)")[0] }
    }

    @Test func everyExampleParses() throws {
        let examples = try GrammarExamplesTests.examples()
        #expect(examples.count >= 15)
        for example in examples {
            #expect(throws: Never.self, "\(example)") { _ = try SQLParser.parse(example) }
        }
    }

    /// Every reserved word listed in the grammar is the parser's, and the other way round.
    @Test func reservedWordsMatchTheParser() throws {
        let grammar = try String(contentsOfFile: GrammarExamplesTests.grammarPath, encoding: .utf8)
        let section = grammar.components(separatedBy: "reserved            =")[1].components(separatedBy: ";")[0]
        let words = Set(section.components(separatedBy: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        #expect(words == SQLParser.reservedWords)
        for word in words {
            // A reserved word is not a bare table name, but is one when quoted.
            #expect(throws: ParseError.self, "\(word)") { _ = try SQLParser.parse("SELECT x FROM \(word)") }
            #expect(throws: Never.self, "\(word)") { _ = try SQLParser.parse("SELECT x FROM \"\(word)\"") }
        }
    }
}
