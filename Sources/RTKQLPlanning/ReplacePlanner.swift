import RTKQLJSON
import RTKQLProvider
import RTKQLSyntax

/// Plans `REPLACE resource SET ... WHERE ...` (PUT), `UPDATE resource SET ... WHERE ...` (PATCH) and
/// `DELETE FROM resource WHERE ...`: binds path parameters from WHERE and body parameters or request-body
/// properties from SET (and WHERE, as the seed's example does), validates them, and fans out over target IDs.
public struct ReplacePlanner: Sendable {
    /// Resolves the statement's resource name.
    public var resolver: ResourceResolver
    /// Values of `?`, `:name` ... parameters of the statement.
    public var boundParameters: [String: RawValue]
    /// Values of `IN (SELECT ...)` subqueries the engine already ran, keyed by the subquery's range.
    public var subqueryValues: [SourceRange: [RawValue]]
    /// Rows of `(p1, p2, ...) IN (SELECT ...)` subqueries the engine already ran, keyed by the subquery's
    /// range: each distinct row is one target, its columns the parameters' values in order.
    public var subqueryRows: [SourceRange: [[RawValue]]] = [:]
    /// The most targets (requests) one statement may send.
    public var maximumTargets = 1_000
    /// The SQL verb planned: `.replace`, `.update` or `.delete`.
    public var verb: SQLVerb = .replace

    public init(resolver: ResourceResolver, boundParameters: [String: RawValue] = [:], subqueryValues: [SourceRange: [RawValue]] = [:]) {
        self.resolver = resolver
        self.boundParameters = boundParameters
        self.subqueryValues = subqueryValues
    }

