/// One SQLite value, by storage class: the value type rows are made of.
///
/// Modelled on GRDB's `DatabaseValue.Storage`: a plain enum the whole engine passes around.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// True for SQL NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value written as an SQL literal that SQLite reads back as the same value: `NULL`, `42`,
    /// `1.5e+300`, `'it''s'`, `X'CAFE'`.
    public var sqlLiteral: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value):
            guard value.isFinite else { return value.isNaN ? "NULL" : (value < 0 ? "-9e999" : "9e999") }
            let text = "\(value)"
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .text(let value): return "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .blob(let bytes):
            let digits = Array("0123456789ABCDEF")
            return "X'" + String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }) + "'"
        }
    }

    /// The value as text, as SQLite's `CAST(x AS TEXT)` would render it; nil for NULL.
    public var textValue: String? {
        switch self {
        case .null: return nil
        case .integer(let value): return String(value)
        case .real(let value): return SQLValue.render(real: value)
        case .text(let value): return value
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The value as an integer when it is one (or a real with no fraction).
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): return value
        case .real(let value) where value.rounded() == value && abs(value) < 9.2e18: return Int64(value)
        case .text(let value): return Int64(value)
        default: return nil
        }
    }

    /// The value as a double when it is numeric.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        case .text(let value): return Double(value)
        default: return nil
        }
    }

    public var description: String { textValue ?? "NULL" }

    /// Renders a double the way SQLite prints reals: `%!.15g`, and always with a decimal point.
    public static func render(real value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        if value.rounded() == value && abs(value) < 1e15 {
            return String(Int64(value)) + ".0"
        }
        return "\(value)"
    }
}
