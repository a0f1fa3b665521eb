import RTKQLJSON
import RTKQLProvider
import RTKQLStorage

/// Turns JSON values of a response into SQL values of a resource's fields.
enum ResponseRow {
    /// The field values of `object` in field order (missing fields are NULL; objects are JSON text).
    static func values(of object: JSONValue?, fields: [FieldDefinition]) -> [SQLValue] {
        fields.map { field in sqlValue(object?[field.name]) }
    }

    static func sqlValue(_ value: JSONValue?) -> SQLValue {
        switch value {
        case nil, .null?: return .null
        case .bool(let flag)?: return .integer(flag ? 1 : 0)
        case .number(let text)?: return Int64(text).map(SQLValue.integer) ?? Double(text).map(SQLValue.real) ?? .text(text)
        case .string(let text)?: return .text(text)
        case let other?: return .text(other.serialized)
        }
    }
}
