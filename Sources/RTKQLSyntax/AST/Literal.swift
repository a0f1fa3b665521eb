/// A literal value as written in SQL.
public enum Literal: Sendable, Hashable {
    /// `NULL`
    case null
    /// An integer literal, kept as written (`42`, `0x2A`).
    case integer(String)
    /// A real literal, kept as written (`1.5`, `.5e3`).
    case real(String)
    /// A string literal, unescaped (`'it''s'` → `it's`).
    case string(String)
    /// A blob literal's hex digits (`X'CAFE'` → `CAFE`).
    case blob(String)
    /// `TRUE` / `FALSE`
    case boolean(Bool)
    /// `CURRENT_TIME`, `CURRENT_DATE`, `CURRENT_TIMESTAMP` (the keyword, upper-cased).
    case currentTime(String)
}
