import RTKQLJSON
import RTKQLProvider
import RTKQLSyntax

/// Plans `EXEC provider.service.resource.method @p = v ... [@@json = '...'] [FROM (query)]`: path and
/// query parameters from the arguments (and the query's columns), the body from `@@json` (and
/// body-property arguments and columns), all checked against the method's definition before anything is sent.
public struct ExecPlanner: Sendable {
    public var resolver: ResourceResolver
    public var boundParameters: [String: RawValue]

    public init(resolver: ResourceResolver, boundParameters: [String: RawValue] = [:]) {
        self.resolver = resolver
        self.boundParameters = boundParameters
    }

    /// Plans `statement` without its `FROM (query)` rows: one request from the arguments alone.
    public func plan(_ statement: ExecStatement) throws -> ExecPlan {
        let target = try method(of: statement)
        return ExecPlan(resource: target.resource, method: target.method, requests: [try request(statement, target: target, row: [])])
    }

    /// Plans `statement` with the rows its `FROM (query)` returned (`columns` naming their values): one
    /// request per distinct row, each column binding the parameter or body property it is named after
    /// (a NULL binds nothing), the `@` arguments holding for every request. Everything is validated
    /// before any request is sent.
    public func plan(_ statement: ExecStatement, columns: [String], rows: [[RawValue]],
                     maximumTargets: Int = 1_000) throws -> ExecPlan {
        let target = try method(of: statement)
        let named = statement.arguments.map { $0.name.value.lowercased() }
        for column in columns where named.contains(column.lowercased()) {
            throw PlanningError(.invalidParameterValue(parameter: column),
                                "\(column) is bound twice: by @\(column) and by a column of FROM (query); bind it once",
                                range: statement.source?.range)
        }
        var seen = Set<[RawValue]>()
        let distinct = rows.filter { seen.insert($0).inserted }
        if distinct.count > maximumTargets {
            throw PlanningError(.unsupported, "EXEC \(target.fullName) would send \(distinct.count) requests (one per distinct row of "
                                    + "FROM (query)); the limit is \(maximumTargets)")
        }
        let requests = try distinct.map { row in
            try request(statement, target: target, row: zip(columns, row).filter { $0.1 != .null }.map { ($0.0, $0.1) })
        }
        return ExecPlan(resource: target.resource, method: target.method, requests: requests, sourceColumns: columns)
    }

    /// The method a statement names, resolved.
    private func method(of statement: ExecStatement) throws -> (resource: ResolvedResource, method: MethodDefinition, fullName: String) {
        let parts = statement.method.parts
        guard parts.count >= 2, let methodName = parts.last else {
            throw PlanningError(.unknownMethod(statement.method.dotted),
                                "EXEC needs provider.service.resource.method, got \(statement.method.dotted)", range: statement.method.range)
        }
        let resourceName = QualifiedName(Array(parts.dropLast()))
        guard let resolved = try resolver.resolve(resourceName) else { throw resolver.unknownResource(resourceName) }
        let resource = resolved.resource
        let fullName = "\(resolved.fullName).\(methodName.value)"
        guard let method = resource.method(named: methodName.value) else {
            let names = resource.methods.map(\.name)
            var message = "unknown method \(fullName)"
            if let suggestion = NameSuggester.nearest(to: methodName.value, in: names) { message += "; did you mean \(suggestion)?" }
            message += " Methods: \(names.joined(separator: ", ")) (see SHOW METHODS IN \(resolved.fullName))"
            throw PlanningError(.unknownMethod(fullName), message, range: methodName.range)
        }
        return (resolved, method, fullName)
    }

    /// One request: the `@` arguments plus `row`, the values one row of `FROM (query)` binds by name.
    private func request(_ statement: ExecStatement, target: (resource: ResolvedResource, method: MethodDefinition, fullName: String),
                         row: [(String, RawValue)]) throws -> OperationRequest {
        let (resolved, method, fullName) = target
        let resource = resolved.resource
        let literals = LiteralReader(boundParameters: boundParameters)
        var inputs: [(name: String, value: RawValue, range: SourceRange?)] = []
        for argument in statement.arguments {
            guard let raw = literals.value(of: argument.value), raw != .null else {
                throw PlanningError(.invalidParameterValue(parameter: argument.name.value), "@\(argument.name.value) needs a literal value",
                                    range: argument.value.range)
            }
            inputs.append((argument.name.value, raw, argument.name.range))
        }
        inputs += row.map { ($0.0, $0.1, nil) }
        var parameters: [String: ParameterValue] = [:]
        var bodyMembers: [(key: String, value: JSONValue)] = []
        for (name, raw, range) in inputs {
            if let parameter = method.parameter(named: name), parameter.in != .body, let definition = resource.parameter(named: name) {
                parameters[parameter.name] = try ParameterCoercion.coerce(raw, to: definition)
            } else if let property = method.body?.properties.first(where: { $0.key.lowercased() == name.lowercased() }) {
                bodyMembers.append((property.key, try BodyValidator.jsonValue(raw, for: property.key, property.value, method: fullName)))
            } else {
                let names = method.parameters.filter { $0.in != .body }.map(\.name) + (method.body?.properties.keys.sorted() ?? [])
                var message = range == nil
                    ? "column \(name) of FROM (query) names no parameter of \(fullName)"
                    : "\(fullName) takes no parameter @\(name)"
                if let suggestion = NameSuggester.nearest(to: name, in: names) {
                    message += range == nil ? "; did you mean \(suggestion)? (name the column with AS)" : "; did you mean @\(suggestion)?"
                }
                message += " (parameters: \(names.map { "@" + $0 }.joined(separator: ", ")))"
                throw PlanningError(.unbindableParameter(parameter: name), message, range: range ?? statement.source?.range)
            }
        }
        for required in method.parameters where required.required == true && required.in != .body && parameters[required.name] == nil {
            let hint = statement.source == nil ? "add @\(required.name)='...'" : "add @\(required.name)='...' or a column \(required.name) to FROM (query)"
            throw PlanningError(.missingParameter(parameter: required.name, method: fullName),
                                "missing required parameter \(required.name) for \(fullName) (\(hint); see SHOW METHODS IN \(resolved.fullName))")
        }

        var body: JSONValue?
        if let text = statement.jsonBody {
            let parsed: JSONValue
            do { parsed = try JSONValue.parse(text) } catch {
                throw PlanningError(.invalidParameterValue(parameter: "@@json"), "@@json for \(fullName) is not valid JSON: \(error)",
                                    range: statement.jsonBodyRange)
            }
            guard case .object(var members) = parsed else {
                throw PlanningError(.invalidParameterValue(parameter: "@@json"), "@@json for \(fullName) must be a JSON object",
                                    range: statement.jsonBodyRange)
            }
            for member in bodyMembers {
                if members.contains(where: { $0.key == member.key }) {
                    throw PlanningError(.invalidParameterValue(parameter: member.key),
                                        "\(member.key) is given both as @\(member.key) and in @@json")
                }
                members.append(member)
            }
            body = .object(members)
        } else if !bodyMembers.isEmpty || method.body != nil {
            body = .object(bodyMembers)
        }
        if let schema = method.body, let body {
            try BodyValidator.validate(body, against: schema, method: fullName)
        }
        return OperationRequest(resource: resolved, method: method, parameters: parameters, body: method.body == nil ? nil : body)
    }
}

