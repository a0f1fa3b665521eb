import RTKQLProvider
import RTKQLSyntax

/// What the conjuncts of a scope say about one resource reference's parameters.
struct ReferenceBindings {
    /// A parameter's accepted values and the conjuncts that gave them.
    struct Binding {
        var values: [RawValue]
        var conjuncts: [Expression]
        /// The column is also a row field: the predicate stays in the SQL as a local filter.
        var isAlsoField: Bool
        /// Column references (range, qualifier) written with the parameter's name.
        var columnReferences: [(range: SourceRange, qualifier: [Identifier])]
    }

    var bindings: [String: Binding] = [:]
    /// Conjuncts that bound optional parameters with an empty value (an unfilled template): dropped.
    var droppedConjuncts: [Expression] = []
    /// Conjuncts that could bind a parameter from another reference's rows.
    var candidates: [DependentCandidate] = []
    /// Conjuncts on a parameter-only column that cannot bind it: an error when nothing else binds it.
    var unbindable: [(parameter: String, error: PlanningError)] = []

    /// The error for a parameter-only column that nothing binds, if a conjunct tried.
    func unbindableError(for parameter: String) -> PlanningError? {
        unbindable.first { $0.parameter.lowercased() == parameter.lowercased() }?.error
    }
}

/// A conjunct that equates a parameter with values from elsewhere in the statement.
struct DependentCandidate {
    enum Origin {
        /// `x.param = y.column`: the column (as written) of another FROM item, by the item's range.
        case column(item: SourceRange, expression: Expression)
        /// `x.param IN (SELECT ...)`.
        case subquery(Query)
    }

    var parameter: String
    var origin: Origin
    var conjunct: Expression
}

/// Binds a reference's method parameters from the conjuncts of its scope.
struct ReferenceBinder {
    let scoped: ScopedReference
    let literals: LiteralReader
    let sourceText: String
    /// Values of `IN (SELECT ...)` subqueries already run, keyed by the subquery's range.
    var subqueryValues: [SourceRange: [RawValue]] = [:]
    /// The SQL verb whose methods the bindings are for.
    var verb: SQLVerb = .select
    /// The FROM item each resolved column reference names (from name resolution).
    var columnSources: [SourceRange: ColumnSource] = [:]

    private var resource: ResourceDefinition { scoped.resource.resource }

    func bind() throws -> ReferenceBindings {
        var result = ReferenceBindings()
        for conjunct in scoped.conjuncts {
            if let (column, values, references) = extract(conjunct) {
                guard let (parameter, isField) = parameterFor(column: column) else { continue }
                if values.count == 1, case .text("") = values[0], !isRequiredAnywhere(parameter.name) {
                    result.droppedConjuncts.append(conjunct)
                    continue
                }
                var binding = result.bindings[parameter.name]
                    ?? .init(values: values, conjuncts: [], isAlsoField: isField, columnReferences: [])
                if !binding.conjuncts.isEmpty {
                    binding.values = binding.values.filter { values.contains($0) }  // AND of two predicates
                }
                binding.conjuncts.append(conjunct)
                binding.isAlsoField = binding.isAlsoField && isField
                binding.columnReferences += references
                result.bindings[parameter.name] = binding
            } else if let candidate = dependentCandidate(conjunct) {
                result.candidates.append(candidate)
            } else if let parameter = parameterOnlyColumn(in: conjunct) {
                result.unbindable.append((parameter, PlanningError(.unbindableParameter(parameter: parameter),
                                    "cannot bind parameter \(parameter) of \(scoped.resource.fullName) from \"\(text(of: conjunct))\": "
                                        + "a parameter takes values only from `\(parameter) = value`, `\(parameter) IN (values...)` "
                                        + "or `\(parameter) = a OR \(parameter) = b` with literal values, `\(parameter) = other.column`, "
                                        + "or `\(parameter) IN (SELECT ...)`, AND-ed at the top of WHERE or ON",
                                    range: conjunct.range)))
            }
        }
        return result
    }

    /// `param = other.column` (either way round) or `param IN (SELECT ...)` not already run.
    private func dependentCandidate(_ conjunct: Expression) -> DependentCandidate? {
        switch Conjuncts.unwrapped(conjunct).kind {
        case .binary(let left, let op, let right) where op == .equal || op == .doubleEqual || op == .is:
            for (mine, theirs) in [(left, right), (right, left)] {
                guard let (name, _) = column(mine), let (parameter, _) = parameterFor(column: name),
                      case .column = Conjuncts.unwrapped(theirs).kind,
                      let source = columnSources[Conjuncts.unwrapped(theirs).range],
                      source.item != scoped.reference.range else { continue }
                return DependentCandidate(parameter: parameter.name, origin: .column(item: source.item, expression: Conjuncts.unwrapped(theirs)),
                                          conjunct: conjunct)
            }
            return nil
        case .inSubquery(let operand, false, let query):
            guard let (name, _) = column(operand), let (parameter, _) = parameterFor(column: name),
                  subqueryValues[query.range] == nil else { return nil }
            return DependentCandidate(parameter: parameter.name, origin: .subquery(query), conjunct: conjunct)
        default:
            return nil
        }
    }

