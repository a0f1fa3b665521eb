/// A provider (`cloudflare`) as described by its bundled definition file.
public struct ProviderDefinition: Sendable, Codable, Hashable {
    public var name: String
    public var title: String
    public var version: String
    /// The API's default base URL (`https://api.cloudflare.com/client/v4`).
    public var baseURL: String
    /// The environment variable that overrides the base URL, if any.
    public var baseURLEnvironment: String?
    public var auth: AuthDefinition
    public var services: [ServiceDefinition]

    /// The service called `name` (case-insensitive).
    public func service(named name: String) -> ServiceDefinition? {
        services.first { $0.name.lowercased() == name.lowercased() }
    }

    /// A provider definition.
    public init(name: String, title: String, version: String, baseURL: String, baseURLEnvironment: String?,
                auth: AuthDefinition, services: [ServiceDefinition]) {
        self.name = name
        self.title = title
        self.version = version
        self.baseURL = baseURL
        self.baseURLEnvironment = baseURLEnvironment
        self.auth = auth
        self.services = services
    }
}

/// How a provider authenticates: the environment variables its credentials come from.
public struct AuthDefinition: Sendable, Codable, Hashable {
    public var bearerTokenEnvironment: String
    public var legacyEmailEnvironment: String?
    public var legacyKeyEnvironment: String?

    /// The credential environment variables.
    public init(bearerTokenEnvironment: String, legacyEmailEnvironment: String?, legacyKeyEnvironment: String?) {
        self.bearerTokenEnvironment = bearerTokenEnvironment
        self.legacyEmailEnvironment = legacyEmailEnvironment
        self.legacyKeyEnvironment = legacyKeyEnvironment
    }
}

/// A service (`realtime_kit`): a group of resources.
public struct ServiceDefinition: Sendable, Codable, Hashable {
    public var name: String
    public var title: String
    public var description: String
    public var resources: [ResourceDefinition]

    /// The resource called `name` (case-insensitive).
    public func resource(named name: String) -> ResourceDefinition? {
        resources.first { $0.name.lowercased() == name.lowercased() }
    }

    /// A service and its resources.
    public init(name: String, title: String, description: String, resources: [ResourceDefinition]) {
        self.name = name
        self.title = title
        self.description = description
        self.resources = resources
    }
}
