import RTKQLProvider
import RTKQLSyntax

/// The PostgreSQL type of each provider field, by field name, for typing result columns that read a field
/// directly (`SELECT invoked_time …` is timestamptz). A name is used only when the column's SQLite declared
/// type is the one the field is stored with, and only when every resource's field of that name agrees — where
/// some schemas give a string no format (plain text) and the others agree on one type (`created_at`: a
/// date-time in most schemas), that type.
struct FieldTypes: Sendable {
    private let types: [String: (sqliteType: String, type: PostgresType)]

    init(registry: ProviderRegistry) {
        var seen: [String: [(sqliteType: String, type: PostgresType)]] = [:]
        for resource in registry.allResources {
            for field in resource.resource.fields {
                seen[field.name, default: []].append((sqliteType: field.sqliteType, type: PostgresType.of(field: field)))
            }
        }
        var types: [String: (sqliteType: String, type: PostgresType)] = [:]
        for (name, entries) in seen {
            guard let first = entries.first, entries.allSatisfy({ $0.sqliteType == first.sqliteType }) else { continue }
            var kinds: [PostgresType] = []
            for entry in entries where !kinds.contains(entry.type) { kinds.append(entry.type) }
            let specific = kinds.filter { $0 != .text }
            if kinds.count == 1 {
                types[name] = first
            } else if specific.count == 1 {
                types[name] = (sqliteType: first.sqliteType, type: specific[0])
            }
        }
        self.types = types
    }

    /// The type of a result column named `name` with SQLite declared type `declaredType`, when it reads a field.
    func type(ofColumn name: String, declaredType: String?) -> PostgresType? {
        guard let declaredType, let entry = types[name], entry.sqliteType == declaredType else { return nil }
        return entry.type
    }
}

extension Statement {
    /// The CommandComplete tag of a statement that returns no rows.
    var commandTag: String {
        switch self {
        case .select: return "SELECT 0"
        case .replace: return "REPLACE"
        case .update: return "UPDATE"
        case .insert: return "INSERT 0 0"
        case .delete: return "DELETE 0"
        case .exec: return "EXEC"
        case .show: return "SHOW"
        case .describe: return "DESCRIBE"
        case .explain: return "EXPLAIN"
        case .use: return "USE"
        case .registryList: return "REGISTRY LIST"
        case .purge: return "PURGE"
        }
    }
}
