import RTKQLJSON
/// Joi-like checks of JSON request bodies, producing Dyte-style messages (`"meeting_id" is required`).
struct BodyValidator {
    let object: JSONValue

    /// Parses a body that must be a JSON object; an empty body counts as `{}`.
    static func parseObject(_ body: [UInt8]) throws -> BodyValidator {
        if body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return BodyValidator(object: .object([])) }
        guard let value = try? JSONValue.parseRequest(body) else { throw APIError.badRequest("request body is not valid JSON") }
        guard case .object = value else { throw APIError.badRequest("\"value\" must be of type object") }
        return BodyValidator(object: value)
    }

    func value(_ key: String) -> JSONValue? { object[key] }

    func requiredGUID(_ key: String) throws -> String {
        guard let value = object[key], !value.isNull else { throw APIError.badRequest("\"\(key)\" is required") }
        guard let text = value.stringValue else { throw APIError.badRequest("\"\(key)\" must be a string") }
        guard !text.isEmpty else { throw APIError.badRequest("\"\(key)\" is not allowed to be empty") }
        guard UUIDText.isValid(text) else { throw APIError.badRequest("\"\(key)\" must be a valid GUID") }
        return text
    }

    static func bool(_ value: JSONValue?, _ path: String) throws -> Bool? {
        guard let value else { return nil }
        guard let flag = value.boolValue else { throw APIError.badRequest("\"\(path)\" must be a boolean") }
        return flag
    }

    static func string(_ value: JSONValue?, _ path: String) throws -> String? {
        guard let value else { return nil }
        guard let text = value.stringValue else { throw APIError.badRequest("\"\(path)\" must be a string") }
        return text
    }

    static func integer(_ value: JSONValue?, _ path: String, in range: ClosedRange<Int64>? = nil) throws -> Int64? {
        guard let value else { return nil }
        guard value.isNumber else { throw APIError.badRequest("\"\(path)\" must be a number") }
        guard let number = value.integerValue else { throw APIError.badRequest("\"\(path)\" must be an integer") }
        if let range {
            if number < range.lowerBound {
                throw APIError.badRequest("\"\(path)\" must be greater than or equal to \(range.lowerBound)")
            }
            if number > range.upperBound {
                throw APIError.badRequest("\"\(path)\" must be less than or equal to \(range.upperBound)")
            }
        }
        return number
    }

    static func oneOf(_ value: JSONValue?, _ path: String, _ allowed: [String]) throws -> String? {
        guard let value else { return nil }
        guard let text = value.stringValue, allowed.contains(text) else {
            throw APIError.badRequest("\"\(path)\" must be one of [\(allowed.joined(separator: ", "))]")
        }
        return text
    }

    static func object(_ value: JSONValue?, _ path: String) throws -> JSONValue? {
        guard let value else { return nil }
        guard case .object = value else { throw APIError.badRequest("\"\(path)\" must be of type object") }
        return value
    }

    static func array(_ value: JSONValue?, _ path: String) throws -> [JSONValue]? {
        guard let value else { return nil }
        guard let items = value.arrayValue else { throw APIError.badRequest("\"\(path)\" must be an array") }
        return items
    }
}
