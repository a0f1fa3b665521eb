import Foundation
import RTKQLProvider
import Yams

/// Reads JSON schemas of the description into rtkql's field, parameter and body definitions.
struct SchemaReader {
    let document: SpecDocument

    /// The schema's type: the declared one, else `object` when it has properties and `array` when it has items.
    func valueType(_ schema: Node) throws -> ValueType {
        let schema = try document.resolved(schema)
        if let declared = schema["type"]?.string, let type = ValueType(rawValue: declared) { return type }
        if schema["properties"] != nil { return .object }
        if schema["items"] != nil { return .array }
        return .string
    }

    /// The object schema's properties, in document order, resolved.
    func properties(_ schema: Node) throws -> [(name: String, schema: Node)] {
        try document.resolved(schema)["properties"]?.members.map { ($0.key, try document.resolved($0.value)) } ?? []
    }

    /// The schema at a dotted path of object properties (`data.sessions`); an array on the way, or at the
    /// end when `elements` is set, stands for its items.
    func schema(at path: String, in root: Node, elements: Bool = true) throws -> Node? {
        var current = try document.resolved(root)
        for key in path.split(separator: ".").map(String.init) {
            if try valueType(current) == .array, let items = current["items"] { current = try document.resolved(items) }
            guard let next = current["properties"]?[key] else { return nil }
            current = try document.resolved(next)
        }
        if elements, try valueType(current) == .array, let items = current["items"] { current = try document.resolved(items) }
        return current
    }

    /// The row fields an object schema describes, `paging` left out (it describes the list, not a row).
    func fields(of schema: Node) throws -> [FieldDefinition] {
        try properties(schema).filter { $0.name != "paging" }.map { name, property in
            FieldDefinition(name: name, type: try valueType(property), format: property["format"]?.string,
                            title: property["title"]?.string, enum: enumValues(property),
                            description: text(property["description"]?.string),
                            nullable: property["nullable"]?.bool == true ? true : nil)
        }
    }

    /// A parameter of an operation (`in: path` or `query`).
    func parameter(_ node: Node) throws -> ParameterDefinition? {
        let node = try document.resolved(node)
        guard let name = node["name"]?.string else { return nil }
        let schema = try node["schema"].map(document.resolved) ?? Node.mapping(Node.Mapping([]))
        var items: ItemsDefinition?
        if let itemsNode = schema["items"] {
            let resolvedItems = try document.resolved(itemsNode)
            items = ItemsDefinition(type: try valueType(resolvedItems), enum: enumValues(resolvedItems))
        }
        return ParameterDefinition(name: name, type: try valueType(schema), format: schema["format"]?.string,
                                   enum: enumValues(schema), items: items, minimum: schema["minimum"]?.float,
                                   maximum: schema["maximum"]?.float,
                                   description: text(node["description"]?.string ?? schema["description"]?.string))
    }

    /// The request body's schema, reduced to its top-level properties.
    func body(of operation: SpecOperation) throws -> BodySchema? {
        guard let requestBody = operation.node["requestBody"],
              let schemaNode = try document.resolved(requestBody)["content"]?["application/json"]?["schema"] else { return nil }
        let schema = try document.resolved(schemaNode)
        var properties: [String: BodyProperty] = [:]
        for (name, property) in try self.properties(schema) {
            var items: ItemsDefinition?
            if let itemsNode = property["items"] {
                let resolvedItems = try document.resolved(itemsNode)
                items = ItemsDefinition(type: try valueType(resolvedItems), enum: enumValues(resolvedItems))
            }
            properties[name] = BodyProperty(type: try valueType(property), minimum: property["minimum"]?.float,
                                            maximum: property["maximum"]?.float, enum: enumValues(property),
                                            description: property["description"]?.string.map(text), items: items)
        }
        return BodySchema(required: schema["required"]?.strings ?? [], properties: properties)
    }

    /// The success answer's schema: the response StackQL names (`openAPIDocKey`), else the first 2XX.
    func responseSchema(of operation: SpecOperation, status: String?) throws -> Node? {
        let responses = operation.node["responses"]?.members ?? []
        let chosen = responses.first { $0.key == status } ?? responses.first { $0.key.hasPrefix("2") }
        guard let response = chosen?.value else { return nil }
        return try document.resolved(response)["content"]?["application/json"]?["schema"].map(document.resolved)
    }

    private func enumValues(_ schema: Node) -> [String]? {
        guard let values = schema["enum"]?.array(), !values.isEmpty else { return nil }
        return values.compactMap(\.string)
    }

    /// Description text on one line, without Markdown code marks.
    func text(_ raw: String?) -> String {
        guard let raw else { return "" }
        return raw.replacingOccurrences(of: "`", with: "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
