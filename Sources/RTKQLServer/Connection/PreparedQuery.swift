import RTKQL
import RTKQLSyntax

/// A statement prepared with Parse: its text, its parameters' types, and whether the connection answers
/// it itself.
struct PreparedQuery: Sendable {
    var text: String
    /// The type OIDs of `$1`, `$2`, …: as the client gave them, text (25) for the others.
    var parameterTypes: [Int32]

    init(text: String, declaredTypes: [Int32]) {
        self.text = text
        let count = max(declaredTypes.count, PreparedQuery.parameterCount(text))
        parameterTypes = (0..<count).map { index in
            index < declaredTypes.count && declaredTypes[index] != 0 ? declaredTypes[index] : PostgresType.text.oid
        }
    }

    /// The highest `$n` the text uses.
    static func parameterCount(_ text: String) -> Int {
        guard let tokens = try? Lexer.tokenize(text) else { return 0 }
        return tokens.filter { $0.kind == .parameter && $0.text.hasPrefix("$") }
            .compactMap { Int($0.text.dropFirst()) }.max() ?? 0
    }
}

/// A prepared statement bound to values: runs when described or executed, then hands out its rows.
final class Portal {
    let query: PreparedQuery
    let arguments: StatementArguments
    let resultFormats: [Int16]
    /// The open result, once the statement has run.
    var result: OpenResult?
    /// True once Execute has returned every row.
    var isComplete = false

    init(query: PreparedQuery, arguments: StatementArguments, resultFormats: [Int16]) {
        self.query = query
        self.arguments = arguments
        self.resultFormats = resultFormats
    }

    /// The format of result column `index`.
    func format(ofColumn index: Int) -> PostgresFormat {
        let code = resultFormats.isEmpty ? 0 : resultFormats.count == 1 ? resultFormats[0]
            : index < resultFormats.count ? resultFormats[index] : 0
        return PostgresFormat(rawValue: code) ?? .text
    }
}
