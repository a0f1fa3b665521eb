/// A literal as the planner sees it before coercion to a parameter's type.
public enum RawValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    case null

    public var description: String {
        switch self {
        case .text(let text): return "'\(text)'"
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .boolean(let flag): return flag ? "TRUE" : "FALSE"
        case .null: return "NULL"
        }
    }
}
