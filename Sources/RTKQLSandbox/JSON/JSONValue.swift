/// A JSON value that keeps object key order, so responses keep the reference's field order.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number with its source text, so `60` and `60.0` can be told apart when it matters.
    case number(Double, text: String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a, _), .number(b, _)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// An integer number value.
    static func int(_ value: Int64) -> JSONValue { .number(Double(value), text: String(value)) }

    /// The member `key` of an object (the last one when repeated), nil otherwise.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.0 == key })?.1
    }

    var isNull: Bool { if case .null = self { return true } else { return false } }

    var stringValue: String? { if case .string(let text) = self { return text } else { return nil } }

    var boolValue: Bool? { if case .bool(let flag) = self { return flag } else { return nil } }

    var objectMembers: [(String, JSONValue)]? { if case .object(let members) = self { return members } else { return nil } }

    var arrayValue: [JSONValue]? { if case .array(let items) = self { return items } else { return nil } }

    /// The value as an integer when it is a number without a fractional part.
    var integerValue: Int64? {
        guard case .number(let value, _) = self, value.rounded() == value, abs(value) < 9e15 else { return nil }
        return Int64(value)
    }

    var isNumber: Bool { if case .number = self { return true } else { return false } }

    /// Joi's name for the type, as used in messages such as `"x" must be of type object`.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
