import RTKQLProvider

/// A value bound to a method parameter, already coerced to the parameter's type.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    /// An array parameter (sent as a repeated query key).
    case array([String])

    /// The text sent on the wire for a scalar (arrays: each element).
    public var wireValues: [String] {
        switch self {
        case .string(let text): return [text]
        case .integer(let number): return [String(number)]
        case .number(let number):
            return [number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)]
        case .boolean(let flag): return [flag ? "true" : "false"]
        case .array(let items): return items
        }
    }

    public var description: String { wireValues.joined(separator: ",") }
}
