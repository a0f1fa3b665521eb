import RTKQLProvider
import Yams

/// Builds one resource from its StackQL mapping, the operations it names, and the overlay.
struct ResourceGenerator {
    let document: SpecDocument
    let reader: SchemaReader
    let overlay: Overlay

    /// A method before its parameters are merged into the resource's.
    private struct Draft {
        var method: MethodDefinition
        var parameters: [ParameterDefinition]
        /// The row fields its answer's schema describes (select methods only).
        var fields: [FieldDefinition]
    }

    func resource(named name: String, mapping: Node) throws -> ResourceDefinition {
        let extra = overlay.resources[name]
        let verbs = try sqlVerbs(mapping)
        var drafts: [Draft] = []
        for (methodName, methodNode) in mapping["methods"]?.members ?? [] {
            guard let reference = methodNode["operation"]?["$ref"]?.string else {
                throw GeneratorError("\(name).\(methodName) names no operation")
            }
            let operation = try document.operation(at: reference)
            let response = methodNode["response"]
            let objectKey = response?["objectKey"]?.string.map { $0.hasPrefix("$.") ? String($0.dropFirst(2)) : $0 }
            drafts.append(try draft(methodName, operation: operation, verb: verbs[methodName] ?? .exec,
                                    status: response?["openAPIDocKey"]?.string, objectKey: objectKey,
                                    overlay: extra?.methods?[methodName]))
        }
        let mapped = Set(drafts.map(\.method.name))
        for (methodName, methodOverlay) in (extra?.methods ?? [:]).sorted(by: { $0.key < $1.key }) where !mapped.contains(methodName) {
            guard let operationText = methodOverlay.operation, let verb = methodOverlay.sqlVerb else {
                throw GeneratorError("overlay method \(name).\(methodName) is not in StackQL's mapping and gives no operation and sqlVerb")
            }
            let parts = operationText.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw GeneratorError("overlay operation \(operationText) is not `VERB /path`") }
            drafts.append(try draft(methodName, operation: try document.operation(verb: parts[0], path: parts[1]), verb: verb,
                                    status: nil, objectKey: nil, overlay: methodOverlay))
        }
        if let order = extra?.methodOrder {
            drafts = drafts.enumerated().sorted { left, right in
                let leftRank = order.firstIndex(of: left.element.method.name) ?? order.count + left.offset
                let rightRank = order.firstIndex(of: right.element.method.name) ?? order.count + right.offset
                return leftRank < rightRank
            }.map(\.element)
        }

