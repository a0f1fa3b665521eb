import RTKQLProvider

/// A parameter of a resource's SELECT methods that is also a readable column of its rows, holding the
/// value the call that produced the row was made with (NULL when the call did not take it).
///
/// Parameter columns behave like SQLite's hidden columns: a statement may name them anywhere, but `*`
/// leaves them out. A parameter whose value is a row field's (`recording_id` is the row's `id`) is a
/// generated column computed from that field, so it holds the value whichever method produced the row.
public struct ParameterColumn: Sendable, Hashable {
    /// The parameter's name, which is the column's.
    public var name: String
    /// The parameter's type.
    public var definition: ParameterDefinition
    /// The row field the value is read from, for a parameter mapped to one (`id`, or `meeting` for
    /// `meeting.id`).
    public var sourceField: String?
    /// The SQL expression over the row's fields that gives the value, for a mapped parameter.
    public var generatedExpression: String?

    /// The SQLite column type the value is stored with.
    public var sqliteType: String {
        switch definition.type {
        case .string: return "TEXT"
        case .integer, .boolean: return "INTEGER"
        case .number: return "NUMERIC"
        case .object, .array: return "JSON TEXT"
        }
    }

    /// Whether the value is computed from a field rather than stored per call.
    public var isGenerated: Bool { generatedExpression != nil }

    /// The parameter columns of `resource`: the path and query parameters of its SELECT methods, in the
    /// order the methods list them, except those named like a row field (the field wins). Paging
    /// parameters are columns too: NULL when rtkql paged through every page, the page asked for otherwise.
    public static func of(_ resource: ResourceDefinition) -> [ParameterColumn] {
        var columns: [ParameterColumn] = []
        var seen = Set(resource.fields.map { $0.name.lowercased() })
        for method in resource.methods(for: .select) {
            for parameter in method.parameters where parameter.in != .body {
                guard seen.insert(parameter.name.lowercased()).inserted,
                      let definition = resource.parameter(named: parameter.name) else { continue }
                columns.append(column(for: definition, in: resource))
            }
        }
        return columns
    }

    private static func column(for definition: ParameterDefinition, in resource: ResourceDefinition) -> ParameterColumn {
        var column = ParameterColumn(name: definition.name, definition: definition)
        guard let path = definition.field else { return column }
        let parts = path.split(separator: ".").map(String.init)
        guard let first = parts.first, resource.field(named: first) != nil else { return column }
        column.sourceField = resource.field(named: first)!.name
        if parts.count == 1 {
            column.generatedExpression = SQLName.quoted(first)
        } else {
            let jsonPath = "$." + parts.dropFirst().joined(separator: ".")
            column.generatedExpression = "json_extract(\(SQLName.quoted(first)), '\(jsonPath)')"
        }
        return column
    }
}

/// Quoting of SQL identifiers.
public enum SQLName {
    /// `name` as a double-quoted SQL identifier.
    public static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
