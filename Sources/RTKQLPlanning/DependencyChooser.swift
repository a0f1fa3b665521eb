import RTKQLProvider
import RTKQLSyntax

/// What the planner decided for one reference: its method, the queries that bind its parameters from
/// other references' rows, and the references it must be loaded after.
struct DependencyChoice {
    var method: MethodDefinition
    var drivers: [ParameterDriver] = []
    /// Every parameter bound, from literals or from rows (lower-cased).
    var bound: Set<String>
    /// The method (and the row-bound parameters it keeps) that answers with fewer calls, when that can be cheaper.
    var listOnce: (MethodDefinition, [String])?
    var dependsOn: Set<Int> = []
}

/// Chooses, for every reference, the method to call and which parameters take their values from other
/// references, as a graph without cycles.
///
/// A parameter a chosen method requires and no literal binds must be bound from rows; other parameters
/// the method takes are bound from rows where the statement equates them with another source, unless
/// that would close a cycle. A literal always wins over rows for the same parameter (the equality then
/// stays a predicate SQLite evaluates).
struct DependencyChooser {
    let analyses: [ReferenceAnalysis]
    let drivers: DriverBuilder

    /// A candidate that can drive: its single-column driver gives its dependencies.
    private struct Usable {
        var candidate: DependentCandidate
        var dependsOn: Set<Int>
    }

    func choose() throws -> [DependencyChoice] {
        var usable: [[String: [Usable]]] = []
        for index in analyses.indices { usable.append(usableCandidates(index)) }
        var choices: [DependencyChoice] = []
        var literalMethods: [MethodDefinition?] = []
        for (index, analysis) in analyses.enumerated() {
            let literal = Set(analysis.bindings.bindings.keys.map { $0.lowercased() })
            literalMethods.append(try? chooseMethod(analysis, bound: literal))
            let method = try chooseMethod(analysis, bound: literal.union(usable[index].keys))
            choices.append(DependencyChoice(method: method, bound: literal))
        }
        var chosen: [[Usable]] = Array(repeating: [], count: analyses.count)

        // References that literals alone cannot call take their required parameters from rows first;
        // then the others, where rows make a cheaper method callable without closing a cycle.
        let mustDepend = analyses.indices.filter { literalMethods[$0] == nil }
        let mayDepend = analyses.indices.filter { literalMethods[$0] != nil }
        for index in mustDepend + mayDepend {
            let needed = choices[index].method.requiredParameters.filter { !choices[index].bound.contains($0.lowercased()) }
            var picks: [Usable] = []
            var blocked: String?
            var planned = choices
            for parameter in needed {
                if let pick = usable[index][parameter.lowercased()]?.first(where: { !closesCycle(index, $0.dependsOn, planned) }) {
                    picks.append(pick)
                    planned[index].dependsOn.formUnion(pick.dependsOn)
                } else {
                    blocked = parameter
                }
            }
            if let blocked {
                if let literalMethod = literalMethods[index] {
                    choices[index].method = literalMethod
                    continue
                }
                throw cycleError(index, parameter: blocked, usable: usable[index][blocked.lowercased()] ?? [])
            }
            for pick in picks { add(pick, to: index, &choices, &chosen) }
        }
        // Other parameters the method takes, where the statement equates them with another source.
        for index in analyses.indices {
            for parameter in choices[index].method.parameters where parameter.in != .body {
                let name = parameter.name.lowercased()
                guard !choices[index].bound.contains(name),
                      let pick = usable[index][name]?.first(where: { !closesCycle(index, $0.dependsOn, choices) }) else { continue }
                add(pick, to: index, &choices, &chosen)
            }
        }
        for index in analyses.indices {
            let analysis = analyses[index]
            if let first = analysis.bindings.unbindable.first(where: { !choices[index].bound.contains($0.parameter.lowercased()) }) {
                throw first.error
            }
            choices[index].drivers = makeDrivers(chosen[index], core: analysis.scoped.core)
            choices[index].listOnce = listOnce(index, choices[index], chosen: chosen[index])
        }
        return choices
    }

    private func add(_ pick: Usable, to index: Int, _ choices: inout [DependencyChoice], _ chosen: inout [[Usable]]) {
        chosen[index].append(pick)
        choices[index].bound.insert(pick.candidate.parameter.lowercased())
        choices[index].dependsOn.formUnion(pick.dependsOn)
    }

    /// The candidates of reference `index` that can drive, by lower-cased parameter name: those whose
    /// values are known once other references are loaded.
    private func usableCandidates(_ index: Int) -> [String: [Usable]] {
        let analysis = analyses[index]
        var result: [String: [Usable]] = [:]
        for candidate in analysis.bindings.candidates {
            guard analysis.bindings.bindings[candidate.parameter] == nil,
                  let driver = driver(for: [candidate], core: analysis.scoped.core), isDrivable(candidate) else { continue }
            result[candidate.parameter.lowercased(), default: []].append(Usable(candidate: candidate, dependsOn: Set(driver.dependsOn)))
        }
        return result
    }

    /// Whether the driving column holds values before this reference is loaded: any column of a
    /// subquery, CTE or function; of a resource, a field, a generated parameter column, or a parameter
    /// bound from literals.
    private func isDrivable(_ candidate: DependentCandidate) -> Bool {
        guard case .column(let item, let expression) = candidate.origin else { return true }
        guard let driving = analyses.first(where: { $0.scoped.reference.range == item }) else { return true }
        guard case .column(let name) = expression.kind, let column = name.last?.normalized else { return false }
        if driving.resource.field(named: column) != nil { return true }
        if driving.columns.contains(where: { $0.name.lowercased() == column && $0.isGenerated }) { return true }
        return driving.bindings.bindings.keys.contains { $0.lowercased() == column }
    }