/// Checks a request body against a method's body schema, naming the offending field.
enum BodyValidator {
    static func validate(_ body: JSONValue, against schema: BodySchema, method: String) throws {
        guard case .object(let members) = body else {
            throw PlanningError(.invalidParameterValue(parameter: "@@json"), "the body of \(method) must be a JSON object")
        }
        for required in schema.required where !members.contains(where: { $0.key == required }) {
            throw PlanningError(.missingParameter(parameter: required, method: method),
                                "invalid body for \(method): \"\(required)\" is required")
        }
        for (key, value) in members {
            guard let property = schema.properties[key] else { continue }  // unknown members pass through
            try check(value, key: key, property: property, method: method)
        }
    }

    static func check(_ value: JSONValue, key: String, property: BodyProperty, method: String) throws {
        func fail(_ expectation: String) -> PlanningError {
            PlanningError(.invalidParameterValue(parameter: key),
                          "invalid body for \(method): \"\(key)\" must be \(expectation), got \(value.serialized)")
        }
        switch (property.type, value) {
        case (.string, .string(let text)):
            if let allowed = property.enum, !allowed.contains(text) { throw fail("one of \(allowed.joined(separator: ", "))") }
        case (.integer, .number(let text)):
            guard let number = Int64(text) else { throw fail(rangeText("an integer", property)) }
            if let minimum = property.minimum, Double(number) < minimum { throw fail(rangeText("an integer", property)) }
            if let maximum = property.maximum, Double(number) > maximum { throw fail(rangeText("an integer", property)) }
        case (.number, .number(let text)):
            guard let number = Double(text) else { throw fail(rangeText("a number", property)) }
            if let minimum = property.minimum, number < minimum { throw fail(rangeText("a number", property)) }
            if let maximum = property.maximum, number > maximum { throw fail(rangeText("a number", property)) }
        case (.boolean, .bool): break
        case (.object, .object): break
        case (.array, .array(let elements)):
            guard let items = property.items else { break }
            for (index, element) in elements.enumerated() {
                let item = BodyProperty(type: items.type, enum: items.enum)
                try check(element, key: "\(key)[\(index)]", property: item, method: method)
            }
        default:
            throw fail(property.type == .integer ? rangeText("an integer", property) : "a JSON \(property.type.rawValue)")
        }
    }

    static func rangeText(_ noun: String, _ property: BodyProperty) -> String {
        switch (property.minimum, property.maximum) {
        case (let minimum?, let maximum?): return "\(noun) from \(Int(minimum)) to \(Int(maximum))"
        case (let minimum?, nil): return "\(noun) of at least \(Int(minimum))"
        case (nil, let maximum?): return "\(noun) of at most \(Int(maximum))"
        default: return noun
        }
    }

    /// An argument's literal as a body member of the property's type.
    static func jsonValue(_ raw: RawValue, for key: String, _ property: BodyProperty, method: String) throws -> JSONValue {
        switch (property.type, raw) {
        case (.string, _): return .string(raw.plainText)
        case (.integer, .integer(let number)): return .number(String(number))
        case (.integer, .text(let text)) where Int64(text) != nil: return .number(text)
        case (.number, .integer(let number)): return .number(String(number))
        case (.number, .real(let number)): return .number(String(number))
        case (.number, .text(let text)) where Double(text) != nil: return .number(text)
        case (.boolean, .boolean(let flag)): return .bool(flag)
        case (.boolean, .integer(let number)) where number == 0 || number == 1: return .bool(number == 1)
        case (.boolean, .text(let text)) where ["true", "false"].contains(text.lowercased()): return .bool(text.lowercased() == "true")
        case (.object, .text(let text)), (.array, .text(let text)):
            if let parsed = try? JSONValue.parse(text) { return parsed }
        default: break
        }
        throw PlanningError(.invalidParameterValue(parameter: key),
                            "invalid value \(raw) for @\(key) of \(method): expected a \(property.type.rawValue)")
    }
}

extension RawValue {
    /// The value as plain text (strings unquoted).
    var plainText: String {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .null: return ""
        }
    }
}
