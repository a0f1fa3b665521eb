import RTKQLProvider
import RTKQLSyntax

/// Plans a SELECT: binds each resource reference's parameters from its scope, chooses the cheapest
/// method, fans out multi-valued parameters, and rewrites the SQL to read the materialized tables.
public struct SelectPlanner: Sendable {
    public var resolver: ResourceResolver
    /// Values of `?`, `?NNN`, `:name`, `@name`, `$name` parameters, keyed as written (`?` numbered `?1`, `?2`...).
    public var boundParameters: [String: RawValue]
    /// The most calls one reference may fan out into.
    public var maximumFanOut: Int = 1_000

    public init(resolver: ResourceResolver, boundParameters: [String: RawValue] = [:]) {
        self.resolver = resolver
        self.boundParameters = boundParameters
    }

    /// Plans `query`, parsed from `text`, occupying `statementRange` of it.
    public func plan(_ query: Query, text: String, statementRange: SourceRange, tablePrefix: String = "rtkql_ref_") throws -> SelectPlan {
        var collector = ScopeCollector(resolver: resolver)
        try collector.collect(query)
        let names = NameResolver.analyse(query, resourceColumns: Dictionary(collector.references.map { scoped in
            let resource = scoped.resource.resource
            return (scoped.reference.range, (resource.fields.map(\.name) + resource.parameters.map(\.name)).map { $0.lowercased() })
        }, uniquingKeysWith: { first, _ in first }))
        if let unknown = names.unresolved.first { throw SelectPlanner.unknownColumn(unknown) }
        var fetches: [ResourceFetch] = []
        var edits: [TextEdit] = []
        let literals = LiteralReader(boundParameters: boundParameters)
        for (index, scoped) in collector.references.enumerated() {
            let binder = ReferenceBinder(scoped: scoped, literals: literals, sourceText: text)
            let bindings = try binder.bind()
            let tableName = "\(tablePrefix)\(index + 1)"
            let (fetch, referenceEdits) = try planFetch(scoped, bindings: bindings, tableName: tableName, binder: binder)
            fetches.append(fetch)
            edits += referenceEdits
        }
        let sql = SQLRewriter.apply(edits, to: text, within: statementRange)
        for (index, scoped) in collector.references.enumerated() {
            let read = names.fieldsRead[scoped.reference.range] ?? []
            fetches[index].fieldsRead = fetches[index].resource.resource.fields.map(\.name).filter { read.contains($0.lowercased()) }
        }
        return SelectPlan(fetches: fetches, sql: sql)
    }

    /// The error for a column reference that names nothing in scope, with the nearest name in scope.
    static func unknownColumn(_ unknown: UnresolvedColumn) -> PlanningError {
        var message = "no such column: \(unknown.name)"
        if let suggestion = NameSuggester.nearest(to: unknown.column, in: unknown.candidates.filter { !$0.hasPrefix("\u{0}") }) {
            message += "; did you mean \(suggestion)?"
        }
        return PlanningError(.unknownColumn(unknown.name), message, range: unknown.range)
    }

