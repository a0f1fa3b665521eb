import RTKQLProvider
import RTKQLSyntax

/// Decides whether a table name in a query names a provider resource.
public struct ResourceResolver: Sendable {
    public var registry: ProviderRegistry
    /// Set by `USE provider`: lets `service.resource` stand for `provider.service.resource`.
    public var defaultProvider: String?

    public init(registry: ProviderRegistry, defaultProvider: String? = nil) {
        self.registry = registry
        self.defaultProvider = defaultProvider
    }

    /// The resource `name` denotes; nil for an ordinary SQLite table or CTE name; an error for a
    /// dotted name that is no known resource.
    public func resolve(_ name: QualifiedName) throws -> ResolvedResource? {
        let parts = name.parts.map(\.value)
        switch parts.count {
        case 0, 1:
            return nil
        case 2 where ["main", "temp"].contains(parts[0].lowercased()):
            return nil
        default:
            if let resource = registry.resolve(parts, defaultProvider: defaultProvider) { return resource }
            throw unknownResource(name)
        }
    }

    /// The error for a name that is not a resource: the nearest known name and the full list.
    public func unknownResource(_ name: QualifiedName) -> PlanningError {
        let known = registry.allResources.map(\.fullName)
        var message = "unknown resource \(name.dotted)"
        if let suggestion = NameSuggester.nearest(to: name.dotted, in: known) {
            message += "; did you mean \(suggestion)?"
        }
        message += " Known resources: \(known.joined(separator: ", "))"
        return PlanningError(.unknownResource(name.dotted), message, range: name.range)
    }
}
