import RTKQLProvider
import RTKQLSyntax

/// The PostgreSQL type of each provider field, by field name, for typing result columns that read a field
/// directly (`SELECT invoked_time …` is timestamptz). A name is used only when the column's SQLite declared
/// type is the one the field is stored with, and only when every resource's field of that name agrees.
struct FieldTypes: Sendable {
    private let types: [String: (sqliteType: String, type: PostgresType)]

    init(registry: ProviderRegistry) {
        var types: [String: (sqliteType: String, type: PostgresType)] = [:]
        var conflicting: Set<String> = []
        for resource in registry.allResources {
            for field in resource.resource.fields {
                let entry = (sqliteType: field.sqliteType, type: PostgresType.of(field: field))
                if let known = types[field.name], known.sqliteType != entry.sqliteType || known.type != entry.type {
                    conflicting.insert(field.name)
                }
                types[field.name] = entry
            }
        }
        for name in conflicting { types[name] = nil }
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
