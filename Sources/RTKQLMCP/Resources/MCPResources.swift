import MCP
import RTKQLProvider

/// The MCP resources: the provider catalogue and the SQL dialect, for an agent to learn from.
enum MCPResources {
    static let catalogURI = "rtkql://catalog"
    static let dialectURI = "rtkql://docs/sql-dialect"

    static let list: [Resource] = [
        Resource(name: "catalog", uri: catalogURI,
                 description: "Every queryable resource (provider.service.resource) with its fields, parameter columns "
                    + "and methods (SQL verb, HTTP operation, required parameters), as JSON.",
                 mimeType: "application/json"),
        Resource(name: "sql-dialect", uri: dialectURI,
                 description: "The rtkql SQL dialect: statements, how WHERE binds API parameters, joins, "
                    + "REPLACE/INSERT/UPDATE/DELETE/EXEC, EXPLAIN (docs/sql-dialect.md).",
                 mimeType: "text/markdown"),
    ]

    /// The contents of `uri`, or nil for an unknown one.
    static func read(_ uri: String, registry: ProviderRegistry) -> Resource.Content? {
        switch uri {
        case catalogURI: return .text(CatalogDocument.json(registry), uri: uri, mimeType: "application/json")
        case dialectURI: return .text(DialectDocument.text, uri: uri, mimeType: "text/markdown")
        default: return nil
        }
    }
}
