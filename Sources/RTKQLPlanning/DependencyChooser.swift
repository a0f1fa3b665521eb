import RTKQLProvider
import RTKQLSyntax

/// What the planner decided for one reference: its method, the queries that bind its parameters from
/// other references' rows, and the references it must be loaded after.
struct DependencyChoice {
    var method: MethodDefinition
    var drivers: [ParameterDriver] = []
    /// Every parameter bound, from literals or from rows (lower-cased).
    var bound: Set<String>
    /// The method that lists once instead of calling once per bound value, when that can be cheaper.
    var listOnce: MethodDefinition?
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
        for (index, analysis) in analyses.enumerated() {
            let literal = Set(analysis.bindings.bindings.keys.map { $0.lowercased() })
            let method = try chooseMethod(analysis, bound: literal.union(usable[index].keys))
            choices.append(DependencyChoice(method: method, bound: literal))
        }
        var chosen: [[Usable]] = Array(repeating: [], count: analyses.count)

        // Parameters the methods require: bound from rows, or another method without them, or an error.
        for (index, analysis) in analyses.enumerated() {
            let needed = choices[index].method.requiredParameters.filter { !choices[index].bound.contains($0.lowercased()) }
            var picks: [Usable] = []
            var blocked: String?
            for parameter in needed {
                if let pick = usable[index][parameter.lowercased()]?.first(where: { !closesCycle(index, $0.dependsOn, choices) }) {
                    picks.append(pick)
                } else {
                    blocked = parameter
                }
            }
            if let blocked {
                if let alternative = try? chooseMethod(analysis, bound: choices[index].bound) {
                    choices[index].method = alternative
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

    /// A listing that answers the reference without the row-bound parameters, when SQLite can filter
    /// its rows by them (each is a generated column) — so one listing may cost less than many calls.
    private func listOnce(_ index: Int, _ choice: DependencyChoice, chosen: [Usable]) -> MethodDefinition? {
        guard !chosen.isEmpty else { return nil }
        let analysis = analyses[index]
        let rowBound = Set(chosen.map { $0.candidate.parameter.lowercased() })
        let generated = Set(analysis.columns.filter(\.isGenerated).map { $0.name.lowercased() })
        guard rowBound.isSubset(of: generated) else { return nil }
        let literal = Set(analysis.bindings.bindings.keys.map { $0.lowercased() })
        guard let alternative = try? chooseMethod(analysis, bound: literal) else { return nil }
        return alternative
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
        let analysis = analyses[index]
        let name = analysis.scoped.resource.fullName
        let others = Set(usable.flatMap(\.dependsOn)).sorted().map { analyses[$0].scoped.resource.fullName }
        return PlanningError(.dependencyCycle(references: [name] + others),
                             "cannot bind parameter \(parameter) of \(name): the references it would take values from ("
                                 + others.joined(separator: ", ") + ") themselves need values from \(name); "
                                 + "bind \(parameter) from a literal or from a reference that does not depend on it")
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
