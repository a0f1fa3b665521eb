import RTKQLJSON
import RTKQLProvider
import RTKQLSyntax

/// Plans `INSERT INTO resource (columns) VALUES ... | SELECT ...`: one request per source row. The columns are
/// the chosen insert method's path and query parameters and its request-body properties (or body
/// parameters); the body is validated against the schema before anything is sent.
public struct InsertPlanner: Sendable {
    /// Resolves the statement's resource name.
    public var resolver: ResourceResolver
    /// The most rows (requests) one INSERT may send.
    public var maximumRows = 1_000

    /// A planner resolving resources with `resolver`.
    public init(resolver: ResourceResolver) {
        self.resolver = resolver
    }

    /// Plans `statement` for the source's rows, already computed (`rows[i][j]` is column `j` of row `i`).
    public func plan(_ statement: InsertStatement, rows: [[RawValue]]) throws -> ReplacePlan {
        guard let resolved = try resolver.resolve(statement.resource.name) else {
            throw resolver.unknownResource(statement.resource.name)
        }
        let methods = resolved.resource.methods(for: .insert)
        guard !methods.isEmpty else {
            throw PlanningError(.unknownMethod("insert"), "\(resolved.fullName) has no INSERT method (see SHOW METHODS IN \(resolved.fullName))")
        }
        let columns = statement.columns.map(\.value)
        guard !columns.isEmpty else {
            throw PlanningError(.unsupported, "INSERT INTO \(resolved.fullName) needs a column list: (account_id, app_id, ...)",
                                range: statement.resource.range)
        }
        if rows.count > maximumRows {
            throw PlanningError(.unsupported, "INSERT would send \(rows.count) requests; the limit is \(maximumRows)")
        }
        let method = try choose(methods, columns: columns, resource: resolved)
        let fullName = "\(resolved.fullName).\(method.name)"
        let requests = try rows.map { row throws -> OperationRequest in
            guard row.count == columns.count else {
                throw PlanningError(.unsupported, "INSERT names \(columns.count) columns but a row has \(row.count) values")
            }
            var parameters: [String: ParameterValue] = [:]
            var body: [(key: String, value: JSONValue)] = []
            for (column, raw) in zip(columns, row) {
                if let use = method.parameter(named: column), let definition = resolved.resource.parameter(named: column) {
                    if raw == .null {
                        if use.required == true {
                            throw PlanningError(.missingParameter(parameter: use.name, method: fullName),
                                                "\(use.name) of \(fullName) cannot be NULL")
                        }
                        continue
                    }
                    let value = try ParameterCoercion.coerce(raw, to: definition)
                    if use.in == .body { body.append((use.name, value.json)) } else { parameters[use.name] = value }
                } else if let key = method.body?.propertyName(matching: column), let property = method.body?.properties[key] {
                    if raw == .null { continue }
                    body.append((key, try BodyValidator.jsonValue(raw, for: key, property, method: fullName)))
                }
            }
            for required in method.parameters where required.required == true && required.in != .body && parameters[required.name] == nil {
                throw PlanningError(.missingParameter(parameter: required.name, method: fullName),
                                    "missing required parameter \(required.name) for \(fullName)")
            }
            if let schema = method.body {
                try BodyValidator.validate(.object(body), against: schema, method: fullName)
                return OperationRequest(resource: resolved, method: method, parameters: parameters, body: .object(body))
            }
            return OperationRequest(resource: resolved, method: method, parameters: parameters, body: body.isEmpty ? nil : .object(body))
        }
        return ReplacePlan(resource: resolved, method: method, requests: requests, targetParameter: nil)
    }

    /// The insert method every column belongs to whose required parameters are all among the columns; of
    /// several, the one requiring the most (adding a participant to a meeting rather than creating one).
    private func choose(_ methods: [MethodDefinition], columns: [String], resource: ResolvedResource) throws -> MethodDefinition {
        let names = Set(columns.map { $0.lowercased() })
        func knows(_ method: MethodDefinition, _ column: String) -> Bool {
            method.parameter(named: column) != nil || method.body?.propertyName(matching: column) != nil
        }
        let fitting = methods.filter { method in
            columns.allSatisfy { knows(method, $0) }
                && method.parameters.allSatisfy { $0.required != true || $0.in == .body || names.contains($0.name.lowercased()) }
        }
        if let best = fitting.max(by: { $0.requiredParameters.count < $1.requiredParameters.count }) { return best }
        // Explain with the method that comes closest.
        let closest = methods.min { left, right in
            problems(left, columns: columns, names: names).count < problems(right, columns: columns, names: names).count
        }!
        let problem = problems(closest, columns: columns, names: names).first ?? "no method fits"
        throw PlanningError(.unbindableParameter(parameter: problem),
                            "INSERT INTO \(resource.fullName): \(problem) (insert methods: "
                                + methods.map { "\($0.name) (\(columnsOf($0).joined(separator: ", ")))" }.joined(separator: "; ") + ")")
    }

    private func problems(_ method: MethodDefinition, columns: [String], names: Set<String>) -> [String] {
        var found: [String] = []
        for column in columns where method.parameter(named: column) == nil && method.body?.propertyName(matching: column) == nil {
            found.append("\(method.name) takes no column \(column)")
        }
        for parameter in method.parameters where parameter.required == true && parameter.in != .body && !names.contains(parameter.name.lowercased()) {
            found.append("\(method.name) needs \(parameter.name)")
        }
        return found
    }

    private func columnsOf(_ method: MethodDefinition) -> [String] {
        method.parameters.map(\.name) + (method.body?.properties.keys.sorted() ?? [])
    }
}
