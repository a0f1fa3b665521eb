import Foundation
import Yams
@testable import RTKQLSandbox

/// The published OpenAPI description (spec/realtime_kit.yaml), read with Yams: operations, parameters,
/// request and response schemas, `$ref`s resolved on demand.
struct OpenAPIDocument: @unchecked Sendable {
    /// One operation of the description.
    struct Operation: @unchecked Sendable {
        var id: String
        var method: String
        var path: String
        /// Query parameters: name → schema.
        var queryParameters: [(name: String, schema: [String: Any])]
        var requestSchema: [String: Any]?
        /// Declared answers: status text (`200`, `2XX`) → JSON schema (nil when the answer has no body).
        var responses: [(status: String, schema: [String: Any]?)]

        /// The success status the description declares (the first 2xx).
        var successStatus: String? { responses.map(\.status).first { $0.hasPrefix("2") } }
    }

    let root: [String: Any]

    /// Reads the repository's copy of the description.
    static func load() throws -> OpenAPIDocument {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("spec/realtime_kit.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let root = OpenAPIDocument.object(try Yams.load(yaml: text)) else { throw CocoaError(.fileReadCorruptFile) }
        return OpenAPIDocument(root: root)
    }

    /// Every operation: RealtimeKit's (paths under `/accounts/{account_id}/realtime/kit`) and the MoQ relays'
    /// (under `/accounts/{account_id}/moq/relays`), sorted by path and method.
    var operations: [Operation] {
        guard let paths = OpenAPIDocument.object(root["paths"]) else { return [] }
        var result: [Operation] = []
        for (path, item) in paths where ["/accounts/{account_id}/realtime/kit", "/accounts/{account_id}/moq/relays"].contains(where: path.hasPrefix) {
            guard let item = OpenAPIDocument.object(item) else { continue }
            for method in ["get", "post", "put", "patch", "delete"] {
                guard let operation = OpenAPIDocument.object(item[method]) else { continue }
                let parameters = ((operation["parameters"] as? [Any]) ?? []).compactMap { resolve($0) }
                let query = parameters.filter { $0["in"] as? String == "query" }.map {
                    (name: $0["name"] as? String ?? "", schema: resolve($0["schema"]) ?? [:])
                }
                let body = resolve(operation["requestBody"]).flatMap { content($0) }
                let responses = (OpenAPIDocument.object(operation["responses"]) ?? [:]).map { status, answer in
                    (status: "\(status)", schema: resolve(answer).flatMap { content($0) })
                }.sorted { $0.status < $1.status }
                result.append(Operation(id: operation["operationId"] as? String ?? "", method: method.uppercased(),
                                        path: path, queryParameters: query, requestSchema: body, responses: responses))
            }
        }
        return result.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    /// The `application/json` schema of a request body or response.
    private func content(_ holder: [String: Any]) -> [String: Any]? {
        guard let content = OpenAPIDocument.object(holder["content"]),
              let json = OpenAPIDocument.object(content["application/json"]) else { return nil }
        return resolve(json["schema"])
    }

    /// A YAML mapping as a dictionary with string keys (YAML reads keys such as `200` or `600` as numbers).
    static func object(_ value: Any?) -> [String: Any]? {
        if let object = value as? [String: Any] { return object }
        guard let mapping = value as? [AnyHashable: Any] else { return nil }
        return Dictionary(mapping.map { ("\($0.key.base)", $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The object a value is, following `$ref` (`#/components/...`).
    func resolve(_ value: Any?) -> [String: Any]? {
        guard var object = OpenAPIDocument.object(value) else { return nil }
        var hops = 0
        while let reference = object["$ref"] as? String, hops < 32 {
            var target: Any? = root
            for part in reference.dropFirst(2).split(separator: "/") {
                let key = String(part).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                target = OpenAPIDocument.object(target)?[key]
            }
            guard let next = OpenAPIDocument.object(target) else { return nil }
            object = next
            hops += 1
        }
        return object
    }
}
