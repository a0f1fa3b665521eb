import RTKQLJSON

/// The sandbox reads and writes JSON through the project's one JSON model (`RTKQLJSON.JSONValue`);
/// these are the questions its routes ask of request bodies and the values they build answers from.
extension JSONValue {
    /// How deeply a request body may nest before it is refused as malformed.
    static let maximumRequestDepth = 64

    /// Reads a request body (or, in tests, a response), refusing nesting deeper than 64 levels.
    static func parseRequest(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try parse(bytes, maximumDepth: maximumRequestDepth)
    }

    /// An integer number.
    static func int(_ value: Int64) -> JSONValue { .number(String(value)) }

    /// A whole number.
    static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A number with a fractional part (rendered in Swift's shortest form).
    static func double(_ value: Double) -> JSONValue { .number(String(value)) }

    /// Whether the value is `null`.
    var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The members of an object, in order.
    var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members } else { return nil }
    }

    /// The items of an array.
    var arrayValue: [JSONValue]? { if case .array(let items) = self { return items } else { return nil } }

    /// The value of a number.
    var doubleValue: Double? { if case .number(let text) = self { return Double(text) } else { return nil } }

    /// The value as an integer when it is a number without a fractional part.
    var integerValue: Int64? {
        guard let value = doubleValue, value.rounded() == value, abs(value) < 9e15 else { return nil }
        return Int64(value)
    }

    /// Whether the value is a number.
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
