/// A name as written: `status`, `"Status"`, `[status]`, `` `status` ``.
///
/// Unquoted names compare case-insensitively, as in SQLite.
public struct Identifier: Sendable, Hashable, CustomStringConvertible {
    /// The name with quotes removed.
    public var value: String
    /// Whether it was written quoted.
    public var quoted: Bool
    /// Where it was written.
    public var range: SourceRange

    public init(_ value: String, quoted: Bool = false, range: SourceRange = SourceRange(start: 0, end: 0)) {
        self.value = value
        self.quoted = quoted
        self.range = range
    }

    /// The name lower-cased, for case-insensitive comparison.
    public var normalized: String { value.lowercased() }

    /// Case-insensitive equality with a plain name.
    public func matches(_ name: String) -> Bool { normalized == name.lowercased() }

    /// SQL text: quoted with double quotes when needed.
    public var description: String {
        if !quoted, Identifier.isPlain(value) { return value }
        var text = "\""
        for character in value {
            text.append(character)
            if character == "\"" { text.append("\"") }
        }
        return text + "\""
    }

    static func isPlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}

/// A dotted name: `cloudflare.realtime_kit.recordings`, `r.status`, `recordings.create_track`.
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    public var parts: [Identifier]

    public init(_ parts: [Identifier]) {
        self.parts = parts
    }

    /// The range from the first part to the last.
    public var range: SourceRange {
        guard let first = parts.first, let last = parts.last else { return SourceRange(start: 0, end: 0) }
        return first.range.union(last.range)
    }

    /// The last part (the object's own name).
    public var last: Identifier? { parts.last }

    /// Parts joined with dots, unquoted and lower-cased: `cloudflare.realtime_kit.recordings`.
    public var dotted: String { parts.map(\.normalized).joined(separator: ".") }

    public var description: String { parts.map(\.description).joined(separator: ".") }
}
