import Foundation
import RTKQLProvider
import Yams

/// Generates rtkql's provider data from the OpenAPI description with StackQL's resource mapping
/// (`spec/realtime_kit.yaml`) and rtkql's overlay (`spec/rtkql-overlay.yaml`).
public enum ProviderGenerator {
    /// What one generation produces.
    public struct Output: Sendable {
        /// The provider definition the engine loads.
        public var provider: ProviderDefinition
        /// `provider` as the bundled `cloudflare.json` holds it: sorted keys, two-space indent, final newline.
        public var json: String
        /// `docs/resources.md`.
        public var markdown: String
    }

    /// Generates from the two YAML texts. The same input always gives the same output.
    public static func generate(specYAML: String, overlayYAML: String) throws -> Output {
        let document = try SpecDocument(yaml: specYAML)
        let overlay = try YAMLDecoder().decode(Overlay.self, from: overlayYAML)
        let generator = ResourceGenerator(document: document, reader: SchemaReader(document: document), overlay: overlay)
        guard let mappings = document.root["components"]?["x-stackQL-resources"]?.members, !mappings.isEmpty else {
            throw GeneratorError("the description has no components.x-stackQL-resources")
        }
        let known = Set(mappings.map(\.key))
        if let stray = overlay.resources.keys.sorted().first(where: { !known.contains($0) }) {
            throw GeneratorError("the overlay names resource \(stray), which StackQL's mapping does not have")
        }
        let resources = try mappings.sorted { $0.key < $1.key }.map { try generator.resource(named: $0.key, mapping: $0.value) }
        let header = overlay.provider
        let provider = ProviderDefinition(
            name: header.name, title: header.title, version: header.version, baseURL: header.baseURL,
            baseURLEnvironment: header.baseURLEnvironment, auth: header.auth,
            services: [ServiceDefinition(name: header.service.name, title: header.service.title,
                                         description: header.service.description, resources: resources)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(provider), as: UTF8.self) + "\n"
        return Output(provider: provider, json: json, markdown: ResourcesDocument.render(provider))
    }

    /// Generates from files.
    public static func generate(spec: URL, overlay: URL) throws -> Output {
        try generate(specYAML: String(contentsOf: spec, encoding: .utf8), overlayYAML: String(contentsOf: overlay, encoding: .utf8))
    }
}
