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

    /// A name; unquoted and without a position unless given.
    public init(_ value: String, quoted: Bool = false, range: SourceRange = SourceRange(start: 0, end: 0)) {
        self.value = value
        self.quoted = quoted
        self.range = range
    }

    /// The name lower-cased, for case-insensitive comparison.
    public var normalized: String { value.lowercased() }

    /// Case-insensitive equality with a plain name.
    public func matches(_ name: String) -> Bool { normalized == name.lowercased() }

    /// SQL text: the name, in double quotes when it was written quoted or would not read back as
    /// this name (not one word, or a reserved word).
    public var description: String { SQLWriter.sql(capacity: value.utf8.count + 2) { $0.name(self) } }
}

/// A dotted name: `cloudflare.realtime_kit.recordings`, `r.status`, `recordings.create_track`.
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    /// The names between the dots, in order.
    public var parts: [Identifier]

    /// A name from its parts.
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

    /// SQL text: `a.b.c`, each part quoted only when needed (the parts after the first may be any word).
    public var description: String { SQLWriter.sql { $0.name(self) } }
}