        var resource = ResourceDefinition(name: name, title: extra?.title ?? mapping["title"]?.string ?? name,
                                          description: extra?.description ?? "Creates, updates, deletes, gets or lists a \(name) resource.",
                                          fields: extra?.fields ?? mergedFields(drafts),
                                          parameters: try mergedParameters(drafts, overlay: extra?.parameters ?? [:], resource: name),
                                          methods: drafts.map(\.method))
        if let sorting = extra?.sorting {
            let names = Set(resource.parameters.map(\.name))
            guard names.contains(sorting.keyParameter), names.contains(sorting.orderParameter),
                  sorting.keys.keys.allSatisfy({ resource.field(named: $0) != nil }) else {
                throw GeneratorError("overlay sorting of \(name) names a parameter or field the resource lacks")
            }
            resource.sorting = sorting
        }
        return resource
    }

    /// StackQL's SQL verb of each method it lists under `sqlVerbs`; the others are `exec`.
    private func sqlVerbs(_ mapping: Node) throws -> [String: SQLVerb] {
        var verbs: [String: SQLVerb] = [:]
        for (verbName, references) in mapping["sqlVerbs"]?.members ?? [] {
            guard let verb = SQLVerb(rawValue: verbName) else { throw GeneratorError("unknown SQL verb \(verbName)") }
            for reference in references.array() {
                if let method = reference["$ref"]?.string?.split(separator: "/").last { verbs[String(method)] = verb }
            }
        }
        return verbs
    }

    private func draft(_ name: String, operation: SpecOperation, verb: SQLVerb, status: String?, objectKey: String?,
                       overlay: MethodOverlay?) throws -> Draft {
        var parameters: [ParameterDefinition] = []
        var uses: [MethodParameter] = []
        for node in operation.node["parameters"]?.array() ?? [] {
            let resolved = try document.resolved(node)
            guard let parameter = try reader.parameter(resolved), let location = resolved["in"]?.string.flatMap(ParameterLocation.init) else {
                continue
            }
            parameters.append(parameter)
            uses.append(MethodParameter(name: parameter.name, in: location, required: resolved["required"]?.bool == true ? true : nil))
        }
        // Path parameters first, in the path's order, then the rest as the operation lists them.
        let pathOrder = pathParameterNames(operation.path)
        uses = uses.filter { $0.in == .path }.sorted { (pathOrder.firstIndex(of: $0.name) ?? 0) < (pathOrder.firstIndex(of: $1.name) ?? 0) }
            + uses.filter { $0.in != .path }

        let schema = try reader.responseSchema(of: operation, status: status)
        let rows = try overlay?.rows ?? objectKey ?? defaultRows(schema)
        var fields: [FieldDefinition] = []
        var pagination: Pagination?
        if let schema {
            let rowSchema = try reader.schema(at: overlay?.schema ?? rows, in: schema)
            fields = try rowSchema.map(reader.fields) ?? []
        }
        if let schema, verb == .select {
            let isList = try overlay?.paged ?? (reader.schema(at: rows, in: schema, elements: false).map(reader.valueType) == .array)
            if isList, let paging = try self.pagination(schema, rows: rows, parameters: uses.map(\.name)) {
                pagination = paging
                for index in parameters.indices where [paging.pageParameter, paging.sizeParameter].contains(parameters[index].name) {
                    parameters[index].type = .integer
                }
            }
        }
        var body = overlay?.noBody == true ? nil : try overlay?.body ?? reader.body(of: operation)
        if body?.properties.isEmpty == true && body?.required.isEmpty == true { body = nil }
        let description = overlay?.description
            ?? reader.text(operation.node["description"]?.string ?? operation.node["summary"]?.string)
        let method = MethodDefinition(
            name: name, operationId: overlay?.operationId ?? operation.node["operationId"]?.string ?? name, sqlVerb: verb,
            description: description, http: HTTPOperation(verb: operation.verb, path: operation.path),
            parameters: overlay?.parameters ?? uses, body: body, response: ResponseShape(rows: rows), pagination: pagination,
            cost: overlay?.cost ?? (verb == .select ? (pagination == nil ? 1 : self.overlay.listCost) : nil),
            idempotent: overlay?.idempotent ?? (["PUT", "PATCH", "DELETE"].contains(operation.verb) ? true : nil))
        return Draft(method: method, parameters: parameters, fields: fields)
    }

    private func pathParameterNames(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    /// Where the rows are when neither StackQL nor the overlay says: under `data` (or `result`), the one
    /// array of objects (or the one object) that `data` wraps when it has no fields of its own, else `data`.
    private func defaultRows(_ schema: Node?) throws -> String {
        guard let schema else { return "data" }
        let top = try reader.properties(schema).map(\.name)
        let root = top.contains("data") ? "data" : top.contains("result") ? "result" : "data"
        guard let data = try reader.schema(at: root, in: schema, elements: false), try reader.valueType(data) == .object else { return root }
        let members = try reader.properties(data).filter { $0.name != "paging" }
        let types = try members.map { try reader.valueType($0.schema) }
        guard !members.isEmpty, types.allSatisfy({ $0 == .object || $0 == .array }) else { return root }
        let arrays = members.indices.filter { types[$0] == .array }
        if arrays.count == 1 { return "\(root).\(members[arrays[0]].name)" }
        if members.count == 1 { return "\(root).\(members[0].name)" }
        return root
    }

    /// The list's paging: page and size parameters it accepts, and where the answer tells the total.
    private func pagination(_ schema: Node, rows: String, parameters: [String]) throws -> Pagination? {
        guard let page = ["page_no", "page"].first(where: parameters.contains), parameters.contains("per_page") else { return nil }
        let top = try reader.properties(schema).map(\.name)
        if top.contains("paging") {
            return Pagination(pageParameter: page, sizeParameter: "per_page", pageSize: overlay.pageSize,
                              totalCount: "paging.total_count", style: .besideData)
        }
        let parts = rows.split(separator: ".").map(String.init)
        if parts.count >= 2 {
            let parent = parts.dropLast().joined(separator: ".")
            if let holder = try reader.schema(at: parent, in: schema, elements: false),
               try reader.properties(holder).contains(where: { $0.name == "paging" }) {
                return Pagination(pageParameter: page, sizeParameter: "per_page", pageSize: overlay.pageSize,
                                  totalCount: parent + ".paging.total_count", style: .insideData)
            }
        }
        return Pagination(pageParameter: page, sizeParameter: "per_page", pageSize: overlay.pageSize, totalCount: nil, style: PagingStyle.none)
    }

    /// The fields of the select methods' rows: the lists' first (fewest required parameters), then what
    /// single-row answers add. A resource without a select method (`meetings`) has the fields of its
    /// methods' answers (what INSERT ... RETURNING and EXEC read), in method order.
    private func mergedFields(_ drafts: [Draft]) -> [FieldDefinition] {
        let readers = drafts.contains { $0.method.sqlVerb == .select } ? drafts.filter { $0.method.sqlVerb == .select } : drafts
        let selects = readers.enumerated().sorted { left, right in
            (left.element.method.requiredParameters.count, left.offset) < (right.element.method.requiredParameters.count, right.offset)
        }.map(\.element)
        var fields: [FieldDefinition] = []
        for draft in selects {
            for field in draft.fields where !fields.contains(where: { $0.name == field.name }) { fields.append(field) }
        }
        return fields
    }

    /// Every parameter the methods take, first definition winning, with the overlay's changes applied.
    private func mergedParameters(_ drafts: [Draft], overlay: [String: ParameterOverlay], resource: String) throws -> [ParameterDefinition] {
        var parameters: [ParameterDefinition] = []
        for draft in drafts {
            for parameter in draft.parameters where !parameters.contains(where: { $0.name == parameter.name }) {
                parameters.append(parameter)
            }
        }
        for (name, change) in overlay.sorted(by: { $0.key < $1.key }) {
            if let index = parameters.firstIndex(where: { $0.name == name }) {
                parameters[index] = change.applied(to: parameters[index])
            } else {
                guard let type = change.type, let description = change.description else {
                    throw GeneratorError("overlay parameter \(resource).\(name) is new and needs type and description")
                }
                parameters.append(change.applied(to: ParameterDefinition(name: name, type: type, description: description)))
            }
        }
        return parameters
    }
}

extension ParameterOverlay {
    /// `definition` with every member this overlay gives replaced.
    func applied(to definition: ParameterDefinition) -> ParameterDefinition {
        var result = definition
        if let type { result.type = type }
        if let format { result.format = format }
        if let values = self.enum { result.enum = values }
        if let items { result.items = items }
        if let minimum { result.minimum = minimum }
        if let maximum { result.maximum = maximum }
        if let description { result.description = description }
        if let field { result.field = field }
        if let checkedLocally { result.checkedLocally = checkedLocally }
        return result
    }
}
