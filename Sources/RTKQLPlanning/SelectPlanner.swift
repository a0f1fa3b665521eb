import RTKQLProvider
import RTKQLSyntax

/// Plans a SELECT: binds each resource reference's parameters from literals or from other references'
/// rows, chooses the cheapest method, orders the references so that a reference is loaded after those
/// its parameters come from, fans out multi-valued parameters, and rewrites the SQL to read the
/// materialized tables.
public struct SelectPlanner: Sendable {
    public var resolver: ResourceResolver
    /// Values of `?`, `?NNN`, `:name`, `@name`, `$name` parameters, keyed as written (`?` numbered `?1`, `?2`...).
    public var boundParameters: [String: RawValue]
    /// The most calls one reference may make (`--max-calls`).
    public var maximumCalls: Int = 500

    public init(resolver: ResourceResolver, boundParameters: [String: RawValue] = [:], maximumCalls: Int = 500) {
        self.resolver = resolver
        self.boundParameters = boundParameters
        self.maximumCalls = maximumCalls
    }

    /// Plans `query`, parsed from `text`, occupying `statementRange` of it.
    public func plan(_ query: Query, text: String, statementRange: SourceRange, tablePrefix: String = "rtkql_ref_") throws -> SelectPlan {
        var collector = ScopeCollector(resolver: resolver)
        try collector.collect(query)
        collector.orderBySource()
        let references = collector.references
        let parameterColumns = references.map { ParameterColumn.of($0.resource.resource) }
        let names = NameResolver.analyse(query, resourceColumns: Dictionary(references.indices.map { index in
            let columns = references[index].resource.resource.fields.map(\.name) + parameterColumns[index].map(\.name)
            return (references[index].reference.range, columns.map { $0.lowercased() })
        }, uniquingKeysWith: { first, _ in first }))
        if let unknown = names.unresolved.first { throw SelectPlanner.unknownColumn(unknown) }

        let tableNames = references.indices.map { "\(tablePrefix)\($0 + 1)" }
        let wrapped = StarExpansion.wrappedReferences(collector)
        let literals = LiteralReader(boundParameters: boundParameters)
        var analyses: [ReferenceAnalysis] = []
        for (index, scoped) in references.enumerated() {
            var binder = ReferenceBinder(scoped: scoped, literals: literals, sourceText: text)
            binder.columnSources = names.columnSources
            var bindings = try binder.bind()
            if wrapped.contains(index) { bindings.candidates = [] }
            analyses.append(ReferenceAnalysis(scoped: scoped, bindings: bindings, columns: parameterColumns[index],
                                              isWrapped: wrapped.contains(index)))
        }

        var edits: [TextEdit] = []
        for (index, analysis) in analyses.enumerated() {
            edits += referenceEdits(analysis, tableName: tableNames[index])
        }
        edits += StarExpansion.edits(collector, wrapped: wrapped) { references[$0].resource.resource.fields.map(\.name) }
        let drivers = DriverBuilder(collector: collector, columnSources: names.columnSources, text: text, edits: edits)
        let choices = try DependencyChooser(analyses: analyses, drivers: drivers).choose()

        var fetches: [ResourceFetch] = []
        for (index, analysis) in analyses.enumerated() {
            fetches.append(try fetch(analysis, choice: choices[index], tableName: tableNames[index], tableNames: tableNames, text: text))
        }
        for (index, analysis) in analyses.enumerated() {
            let read = names.fieldsRead[analysis.scoped.reference.range] ?? []
            let mapped = Set(analysis.columns.filter { read.contains($0.name.lowercased()) }.compactMap { $0.sourceField?.lowercased() })
            fetches[index].fieldsRead = analysis.resource.fields.map(\.name).filter {
                read.contains($0.lowercased()) || mapped.contains($0.lowercased())
            }
            fetches[index].parametersRead = analysis.columns.map(\.name).filter { read.contains($0.lowercased()) }
        }
        for (index, analysis) in analyses.enumerated() {
            fetches[index].checkedLocally = SelectPlanner.checkedLocally(analysis, fetch: fetches[index])
        }
        if analyses.count == 1, !fetches[0].isDependent, fetches[0].listOnce == nil {
            fetches[0].rowLimit = RowLimit.of(query, reference: analyses[0], method: fetches[0].method, literals: literals)
            if fetches[0].rowLimit == nil {
                fetches[0].sortedLimit = RowLimit.sorted(query, reference: analyses[0], fetch: fetches[0], literals: literals)
            }
        }
        let sql = SQLRewriter.apply(edits, to: text, within: statementRange)
        return SelectPlan(fetches: fetches, sql: sql, loadOrder: DependencyChooser.loadOrder(choices))
    }

    /// The parameters of `fetch` that a listing without them, filtered by SQLite, answers exactly: marked
    /// `checkedLocally` in the provider data, and read by SQLite from the row (a field of the same name, or a
    /// column generated from one, which a fields-only subquery would hide).
    static func checkedLocally(_ analysis: ReferenceAnalysis, fetch: ResourceFetch) -> Set<String> {
        var names = Set(analysis.bindings.bindings.filter { !$0.value.values.isEmpty }.keys)
        for driver in fetch.drivers { names.formUnion(driver.parameters) }
        return Set(names.compactMap { name -> String? in
            guard let definition = analysis.resource.parameter(named: name), definition.checkedLocally == true,
                  fetch.method.parameter(named: name) != nil else { return nil }
            let isField = analysis.resource.field(named: name) != nil
            let isGenerated = analysis.columns.contains { $0.name.lowercased() == name.lowercased() && $0.isGenerated }
            return isField || (isGenerated && !analysis.isWrapped) ? definition.name : nil
        })
    }

