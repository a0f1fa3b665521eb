import RTKQLJSON
/// The checks the service's request bodies need beyond the recordings' ones.
extension BodyValidator {
    /// The value of a required property (`"key" is required` when missing or null).
    func required(_ key: String) throws -> JSONValue {
        guard let value = object[key], !value.isNull else { throw APIError.badRequest("\"\(key)\" is required") }
        return value
    }

    /// A required, non-empty string.
    func requiredString(_ key: String) throws -> String {
        guard let text = try BodyValidator.string(try required(key), key) else { throw APIError.badRequest("\"\(key)\" is required") }
        guard !text.isEmpty else { throw APIError.badRequest("\"\(key)\" is not allowed to be empty") }
        return text
    }

    /// A string that may be given as null: nil when absent, `.some(nil)` when null.
    static func nullableString(_ value: JSONValue?, _ path: String) throws -> String?? {
        guard let value else { return nil }
        if value.isNull { return .some(nil) }
        return .some(try string(value, path))
    }

    /// An absolute `http(s)` URI.
    static func uri(_ value: JSONValue?, _ path: String) throws -> String? {
        guard let text = try string(value, path) else { return nil }
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), text.count > 8, !text.contains(" ") else {
            throw APIError.badRequest("\"\(path)\" must be a valid uri")
        }
        return text
    }

    /// An array of strings, each one of `allowed` when given.
    static func strings(_ value: JSONValue?, _ path: String, allowed: [String]? = nil) throws -> [String]? {
        guard let items = try array(value, path) else { return nil }
        return try items.enumerated().map { index, item in
            if let allowed { return try oneOf(item, "\(path)[\(index)]", allowed) ?? "" }
            return try string(item, "\(path)[\(index)]") ?? ""
        }
    }

    /// A number (whole or not) within `range`.
    static func number(_ value: JSONValue?, _ path: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let value else { return nil }
        guard let number = value.doubleValue else { throw APIError.badRequest("\"\(path)\" must be a number") }
        if number < range.lowerBound { throw APIError.badRequest("\"\(path)\" must be greater than or equal to \(Int(range.lowerBound))") }
        if number > range.upperBound { throw APIError.badRequest("\"\(path)\" must be less than or equal to \(Int(range.upperBound))") }
        return number
    }

    /// A nullable property checked by `check` when it is neither absent nor null.
    static func value<T>(_ value: JSONValue?, _ path: String, _ check: (JSONValue?, String) throws -> T?) throws -> T? {
        guard let value, !value.isNull else { return nil }
        return try check(value, path)
    }
}
