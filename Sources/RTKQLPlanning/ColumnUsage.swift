import RTKQLSyntax

/// Which fields of a resource the SQL that SQLite runs can read, so the loader extracts and stores only
/// those (the others stay NULL, which nothing in the statement can observe).
///
/// The analysis reads the final SQL's tokens, in every scope at once, and errs towards loading: a field is
/// read when its name appears anywhere as a name (or as a string, since SQLite sometimes takes `'x'` for a
/// name), whatever it is attached to; every field is read when the SQL selects `*` or `t.*` anywhere, or
/// joins NATURALly (which compares columns it does not name).
enum ColumnUsage {
    /// The fields of `fields` (in their order) that `sql` can read.
    static func fieldsRead(by sql: String, fields: [String]) -> [String] {
        guard let tokens = try? Lexer.tokenize(sql) else { return fields }
        var names = Set<String>()
        var previous: Token?
        for token in tokens {
            defer { previous = token }
            switch token.kind {
            case .word:
                if token.upper == "NATURAL" { return fields }
                names.insert(token.text.lowercased())
            case .quotedIdentifier, .string:
                names.insert(token.text.lowercased())
            case .symbol where token.text == "*":
                // `SELECT *`, `SELECT DISTINCT *`, `a, *`, `t.*` select columns; `count(*)` and `a * b` do not.
                guard let previous else { continue }
                if previous.isSymbol(",") || previous.isSymbol(".")
                    || ["SELECT", "DISTINCT", "ALL"].contains(previous.upper) && previous.kind == .word {
                    return fields
                }
            default:
                continue
            }
        }
        return fields.filter { names.contains($0.lowercased()) }
    }
}
