import RTKQLJSON
extension JSONValue {
    /// A string, or null when absent.
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// A date-time string (`2026-03-04T10:11:12.000Z`), or null when absent.
    static func time(_ millis: Millis?) -> JSONValue { millis.map { .string(Timestamp.format($0)) } ?? .null }

    /// The object with `key` set to `value` (replaced in place when present, else appended).
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard var members = objectMembers else { return self }
        if let index = members.firstIndex(where: { $0.0 == key }) {
            members[index].1 = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }

    /// The object with every member of `patch` set (objects merged key by key, recursively).
    func merging(_ patch: JSONValue) -> JSONValue {
        guard let changes = patch.objectMembers, objectMembers != nil else { return patch }
        var result = self
        for (key, value) in changes {
            if let current = self[key], current.objectMembers != nil, value.objectMembers != nil {
                result = result.setting(key, current.merging(value))
            } else {
                result = result.setting(key, value)
            }
        }
        return result
    }

    /// The JSON text.
    var rendered: String { serialized }
}

extension JSONValue {
    /// The value with null object members removed at every depth, except members named in `keeping`.
    func droppingNulls(keeping: Set<String> = []) -> JSONValue {
        switch self {
        case .object(let members):
            return .object(members.compactMap { key, value in
                value.isNull && !keeping.contains(key) ? nil : (key, value.droppingNulls(keeping: keeping))
            })
        case .array(let items):
            return .array(items.map { $0.droppingNulls(keeping: keeping) })
        default:
            return self
        }
    }
}
