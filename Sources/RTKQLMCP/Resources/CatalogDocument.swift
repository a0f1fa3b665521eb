import Foundation
import RTKQLProvider

/// The provider catalogue as JSON (`rtkql://catalog`): every resource with its fields, parameters and methods,
/// so an agent can write queries without probing.
enum CatalogDocument {
    struct Catalog: Encodable {
        var providers: [Provider]
    }

    struct Provider: Encodable {
        var name: String
        var version: String
        var services: [Service]
    }

    struct Service: Encodable {
        var name: String
        var title: String
        var resources: [Resource]
    }

    struct Resource: Encodable {
        var id: String
        var name: String
        var description: String
        var fields: [Field]
        var parameters: [Field]
        var methods: [Method]
    }

    struct Field: Encodable {
        var name: String
        var type: String
        var description: String
    }

    struct Method: Encodable {
        var name: String
        var sql_verb: String
        var http: String
        var required_parameters: [String]
        var optional_parameters: [String]
        var description: String
    }

    /// The catalogue of `registry`, pretty-printed with sorted keys.
    static func json(_ registry: ProviderRegistry) -> String {
        let catalog = Catalog(providers: registry.providers.map { provider in
            Provider(name: provider.name, version: provider.version, services: provider.services.map { service in
                Service(name: service.name, title: service.title, resources: service.resources.map { resource in
                    Resource(
                        id: "\(provider.name).\(service.name).\(resource.name)", name: resource.name,
                        description: resource.description,
                        fields: resource.fields.map { Field(name: $0.name, type: $0.displayType, description: $0.description) },
                        parameters: resource.parameters.map { parameter in
                            Field(name: parameter.name,
                                  type: parameter.format.map { "\(parameter.type.rawValue) (\($0))" } ?? parameter.type.rawValue,
                                  description: parameter.description)
                        },
                        methods: resource.methods.map {
                            Method(name: $0.name, sql_verb: $0.sqlVerb.rawValue.uppercased(), http: "\($0.http.verb) \($0.http.path)",
                                   required_parameters: $0.requiredInputs, optional_parameters: $0.optionalParameters,
                                   description: $0.description)
                        })
                })
            })
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(catalog) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
