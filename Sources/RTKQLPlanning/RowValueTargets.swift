import RTKQLProvider
import RTKQLSyntax

/// A `(p1, p2, ...) IN (SELECT ...)` condition of a REPLACE, UPDATE or DELETE: parameters bound together
/// from the rows of a subquery, so that each distinct row is one target (a recording and the app it
/// belongs to), never the cross product of the values.
struct RowValueTargets {
    /// The parameters named on the left, in order, as written.
    var parameters: [String]
    /// The subquery's rows (the engine ran it before planning).
    var rows: [[RawValue]]
    /// The whole condition's range.
    var range: SourceRange

    /// The row-value conditions among `conjuncts` whose names are all parameters of `resource`.
    static func of(_ conjuncts: [Expression], resource: ResourceDefinition,
                   rows: [SourceRange: [[RawValue]]]) throws -> [RowValueTargets] {
        var targets: [RowValueTargets] = []
        for conjunct in conjuncts {
            guard case .inSubquery(let left, false, let query) = conjunct.kind,
                  case .parenthesized(let items) = left.kind, items.count > 1 else { continue }
            let names = items.compactMap { item -> String? in
                guard case .column(let name) = item.kind, name.parts.count == 1 else { return nil }
                return name.parts[0].value
            }
            guard names.count == items.count, names.allSatisfy({ resource.parameter(named: $0) != nil }) else { continue }
            let found = rows[query.range] ?? []
            if let row = found.first, row.count != names.count {
                throw PlanningError(.invalidParameterValue(parameter: names.joined(separator: ", ")),
                                    "(\(names.joined(separator: ", "))) IN (SELECT ...) needs \(names.count) columns from the subquery, "
                                        + "which returns \(row.count)",
                                    range: query.range)
            }
            targets.append(RowValueTargets(parameters: names, rows: found, range: conjunct.range))
        }
        return targets
    }
}