    /// One driver for candidates on the same FROM item (or one subquery).
    private func driver(for candidates: [DependentCandidate], core: Int) -> ParameterDriver? {
        guard let first = candidates.first else { return nil }
        switch first.origin {
        case .subquery(let query):
            return drivers.driver(parameter: first.parameter, subquery: query, core: core)
        case .column(let item, _):
            let columns = candidates.compactMap { candidate -> Expression? in
                if case .column(_, let expression) = candidate.origin { return expression }
                return nil
            }
            return drivers.driver(parameters: candidates.map(\.parameter), columns: columns, item: item)
        }
    }

    /// The chosen candidates as drivers: equalities with the same FROM item share one query.
    private func makeDrivers(_ chosen: [Usable], core: Int) -> [ParameterDriver] {
        var groups: [[DependentCandidate]] = []
        for pick in chosen {
            if case .column(let item, _) = pick.candidate.origin,
               let group = groups.firstIndex(where: { if case .column(item, _)? = $0.first?.origin { return true } else { return false } }) {
                groups[group].append(pick.candidate)
            } else {
                groups.append([pick.candidate])
            }
        }
        return groups.compactMap { driver(for: $0, core: core) }
    }

    /// A method that answers the reference without the row-bound parameters SQLite can check itself
    /// (each is a generated column), so that fewer calls may cost less: `get` once per id, or `list` once.
    /// Returns the method and the row-bound parameters it still takes.
    private func listOnce(_ index: Int, _ choice: DependencyChoice, chosen: [Usable]) -> (MethodDefinition, [String])? {
        let analysis = analyses[index]
        let generated = Set(analysis.columns.filter(\.isGenerated).map { $0.name.lowercased() })
        let rowBound = chosen.map { $0.candidate.parameter }
        let kept = rowBound.filter { !generated.contains($0.lowercased()) }
        guard kept.count < rowBound.count else { return nil }
        let literal = Set(analysis.bindings.bindings.keys.map { $0.lowercased() })
        guard let alternative = try? chooseMethod(analysis, bound: literal.union(kept.map { $0.lowercased() })),
              kept.allSatisfy({ alternative.parameter(named: $0) != nil }) else { return nil }
        return (alternative, kept)
    }

    /// Whether making `index` depend on `dependsOn` closes a cycle.
    private func closesCycle(_ index: Int, _ dependsOn: Set<Int>, _ choices: [DependencyChoice]) -> Bool {
        var stack = Array(dependsOn)
        var seen = Set<Int>()
        while let next = stack.popLast() {
            if next == index { return true }
            guard seen.insert(next).inserted else { continue }
            stack += choices[next].dependsOn
        }
        return false
    }

    private func cycleError(_ index: Int, parameter: String, usable: [Usable]) -> PlanningError {
        let name = describe(index)
        let others = Set(usable.flatMap(\.dependsOn)).sorted().map(describe)
        return PlanningError(.dependencyCycle(references: [name] + others),
                             "cannot bind parameter \(parameter) of \(name): the references it would take values from ("
                                 + others.joined(separator: ", ") + ") themselves need values from \(name); "
                                 + "bind \(parameter) from a literal or from a reference that does not depend on it")
    }

    /// A reference as the error messages name it: `cloudflare.realtime_kit.recordings r`.
    private func describe(_ index: Int) -> String {
        let scoped = analyses[index].scoped
        return scoped.resource.fullName + (scoped.reference.alias.map { " \($0.value)" } ?? "")
    }

    /// The cheapest SELECT method whose required parameters are all in `bound` and which accepts every
    /// literally bound parameter that is not also a row field.
    func chooseMethod(_ analysis: ReferenceAnalysis, bound: Set<String>) throws -> MethodDefinition {
        let resolved = analysis.scoped.resource
        let resource = resolved.resource
        let parameterOnly = analysis.bindings.bindings.filter { name, binding in
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
            if let error = analysis.bindings.unbindableError(for: missing) { throw error }
            throw PlanningError(.missingParameter(parameter: missing, method: "\(resolved.fullName).\(closest.name)"),
                                "missing required parameter \(missing) for \(resolved.fullName).\(closest.name) "
                                    + "(add `AND \(missing) = '...'` to the WHERE clause, or take it from another table with "
                                    + "`\(missing) = other.column` or `\(missing) IN (SELECT ...)`; see SHOW METHODS IN \(resolved.fullName))")
        }
        let stray = parameterOnly.first { closest.parameter(named: $0) == nil } ?? "?"
        throw PlanningError(.unbindableParameter(parameter: stray),
                            "no SELECT method of \(resolved.fullName) takes parameter \(stray) together with the others given (see SHOW METHODS IN \(resolved.fullName))")
    }

    /// The references in an order where each comes after those it depends on (ties: source order).
    static func loadOrder(_ choices: [DependencyChoice]) -> [Int] {
        var order: [Int] = []
        var placed = Set<Int>()
        while order.count < choices.count {
            guard let next = choices.indices.first(where: { !placed.contains($0) && choices[$0].dependsOn.isSubset(of: placed) }) else {
                order += choices.indices.filter { !placed.contains($0) }  // unreachable: cycles are refused
                break
            }
            order.append(next)
            placed.insert(next)
        }
        return order
    }
}