    /// The parameter a column name binds, and whether the column is also a row field.
    private func parameterFor(column: String) -> (ParameterDefinition, Bool)? {
        if let parameter = resource.parameter(named: column) {
            return (parameter, resource.field(named: column) != nil)
        }
        if let parameter = resource.parameters.first(where: { $0.field?.lowercased() == column.lowercased() }) {
            return (parameter, true)
        }
        return nil
    }

    private func isRequiredAnywhere(_ name: String) -> Bool {
        resource.methods(for: verb).contains { method in method.parameter(named: name)?.required == true }
    }

    /// A parameter-only column (not a field) this conjunct mentions for this reference.
    private func parameterOnlyColumn(in conjunct: Expression) -> String? {
        for (name, _) in ExpressionWalker.columns(in: conjunct) {
            guard let column = columnName(name) else { continue }
            if let parameter = resource.parameter(named: column), resource.field(named: column) == nil {
                return parameter.name
            }
        }
        return nil
    }

    /// `(column, values, column references)` when the conjunct is `col = v`, `col IN (v, ...)` or an OR of those
    /// on one column of this reference.
    private func extract(_ conjunct: Expression) -> (String, [RawValue], [(range: SourceRange, qualifier: [Identifier])])? {
        let parts = Conjuncts.disjuncts(conjunct)
        var column: String?
        var values: [RawValue] = []
        var references: [(range: SourceRange, qualifier: [Identifier])] = []
        for part in parts {
            guard let (name, partValues, reference) = extractSimple(Conjuncts.unwrapped(part)) else { return nil }
            if let column, column.lowercased() != name.lowercased() { return nil }
            column = name
            for value in partValues where !values.contains(value) { values.append(value) }
            references.append(reference)
        }
        guard let column else { return nil }
        return (column, values, references)
    }

    private func extractSimple(_ expression: Expression) -> (String, [RawValue], (range: SourceRange, qualifier: [Identifier]))? {
        switch expression.kind {
        case .binary(let left, let op, let right) where op == .equal || op == .doubleEqual || op == .is:
            if let (name, reference) = column(left), let value = literals.value(of: right), value != .null {
                return (name, [value], reference)
            }
            if let (name, reference) = column(right), let value = literals.value(of: left), value != .null {
                return (name, [value], reference)
            }
            return nil
        case .inList(let operand, false, let items):
            guard let (name, reference) = column(operand), !items.isEmpty else { return nil }
            var values: [RawValue] = []
            for item in items {
                guard let value = literals.value(of: item), value != .null else { return nil }
                if !values.contains(value) { values.append(value) }
            }
            return (name, values, reference)
        case .inSubquery(let operand, false, let query):
            guard let (name, reference) = column(operand), let values = subqueryValues[query.range] else { return nil }
            return (name, values, reference)
        default:
            return nil
        }
    }

    private func column(_ expression: Expression) -> (String, (range: SourceRange, qualifier: [Identifier]))? {
        guard case .column(let name) = Conjuncts.unwrapped(expression).kind, let column = columnName(name) else { return nil }
        if let source = columnSources[Conjuncts.unwrapped(expression).range], source.item != scoped.reference.range { return nil }
        return (column, (Conjuncts.unwrapped(expression).range, Array(name.parts.dropLast())))
    }

    /// The column's own name when `name` refers to this reference (unqualified, or qualified by its alias or name).
    func columnName(_ name: QualifiedName) -> String? {
        guard let last = name.parts.last else { return nil }
        let qualifier = name.parts.dropLast().map(\.normalized)
        if qualifier.isEmpty { return last.value }
        let reference = scoped.reference
        if let alias = reference.alias {
            return qualifier == [alias.normalized] ? last.value : nil
        }
        let tableParts = reference.name.parts.map(\.normalized)
        if qualifier == [tableParts.last!] || qualifier == tableParts { return last.value }
        return nil
    }

    func text(of expression: Expression) -> String {
        let bytes = Array(sourceText.utf8)
        guard expression.range.start >= 0, expression.range.end <= bytes.count, expression.range.start <= expression.range.end else {
            return ""
        }
        return String(decoding: bytes[expression.range.start..<expression.range.end], as: UTF8.self)
    }
}