    private func planFetch(_ scoped: ScopedReference, bindings: ReferenceBindings, tableName: String,
                           binder: ReferenceBinder) throws -> (ResourceFetch, [TextEdit]) {
        let resource = scoped.resource.resource
        let method = try chooseMethod(scoped.resource, bindings: bindings)
        var edits: [TextEdit] = []
        let alias = scoped.reference.alias ?? scoped.reference.name.last!
        edits.append(TextEdit(range: scoped.reference.range, replacement: "\(tableName) AS \(alias)"))
        for conjunct in bindings.droppedConjuncts {
            edits.append(TextEdit(range: conjunct.range, replacement: "1"))
        }

        var perParameter: [(String, [ParameterValue])] = []
        for (name, binding) in bindings.bindings.sorted(by: { $0.key < $1.key }) {
            guard let definition = resource.parameter(named: name) else { continue }
            let accepted = method.parameter(named: name) != nil
            if !binding.isAlsoField {
                if accepted {
                    for conjunct in binding.conjuncts { edits.append(TextEdit(range: conjunct.range, replacement: "1")) }
                } else if let field = definition.field {
                    for reference in binding.columnReferences {
                        let qualifier = reference.qualifier.map(\.description)
                        edits.append(TextEdit(range: reference.range, replacement: (qualifier + [field]).joined(separator: ".")))
                    }
                }
            }
            guard accepted else { continue }
            if binding.values.isEmpty {
                perParameter.append((name, []))
            } else if definition.type == .array {
                perParameter.append((name, [try ParameterCoercion.coerce(binding.values, to: definition, resource: scoped.resource.fullName)]))
            } else {
                perParameter.append((name, try binding.values.map { try ParameterCoercion.coerce($0, to: definition) }))
            }
        }

        var combinations: [[String: ParameterValue]] = [[:]]
        for (name, values) in perParameter {
            var next: [[String: ParameterValue]] = []
            for combination in combinations {
                for value in values {
                    var extended = combination
                    extended[name] = value
                    next.append(extended)
                }
            }
            combinations = next
            if combinations.count > maximumFanOut {
                throw PlanningError(.unsupported, "the query fans out into more than \(maximumFanOut) calls of \(scoped.resource.fullName).\(method.name); narrow the IN lists")
            }
        }

        let calls = combinations.map { parameters -> MethodCall in
            guard let pagination = method.pagination, parameters[pagination.pageParameter] == nil else {
                return MethodCall(parameters: parameters, pagination: nil, pageSize: 0)
            }
            var pageSize = pagination.pageSize
            if case .integer(let size)? = parameters[pagination.sizeParameter] { pageSize = Int(size) }
            return MethodCall(parameters: parameters, pagination: pagination, pageSize: pageSize)
        }
        let referenceText = binder.text(of: Expression(.literal(.null), range: scoped.reference.range))
        let fetch = ResourceFetch(tableName: tableName, resource: scoped.resource, method: method, calls: calls,
                                  referenceText: referenceText, reason: reason(for: method, in: scoped.resource, bindings: bindings),
                                  fieldsRead: resource.fields.map(\.name))
        return (fetch, edits)
    }

    /// The cheapest SELECT method whose required parameters are all bound and which accepts every
    /// bound parameter that is not also a row field.
    private func chooseMethod(_ resolved: ResolvedResource, bindings: ReferenceBindings) throws -> MethodDefinition {
        let resource = resolved.resource
        let bound = Set(bindings.bindings.keys.map { $0.lowercased() })
        let parameterOnly = bindings.bindings.filter { name, binding in
            !binding.isAlsoField && resource.parameter(named: name)?.field == nil
        }.keys.map { $0.lowercased() }
        let methods = resource.methods(for: .select)
        guard !methods.isEmpty else {
            throw PlanningError(.unknownMethod("select"), "\(resolved.fullName) cannot be read with SELECT (see SHOW METHODS IN \(resolved.fullName))")
        }
        let eligible = methods.filter { method in
            method.requiredParameters.allSatisfy { bound.contains($0.lowercased()) }
                && parameterOnly.allSatisfy { method.parameter(named: $0) != nil }
        }
        if let best = eligible.min(by: { ($0.cost ?? 1) < ($1.cost ?? 1) }) { return best }

        // Explain the failure with the method that is closest to being callable (ties: definition order).
        let closest = methods.min { a, b in
            a.requiredParameters.filter { !bound.contains($0.lowercased()) }.count
                < b.requiredParameters.filter { !bound.contains($0.lowercased()) }.count
        }!
        if let missing = closest.requiredParameters.first(where: { !bound.contains($0.lowercased()) }) {
            throw PlanningError(.missingParameter(parameter: missing, method: "\(resolved.fullName).\(closest.name)"),
                                "missing required parameter \(missing) for \(resolved.fullName).\(closest.name) "
                                    + "(add `AND \(missing) = '...'` to the WHERE clause; see SHOW METHODS IN \(resolved.fullName))")
        }
        let stray = parameterOnly.first { closest.parameter(named: $0) == nil } ?? "?"
        throw PlanningError(.unbindableParameter(parameter: stray),
                            "no SELECT method of \(resolved.fullName) takes parameter \(stray) together with the others given (see SHOW METHODS IN \(resolved.fullName))")
    }

    private func reason(for method: MethodDefinition, in resolved: ResolvedResource, bindings: ReferenceBindings) -> String {
        let bound = Set(bindings.bindings.keys.map { $0.lowercased() })
        var text = "\(method.name) (cost \(method.cost ?? 1)): required \(method.requiredParameters.joined(separator: ", ")) bound"
        for other in resolved.resource.methods(for: .select) where other.name != method.name {
            let missing = other.requiredParameters.filter { !bound.contains($0.lowercased()) }
            text += missing.isEmpty
                ? "; \(other.name) (cost \(other.cost ?? 1)) also possible"
                : "; \(other.name) would need \(missing.joined(separator: ", "))"
        }
        return text
    }
}