    /// The error for a column reference that names nothing in scope, with the nearest name in scope.
    static func unknownColumn(_ unknown: UnresolvedColumn) -> PlanningError {
        var message = "no such column: \(unknown.name)"
        if let suggestion = NameSuggester.nearest(to: unknown.column, in: unknown.candidates.filter { !$0.hasPrefix("\u{0}") }) {
            message += "; did you mean \(suggestion)?"
        }
        return PlanningError(.unknownColumn(unknown.name), message, range: unknown.range)
    }

    /// The reference replaced by its table, and the predicates SQLite cannot evaluate over it replaced
    /// by `1`: empty template values, and parameters that are not columns of the table (paging
    /// parameters; every parameter of a reference read through a fields-only subquery).
    private func referenceEdits(_ analysis: ReferenceAnalysis, tableName: String) -> [TextEdit] {
        let reference = analysis.scoped.reference
        let alias = (reference.alias ?? reference.name.last!).description
        var edits: [TextEdit] = []
        if analysis.isWrapped {
            let fields = analysis.resource.fields.map { SQLName.quoted($0.name) }.joined(separator: ", ")
            edits.append(TextEdit(range: reference.range, replacement: "(SELECT \(fields) FROM \(tableName)) AS \(alias)"))
        } else {
            edits.append(TextEdit(range: reference.range, replacement: "\(tableName) AS \(alias)"))
        }
        for conjunct in analysis.bindings.droppedConjuncts {
            edits.append(TextEdit(range: conjunct.range, replacement: "1"))
        }
        let columns = Set(analysis.columns.map { $0.name.lowercased() })
        for (name, binding) in analysis.bindings.bindings where !binding.isAlsoField {
            guard analysis.isWrapped || !columns.contains(name.lowercased()) else { continue }
            for conjunct in binding.conjuncts { edits.append(TextEdit(range: conjunct.range, replacement: "1")) }
        }
        return edits
    }

    private func fetch(_ analysis: ReferenceAnalysis, choice: DependencyChoice, tableName: String, tableNames: [String],
                       text: String) throws -> ResourceFetch {
        let resource = analysis.resource
        let method = choice.method
        var sources: [(name: String, source: String)] = []
        let calls = try literalCalls(analysis, method: method, sources: &sources)
        for driver in choice.drivers {
            let of = driver.dependsOn.map { tableNames[$0] }.joined(separator: ", ")
            for parameter in driver.parameters {
                sources.append((parameter, of.isEmpty ? driver.origin : "\(driver.origin) of \(of)"))
            }
        }
        var fetch = ResourceFetch(tableName: tableName, resource: analysis.scoped.resource, method: method, calls: calls,
                                  referenceText: SQLRewriter.apply([], to: text, within: analysis.scoped.reference.range),
                                  reason: reason(for: method, in: analysis, choice: choice),
                                  fieldsRead: resource.fields.map(\.name))
        fetch.parameterColumns = analysis.columns
        fetch.drivers = choice.drivers
        fetch.parameterSources = sources.sorted { $0.name < $1.name }
        if let (alternative, kept) = choice.listOnce {
            var ignored: [(name: String, source: String)] = []
            let alternativeCalls = try literalCalls(analysis, method: alternative, sources: &ignored)
            fetch.listOnce = ListOnceAlternative(method: alternative, calls: alternativeCalls, parameters: kept)
        }
        return fetch
    }

    /// The calls made from literal bindings: one per combination of the accepted parameters' values.
    private func literalCalls(_ analysis: ReferenceAnalysis, method: MethodDefinition,
                              sources: inout [(name: String, source: String)]) throws -> [MethodCall] {
        var perParameter: [(String, [CallCombinations.BoundValue])] = []
        for (name, binding) in analysis.bindings.bindings.sorted(by: { $0.key < $1.key }) {
            guard let definition = analysis.resource.parameter(named: name), method.parameter(named: name) != nil else { continue }
            sources.append((definition.name, LiteralReader.describe(binding.values, conjuncts: binding.conjuncts)))
            if binding.values.isEmpty {
                perParameter.append((name, []))
            } else if definition.type == .array {
                let value = try ParameterCoercion.coerce(binding.values, to: definition, resource: analysis.scoped.resource.fullName)
                perParameter.append((name, [.init(value: value, raw: .text(JSONText.array(value.wireValues)))]))
            } else {
                perParameter.append((name, try binding.values.map { .init(value: try ParameterCoercion.coerce($0, to: definition), raw: $0) }))
            }
        }
        return try CallCombinations.calls(perParameter, method: method, limit: maximumCalls) {
            "\(analysis.scoped.resource.fullName).\(method.name)"
        }
    }

    private func reason(for method: MethodDefinition, in analysis: ReferenceAnalysis, choice: DependencyChoice) -> String {
        let bound = choice.bound
        var text = "\(method.name) (cost \(method.cost ?? 1)): required \(method.requiredParameters.joined(separator: ", ")) bound"
        for other in analysis.resource.methods(for: .select) where other.name != method.name {
            let missing = other.requiredParameters.filter { !bound.contains($0.lowercased()) }
            text += missing.isEmpty
                ? "; \(other.name) (cost \(other.cost ?? 1)) also possible"
                : "; \(other.name) would need \(missing.joined(separator: ", "))"
        }
        return text
    }
}

/// One resource reference with what its scope binds.
struct ReferenceAnalysis {
    var scoped: ScopedReference
    var bindings: ReferenceBindings
    var columns: [ParameterColumn]
    /// Read through a fields-only subquery (see `StarExpansion`).
    var isWrapped: Bool

    var resource: ResourceDefinition { scoped.resource.resource }
}

/// JSON text for stored values.
enum JSONText {
    /// `["a","b"]`.
    static func array(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ",") + "]"
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
