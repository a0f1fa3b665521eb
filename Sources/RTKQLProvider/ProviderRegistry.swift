import Foundation

/// The providers rtkql knows, loaded from the definition files bundled with the module.
///
/// Adding a resource is a data change: a new entry in a definition file.
public struct ProviderRegistry: Sendable {
    public let providers: [ProviderDefinition]

    public init(providers: [ProviderDefinition]) {
        self.providers = providers
    }

    /// The providers bundled with rtkql.
    public static let bundled: ProviderRegistry = {
        do {
            return try ProviderRegistry.load(from: bundledDefinitionFiles())
        } catch {
            fatalError("rtkql's bundled provider definitions are unreadable: \(error)")
        }
    }()

    /// Decodes provider definition files (JSON).
    public static func load(from files: [URL]) throws -> ProviderRegistry {
        let decoder = JSONDecoder()
        let providers = try files.sorted { $0.path < $1.path }.map { file in
            try decoder.decode(ProviderDefinition.self, from: Data(contentsOf: file))
        }
        return ProviderRegistry(providers: providers)
    }

    static func bundledDefinitionFiles() -> [URL] {
        guard let folder = Bundle.module.url(forResource: "providers", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") }.map { folder.appendingPathComponent($0) }
    }

    /// The provider called `name` (case-insensitive).
    public func provider(named name: String) -> ProviderDefinition? {
        providers.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Every resource, with its full name, in a stable order.
    public var allResources: [ResolvedResource] {
        providers.flatMap { provider in
            provider.services.flatMap { service in
                service.resources.map { ResolvedResource(provider: provider, service: service, resource: $0) }
            }
        }
    }

    /// Resolves `provider.service.resource` (or `service.resource` under a default provider).
    public func resolve(_ parts: [String], defaultProvider: String? = nil) -> ResolvedResource? {
        var parts = parts.map { $0.lowercased() }
        if parts.count == 2, let defaultProvider { parts.insert(defaultProvider.lowercased(), at: 0) }
        guard parts.count == 3,
              let provider = provider(named: parts[0]),
              let service = provider.service(named: parts[1]),
              let resource = service.resource(named: parts[2]) else { return nil }
        return ResolvedResource(provider: provider, service: service, resource: resource)
    }
}

/// A resource together with the provider and service it belongs to.
public struct ResolvedResource: Sendable, Hashable {
    public var provider: ProviderDefinition
    public var service: ServiceDefinition
    public var resource: ResourceDefinition

    public init(provider: ProviderDefinition, service: ServiceDefinition, resource: ResourceDefinition) {
        self.provider = provider
        self.service = service
        self.resource = resource
    }

    /// `cloudflare.realtime_kit.recordings`
    public var fullName: String { "\(provider.name).\(service.name).\(resource.name)" }
}