    public func plan(_ statement: ReplaceStatement, text: String) throws -> ReplacePlan {
        guard let resolved = try resolver.resolve(statement.resource.name) else {
            throw resolver.unknownResource(statement.resource.name)
        }
        let resource = resolved.resource
        let word = verb.rawValue.uppercased()
        let methods = resource.methods(for: verb)
        guard !methods.isEmpty else {
            throw PlanningError(.unknownMethod(verb.rawValue), "\(resolved.fullName) has no \(word) method (see SHOW METHODS IN \(resolved.fullName))")
        }
        let literals = LiteralReader(boundParameters: boundParameters)
        let allConjuncts = Conjuncts.of(statement.whereClause)
        let rowTargets = try RowValueTargets.of(allConjuncts, resource: resource, rows: subqueryRows)
        let scoped = ScopedReference(reference: statement.resource, resource: resolved,
                                     conjuncts: allConjuncts.filter { conjunct in !rowTargets.contains { $0.range == conjunct.range } })
        var binder = ReferenceBinder(scoped: scoped, literals: literals, sourceText: text)
        binder.subqueryValues = subqueryValues
        binder.verb = verb
        let bindings = try binder.bind()
        if let first = bindings.unbindable.first { throw first.error }
        var values: [String: [RawValue]] = bindings.bindings.mapValues(\.values)

        // Every WHERE conjunct must bind a parameter: REPLACE, UPDATE and DELETE cannot filter on row fields.
        let consumed = Set(bindings.bindings.values.flatMap { $0.conjuncts.map(\.range) } + bindings.droppedConjuncts.map(\.range))
        if let stray = scoped.conjuncts.first(where: { !consumed.contains($0.range) }) {
            throw PlanningError(.unbindableParameter(parameter: binder.text(of: stray)),
                                "\(word) takes only method parameters in WHERE, not \"\(binder.text(of: stray))\"; to act on rows "
                                    + "chosen by their fields use `<id parameter> IN (SELECT id FROM ... WHERE ...)`",
                                range: stray.range)
        }
        var bodyValues: [(key: String, value: RawValue)] = []
        for assignment in statement.assignments {
            let name = assignment.column.value
            guard let value = literals.value(of: assignment.value) else {
                throw PlanningError(.invalidParameterValue(parameter: name), "SET \(name) needs a literal value",
                                    range: assignment.value.range)
            }
            // A request-body property of the schema (`SET title = '...'`).
            if let key = methods.lazy.compactMap({ $0.body?.propertyName(matching: name) }).first,
               !methods.contains(where: { $0.parameter(named: name)?.in == .body }) {
                bodyValues.removeAll { $0.key == key }
                bodyValues.append((key, value))
                continue
            }
            guard let parameter = resource.parameter(named: name), methods.contains(where: { $0.parameter(named: name)?.in == .body }) else {
                let bodyNames = ReplacePlanner.settable(methods)
                var message = "cannot SET \(name): \(word) on \(resolved.fullName) sets \(bodyNames.joined(separator: ", "))"
                if let suggestion = NameSuggester.nearest(to: name, in: bodyNames) { message += "; did you mean \(suggestion)?" }
                throw PlanningError(.unknownColumn(name), message, range: assignment.column.range)
            }
            if let existing = values[parameter.name], !existing.isEmpty, existing != [value] {
                throw PlanningError(.invalidParameterValue(parameter: name),
                                    "\(name) is \(value) in SET but \(existing.map(\.description).joined(separator: ", ")) in WHERE",
                                    range: assignment.value.range)
            }
            values[parameter.name] = [value]
        }

        for target in rowTargets {
            for name in target.parameters where values[name] != nil {
                throw PlanningError(.invalidParameterValue(parameter: name),
                                    "\(name) is bound twice: by the row-value IN and by another condition; bind it once",
                                    range: target.range)
            }
        }
        let bound = Set(values.keys.map { $0.lowercased() } + rowTargets.flatMap(\.parameters).map { $0.lowercased() })
        // The most specific method whose required parameters are all bound (edit a participant rather than
        // its meeting when participant_id is bound too).
        let satisfied = methods.filter { $0.requiredParameters.allSatisfy { bound.contains($0.lowercased()) } }
        guard let method = satisfied.max(by: { $0.requiredParameters.count < $1.requiredParameters.count }) else {
            let method = methods[0]
            let missing = method.requiredParameters.first { !bound.contains($0.lowercased()) }!
            let hint = method.parameter(named: missing)?.in == .body ? "add `SET \(missing) = '...'`" : "add `AND \(missing) = '...'` to the WHERE clause"
            throw PlanningError(.missingParameter(parameter: missing, method: "\(resolved.fullName).\(method.name)"),
                                "missing required parameter \(missing) for \(resolved.fullName).\(method.name) "
                                    + "(\(hint); see SHOW METHODS IN \(resolved.fullName))")
        }

        var perParameter: [(String, [ParameterValue])] = []
        var targetParameter: String?
        for parameter in method.parameters {
            guard let raw = values.first(where: { $0.key.lowercased() == parameter.name.lowercased() })?.value,
                  let definition = resource.parameter(named: parameter.name) else { continue }
            let coerced: [ParameterValue] = definition.type == .array
                ? [try ParameterCoercion.coerce(raw, to: definition, resource: resolved.fullName)]
                : try raw.map { try ParameterCoercion.coerce($0, to: definition) }
            if coerced.count > 1 { targetParameter = targetParameter ?? parameter.name }
            perParameter.append((parameter.name, coerced))
        }
        var combinations: [[String: ParameterValue]] = [[:]]
        for (name, options) in perParameter {
            combinations = combinations.flatMap { combination in
                options.map { value -> [String: ParameterValue] in
                    var next = combination
                    next[name] = value
                    return next
                }
            }
        }
        // Parameters bound together by `(p1, p2) IN (SELECT ...)`: one target per distinct row of the
        // subquery, never the cross product of their values.
        for target in rowTargets {
            var rows: [[String: ParameterValue]] = []
            var seen = Set<[String]>()
            for row in target.rows {
                var values: [String: ParameterValue] = [:]
                for (name, raw) in zip(target.parameters, row) {
                    guard let definition = resource.parameter(named: name) else { continue }
                    values[definition.name] = try ParameterCoercion.coerce(raw, to: definition)
                }
                if seen.insert(row.map(\.description)).inserted { rows.append(values) }
            }
            if rows.count > 1 { targetParameter = targetParameter ?? target.parameters.last }
            combinations = combinations.flatMap { combination in
                rows.map { row in combination.merging(row) { current, _ in current } }
            }
        }
        if combinations.count > maximumTargets {
            throw PlanningError(.unsupported, "\(word) would send \(combinations.count) requests; the limit is \(maximumTargets)")
        }
        let fullName = "\(resolved.fullName).\(method.name)"
        var schemaMembers: [(key: String, value: JSONValue)] = []
        for (key, raw) in bodyValues {
            guard let property = method.body?.properties[key] else {
                throw PlanningError(.unknownColumn(key), "cannot SET \(key): \(fullName) takes no body property \(key)")
            }
            if raw == .null { continue }
            schemaMembers.append((key, try BodyValidator.jsonValue(raw, for: key, property, method: fullName)))
        }
        let requests = try combinations.map { combination throws -> OperationRequest in
            var pathAndQuery: [String: ParameterValue] = [:]
            var body: [(key: String, value: JSONValue)] = []
            for parameter in method.parameters {
                guard let value = combination[parameter.name] else { continue }
                if parameter.in == .body { body.append((parameter.name, value.json)) } else { pathAndQuery[parameter.name] = value }
            }
            body += schemaMembers
            if let schema = method.body {
                try BodyValidator.validate(.object(body), against: schema, method: fullName)
                return OperationRequest(resource: resolved, method: method, parameters: pathAndQuery, body: .object(body))
            }
            return OperationRequest(resource: resolved, method: method, parameters: pathAndQuery, body: body.isEmpty ? nil : .object(body))
        }
        return ReplacePlan(resource: resolved, method: method, requests: requests, targetParameter: targetParameter)
    }

    /// The names SET may assign for these methods: body parameters and request-body properties.
    static func settable(_ methods: [MethodDefinition]) -> [String] {
        var names: [String] = []
        for method in methods {
            for name in method.parameters.filter({ $0.in == .body }).map(\.name) + (method.body?.properties.keys.sorted() ?? [])
            where !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }
}

extension BodySchema {
    /// The declared property called `name` (case-insensitive), as the schema spells it.
    func propertyName(matching name: String) -> String? {
        properties.keys.sorted().first { $0.lowercased() == name.lowercased() }
    }
}
