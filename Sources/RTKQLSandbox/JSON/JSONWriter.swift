import RTKQLJSON

/// Builds compact JSON text with keys in the order they are written.
struct JSONWriter {
    private(set) var text = ""

    init(capacity: Int = 256) {
        text.reserveCapacity(capacity)
    }

    mutating func raw(_ fragment: String) {
        text += fragment
    }

    /// Appends `value` as a JSON string literal.
    mutating func string(_ value: String) {
        text += JSONWriter.quote(value)
    }

    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(_, let source): text += source
        case .string(let string): self.string(string)
        case .array(let items):
            text += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { text += "," }
                self.value(item)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (offset, member) in members.enumerated() {
                if offset > 0 { text += "," }
                string(member.0)
                text += ":"
                self.value(member.1)
            }
            text += "}"
        }
    }

    /// `value` as a quoted, escaped JSON string (RTKQLJSON's escaping, shared with the client).
    static func quote(_ value: String) -> String {
        var out = ""
        RTKQLJSON.JSONValue.writeString(value, to: &out)
        return out
    }

    /// Renders a value to text.
    static func render(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.value(value)
        return writer.text
    }
}
