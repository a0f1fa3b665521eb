/// Builds compact JSON text piece by piece, keys in the order they are written: for documents written
/// straight from stored fields without building a `JSONValue` first.
public struct JSONWriter: Sendable {
    /// The text written so far.
    public private(set) var text = ""

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        text.reserveCapacity(capacity)
    }

    /// Appends `fragment` as it is (it must already be JSON).
    public mutating func raw(_ fragment: String) {
        text += fragment
    }

    /// Appends `value` as a JSON string literal.
    public mutating func string(_ value: String) {
        JSONValue.writeString(value, to: &text)
    }

    /// Appends `value` as a JSON string literal, or `null` when absent.
    public mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { text += "null" }
    }

    /// Appends a value.
    public mutating func value(_ value: JSONValue) {
        value.write(to: &text)
    }

    /// `value` as a quoted, escaped JSON string literal.
    public static func quote(_ value: String) -> String {
        var out = ""
        JSONValue.writeString(value, to: &out)
        return out
    }
}
