import Foundation
import Yams

/// The OpenAPI description as a YAML node tree (key order kept), with `$ref` resolution.
struct SpecDocument {
    let root: Node

    init(yaml: String) throws {
        guard let node = try Yams.compose(yaml: yaml) else { throw GeneratorError("the OpenAPI description is empty") }
        root = node
    }

    /// The node a local `$ref` (`#/components/schemas/x`, `#/paths/~1a~1b/get`) points at.
    func node(at reference: String) throws -> Node {
        guard reference.hasPrefix("#/") else { throw GeneratorError("unsupported $ref \(reference)") }
        var current = root
        for raw in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = current[key] else { throw GeneratorError("$ref \(reference) points at nothing") }
            current = next
        }
        return current
    }

    /// `node` with `$ref`s followed until a node without one.
    func resolved(_ node: Node) throws -> Node {
        var current = node
        var hops = 0
        while let reference = current["$ref"]?.string {
            current = try self.node(at: reference)
            hops += 1
            if hops > 32 { throw GeneratorError("$ref cycle at \(reference)") }
        }
        return current
    }

    /// The operation a StackQL method's `operation.$ref` names: its HTTP verb, path and node.
    func operation(at reference: String) throws -> SpecOperation {
        guard let range = reference.range(of: "#/paths/") else { throw GeneratorError("not an operation: \(reference)") }
        let rest = reference[range.upperBound...]
        guard let slash = rest.lastIndex(of: "/") else { throw GeneratorError("not an operation: \(reference)") }
        let path = rest[..<slash].replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        let verb = String(rest[rest.index(after: slash)...])
        return SpecOperation(verb: verb.uppercased(), path: path, node: try node(at: reference))
    }

    /// The operation at `verb path` (`GET /accounts/{account_id}/...`), for methods StackQL does not map.
    func operation(verb: String, path: String) throws -> SpecOperation {
        guard let node = root["paths"]?[path]?[verb.lowercased()] else {
            throw GeneratorError("the description has no operation \(verb) \(path)")
        }
        return SpecOperation(verb: verb.uppercased(), path: path, node: node)
    }
}

/// One operation of the description.
struct SpecOperation {
    var verb: String
    var path: String
    var node: Node
}

/// A generator failure, with what was wrong.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension Node {
    /// The members of a mapping in document order (empty for other nodes).
    var members: [(key: String, value: Node)] {
        guard let mapping else { return [] }
        return mapping.compactMap { pair in pair.key.string.map { (key: $0, value: pair.value) } }
    }

    /// The scalars of a sequence as strings (empty for other nodes).
    var strings: [String] {
        array().compactMap(\.string)
    }
}
