import RTKQLJSON
import Foundation
@testable import RTKQLSandbox

/// Checks a JSON value against an OpenAPI 3.0 schema: types, formats (uuid, date-time, uri), enums,
/// nullability, ranges, required keys, array items, `allOf`/`oneOf`/`anyOf`, and no undeclared keys where
/// `additionalProperties` is false. Returns every problem, each with its JSON path.
struct SchemaValidator {
    let document: OpenAPIDocument

    /// Every problem, sorted.
    func problems(_ value: JSONValue, _ schema: [String: Any]) -> [String] {
        problems(value, schema, path: "$").sorted()
    }

    private func problems(_ value: JSONValue, _ schema: [String: Any], path: String) -> [String] {
        guard let schema = document.resolve(schema) else { return [] }
        if let all = schema["allOf"] as? [Any] {
            return all.compactMap { document.resolve($0) }.flatMap { problems(value, $0, path: path) }
        }
        for key in ["oneOf", "anyOf"] {
            if let options = schema[key] as? [Any] {
                if value.isNull, schema["nullable"] as? Bool == true { return [] }
                let results = options.compactMap { document.resolve($0) }.map { problems(value, $0, path: path) }
                return results.contains { $0.isEmpty } ? [] : ["\(path): matches none of \(key): \(results.map { $0.first ?? "" })"]
            }
        }
        if value.isNull {
            return schema["nullable"] as? Bool == true || schema.isEmpty ? [] : ["\(path): null but not nullable"]
        }
        var found: [String] = []
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == scalarText(value) }) {
            found.append("\(path): \(scalarText(value)) not one of \(allowed)")
        }
        switch schema["type"] as? String {
        case "string":
            guard let text = value.stringValue else { return found + ["\(path): \(value.typeName), not a string"] }
            found += format(text, schema["format"] as? String, path: path)
        case "number", "integer":
            guard let number = value.doubleValue else { return found + ["\(path): \(value.typeName), not a number"] }
            if schema["type"] as? String == "integer", number.rounded() != number { found.append("\(path): \(number) not an integer") }
            if let minimum = schema["minimum"] as? Double ?? (schema["minimum"] as? Int).map(Double.init), number < minimum {
                found.append("\(path): \(number) below minimum \(minimum)")
            }
            if let maximum = schema["maximum"] as? Double ?? (schema["maximum"] as? Int).map(Double.init), number > maximum {
                found.append("\(path): \(number) above maximum \(maximum)")
            }
        case "boolean":
            if value.boolValue == nil { found.append("\(path): \(value.typeName), not a boolean") }
        case "array":
            guard let items = value.arrayValue else { return found + ["\(path): \(value.typeName), not an array"] }
            if let itemSchema = document.resolve(schema["items"]) {
                for (index, item) in items.enumerated() { found += problems(item, itemSchema, path: "\(path)[\(index)]") }
            }
        default:
            break
        }
        if schema["type"] as? String == "object" || (schema["type"] == nil && schema["properties"] != nil) {
            guard let members = value.objectMembers else { return found + ["\(path): \(value.typeName), not an object"] }
            let properties = OpenAPIDocument.object(schema["properties"]) ?? [:]
            for key in schema["required"] as? [String] ?? [] where value[key] == nil {
                found.append("\(path): required key \(key) missing")
            }
            for (key, member) in members {
                if let property = document.resolve(properties[key]) {
                    found += problems(member, property, path: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): undeclared key \(key)")
                } else if let extra = document.resolve(schema["additionalProperties"]) {
                    found += problems(member, extra, path: "\(path).\(key)")
                }
            }
        }
        return found
    }

    private func format(_ text: String, _ format: String?, path: String) -> [String] {
        switch format {
        case "uuid":
            return UUIDText.isValid(text) ? [] : ["\(path): \(text) not a uuid"]
        case "date-time":
            return Timestamp.parse(text) != nil ? [] : ["\(path): \(text) not a date-time"]
        case "uri":
            guard let url = URL(string: text), url.scheme != nil, url.host != nil || url.scheme == "mailto" else {
                return ["\(path): \(text) not a uri"]
            }
            return []
        default:
            return []
        }
    }

    private func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        default: return value.rendered
        }
    }
}
