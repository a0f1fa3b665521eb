import RTKQLJSON

/// Reads JSON request bodies (and, in tests, responses) into the sandbox's `JSONValue`, using the
/// project's one JSON reader (`RTKQLJSON`). Nesting deeper than 64 levels is refused.
struct JSONParser {
    struct Failure: Error {}
    static let maximumDepth = 64

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        let parsed: RTKQLJSON.JSONValue
        do {
            parsed = try bytes.withUnsafeBufferPointer { buffer in try RTKQLJSON.JSONValue.parse(buffer) }
        } catch {
            throw Failure()
        }
        return try convert(parsed, depth: 0)
    }

    private static func convert(_ value: RTKQLJSON.JSONValue, depth: Int) throws -> JSONValue {
        guard depth <= maximumDepth else { throw Failure() }
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text):
            guard let number = Double(text) else { throw Failure() }
            return .number(number, text: text)
        case .string(let text): return .string(text)
        case .array(let items): return .array(try items.map { try convert($0, depth: depth + 1) })
        case .object(let members): return .object(try members.map { ($0.key, try convert($0.value, depth: depth + 1)) })
        }
    }
}
