import RTKQLProvider

/// The provider catalogue seen as PostgreSQL relations: each resource is a table named after it, in a
/// schema named after its service (`realtime_kit.recordings`), with one column per field.
struct CatalogSnapshot: Sendable {
    /// One resource as a relation.
    struct Table: Sendable {
        var oid: Int
        var schema: String
        var name: String
        var description: String
        var columns: [Column]
    }

    /// One field as a column.
    struct Column: Sendable {
        var name: String
        var type: PostgresType
        var description: String
    }

    let tables: [Table]

    init(registry: ProviderRegistry) {
        var tables: [Table] = []
        for provider in registry.providers {
            for service in provider.services {
                for resource in service.resources {
                    tables.append(Table(oid: 16_384 + tables.count, schema: service.name, name: resource.name,
                                        description: resource.description,
                                        columns: resource.fields.map {
                                            Column(name: $0.name, type: .of(field: $0), description: $0.description)
                                        }))
                }
            }
        }
        self.tables = tables
    }

    /// The table with `oid`.
    func table(oid: Int) -> Table? {
        tables.first { $0.oid == oid }
    }
}
