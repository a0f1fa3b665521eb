import Foundation
import RTKQLSyntax
import Testing

/// The repository's root folder (three levels above this file).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// parse → print → parse, for every statement of `text`: records an issue unless the printed text parses
/// back to the same tree (source ranges aside) and prints to the same text again. Returns the printed
/// statements.
@discardableResult
func expectRoundTrip(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
    let statements: [ParsedStatement]
    do {
        statements = try SQLParser.parse(text)
    } catch {
        Issue.record("does not parse: \(error.rendered())", sourceLocation: sourceLocation)
        return []
    }
    var printed: [String] = []
    for parsed in statements {
        let sql = parsed.statement.description
        printed.append(sql)
        let reparsed: [ParsedStatement]
        do {
            reparsed = try SQLParser.parse(sql)
        } catch {
            Issue.record("the printed text does not parse: \(error.rendered())\noriginal: \(text)", sourceLocation: sourceLocation)
            continue
        }
        guard reparsed.count == 1 else {
            Issue.record("the printed text is \(reparsed.count) statements: \(sql)", sourceLocation: sourceLocation)
            continue
        }
        let original = parsed.statement.withoutSourceRanges()
        let again = reparsed[0].statement.withoutSourceRanges()
        if again != original {
            var originalTree = "", reparsedTree = ""
            dump(original, to: &originalTree)
            dump(again, to: &reparsedTree)
            Issue.record("the tree changed\noriginal: \(text)\nprinted:  \(sql)\n\(originalTree)\n---\n\(reparsedTree)",
                         sourceLocation: sourceLocation)
        }
        let reprinted = reparsed[0].statement.description
        if reprinted != sql {
            Issue.record("printing twice differs:\n\(sql)\n\(reprinted)", sourceLocation: sourceLocation)
        }
    }
    return printed
}
