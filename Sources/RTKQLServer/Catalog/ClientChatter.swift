import RTKQLStorage
import RTKQLSyntax

/// What clients send besides queries — `SET`, `SHOW`, transaction control, `SELECT version()` — recognised
/// from the statement's first tokens and answered by the connection, since rtkql reads and never holds a
/// transaction open.
enum ClientChatter: Equatable {
    /// `SET name = value`, `SET name TO value`, `SET SESSION name …`, `SET TIME ZONE …` (values without their quotes).
    case set(name: String, value: String)
    /// `RESET name`, `RESET ALL`, `DISCARD ALL`.
    case reset(tag: String)
    /// `SHOW name` of a PostgreSQL setting (rtkql's own SHOW forms are left to the engine).
    case show(name: String)
    /// `BEGIN`, `START TRANSACTION`.
    case begin
    /// `COMMIT`, `END`.
    case commit
    /// `ROLLBACK`, `ABORT`.
    case rollback
    /// `SELECT version()`, `SELECT current_database()`, `SELECT current_user` and other one-function selects
    /// of session facts.
    case sessionFunction(name: String)

    /// rtkql's own SHOW forms, which the engine answers.
    private static let rtkqlShowWords: Set<String> = ["PROVIDERS", "SERVICES", "RESOURCES", "METHODS", "EXTENDED"]
    private static let sessionFunctions: Set<String> = ["version", "current_database", "current_schema", "current_user",
                                                        "session_user", "pg_backend_pid"]

    /// The chatter `statement` is, or nil when it is for the engine.
    static func recognise(_ statement: String) -> ClientChatter? {
        guard let tokens = try? Lexer.tokenize(statement) else { return nil }
        let words = tokens.filter { $0.kind != .end && !$0.isPunctuation(";") }
        guard let first = words.first else { return nil }
        switch first.upper {
        case "BEGIN", "START": return .begin
        case "COMMIT", "END": return .commit
        case "ROLLBACK", "ABORT": return .rollback
        case "DISCARD": return .reset(tag: "DISCARD ALL")
        case "RESET": return .reset(tag: "RESET")
        case "SET":
            var rest = Array(words.dropFirst())
            if let word = rest.first, ["SESSION", "LOCAL"].contains(word.upper) { rest.removeFirst() }
            guard let name = rest.first else { return nil }
            if name.upper == "TIME", rest.count > 1, rest[1].upper == "ZONE" {
                return .set(name: "timezone", value: rest.dropFirst(2).map(\.text).joined(separator: " "))
            }
            var value = Array(rest.dropFirst())
            if let word = value.first, word.isPunctuation("=") || word.upper == "TO" { value.removeFirst() }
            return .set(name: name.text.lowercased(), value: value.map(\.text).joined(separator: " "))
        case "SHOW":
            guard words.count == 2, !rtkqlShowWords.contains(words[1].upper) else { return nil }
            return .show(name: words[1].text.lowercased())
        case "SELECT":
            // SELECT [pg_catalog.]name() [AS alias]
            var rest = Array(words.dropFirst())
            if rest.count == 1, ["CURRENT_USER", "SESSION_USER", "USER"].contains(rest[0].upper) {
                return .sessionFunction(name: rest[0].text.lowercased())
            }
            if rest.count > 2, rest[0].upper == "PG_CATALOG", rest[1].isPunctuation(".") { rest.removeFirst(2) }
            guard rest.count >= 3, sessionFunctions.contains(rest[0].text.lowercased()), rest[1].isPunctuation("(") else { return nil }
            guard let close = rest.firstIndex(where: { $0.isPunctuation(")") }), close == rest.count - 1 || close == 2
                    || rest[2].kind == .string else { return nil }
            return .sessionFunction(name: rest[0].text.lowercased())
        default:
            return nil
        }
    }
}
