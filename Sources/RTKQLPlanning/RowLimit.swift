import RTKQLProvider
import RTKQLSyntax

/// When a statement's result cannot depend on rows past the first N of its one listing, so paging may stop
/// once N rows are in: a `LIMIT` (plus `OFFSET`) of literal value over a single resource reference, with no
/// `ORDER BY`, `DISTINCT`, grouping, aggregate or window function, and no WHERE condition left for SQLite
/// alone to evaluate (every condition bound a parameter the API applies). SQLite reads the loaded table in
/// the order its rows arrived, which is the listing's order.
enum RowLimit {
    /// Aggregate functions (`min` and `max` only with one argument: with more they are scalar).
    static let aggregates: Set<String> = ["count", "sum", "avg", "total", "group_concat", "string_agg", "json_group_array",
                                          "json_group_object", "jsonb_group_array", "jsonb_group_object", "median",
                                          "percentile", "percentile_cont", "percentile_disc"]

    /// The rows the one reference of `query` must load, or nil when every row may matter.
    static func of(_ query: Query, reference: ReferenceAnalysis, method: MethodDefinition, literals: LiteralReader) -> Int? {
        guard query.with == nil, query.orderBy.isEmpty, let limitExpression = query.limit,
              case .select(let core) = query.body, !core.distinct, core.groupBy.isEmpty, core.having == nil, core.windows.isEmpty,
              case .table(let table)? = core.from, table.range == reference.scoped.reference.range,
              case .integer(let limit)? = literals.value(of: limitExpression), limit >= 0 else { return nil }
        var offset: Int64 = 0
        if let offsetExpression = query.offset {
            guard case .integer(let value)? = literals.value(of: offsetExpression), value >= 0 else { return nil }
            offset = value
        }
        for column in core.columns {
            guard case .expression(let expression, _) = column else { continue }
            if aggregatesOrWindows(expression) { return nil }
        }
        // Every WHERE condition must have become a parameter of the calls (or an empty template value).
        var pushed = Set(reference.bindings.droppedConjuncts.map(\.range))
        for (name, binding) in reference.bindings.bindings where method.parameter(named: name) != nil && !binding.values.isEmpty {
            pushed.formUnion(binding.conjuncts.map(\.range))
        }
        guard reference.scoped.conjuncts.allSatisfy({ pushed.contains($0.range) }) else { return nil }
        let (sum, overflow) = limit.addingReportingOverflow(offset)
        return overflow || sum > Int64(Int.max / 2) ? nil : Int(sum)
    }

    private static func aggregatesOrWindows(_ expression: Expression) -> Bool {
        var found = false
        ExpressionWalker.visit(expression) { node in
            guard case .function(let call) = node.kind else { return }
            let name = call.name.value.lowercased()
            if call.over != nil || aggregates.contains(name) || ((name == "min" || name == "max") && call.arguments.count <= 1) {
                found = true
            }
        }
        return found
    }
}
