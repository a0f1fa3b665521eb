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
        guard query.orderBy.isEmpty else { return nil }
        return rows(query, reference: reference, method: method, literals: literals)
    }

    /// When `query` orders its one reference by a single field the API can sort its listing by (provider
    /// data `sorting`) and a LIMIT bounds it, as `of` requires otherwise: the parameters that ask for that
    /// order and the rows each call must give. SQLite still sorts; the API's order only decides which rows
    /// are fetched. Not when the calls already bind the sort parameters, nor for a nullable field (SQLite
    /// puts NULLs first ascending, an API need not).
    static func sorted(_ query: Query, reference: ReferenceAnalysis, fetch: ResourceFetch, literals: LiteralReader) -> SortedLimit? {
        guard query.orderBy.count == 1, let term = query.orderBy.first, term.nullsFirst == nil,
              let sorting = reference.resource.sorting, fetch.method.pagination != nil,
              fetch.method.parameter(named: sorting.keyParameter) != nil, fetch.method.parameter(named: sorting.orderParameter) != nil,
              !fetch.calls.isEmpty,
              fetch.calls.allSatisfy({ $0.parameters[sorting.keyParameter] == nil && $0.parameters[sorting.orderParameter] == nil }),
              case .select(let core) = query.body, let field = orderedField(term.expression, core: core, reference: reference),
              let key = sorting.keys.first(where: { $0.key.lowercased() == field.lowercased() }),
              reference.resource.field(named: key.key)?.nullable != true,
              let rows = rows(query, reference: reference, method: fetch.method, literals: literals) else { return nil }
        let direction = term.descending ? sorting.descending : sorting.ascending
        return SortedLimit(parameters: [sorting.keyParameter: .string(key.value), sorting.orderParameter: .string(direction)],
                           rows: rows, ordering: key.key + (term.descending ? " DESC" : " ASC"))
    }

    /// The field of `reference` an ORDER BY expression names: the column itself (`invoked_time`,
    /// `r.invoked_time`), or a result column that is that column (by position, `ORDER BY 2`, or by its alias).
    /// Nil for anything else, and for a result-column alias that names another expression.
    private static func orderedField(_ expression: Expression, core: SelectCore, reference: ReferenceAnalysis) -> String? {
        var target = expression
        if case .literal(.integer(let written)) = expression.kind {
            guard core.columns.allSatisfy({ if case .expression = $0 { return true } else { return false } }),
                  let position = Int(written), position >= 1, position <= core.columns.count,
                  case .expression(let column, _) = core.columns[position - 1] else { return nil }
            target = column
        }
        guard case .column(let name) = target.kind, let last = name.parts.last else { return nil }
        switch name.parts.count {
        case 1:
            // SQLite takes an unqualified ORDER BY name as a result column's alias first.
            for column in core.columns {
                guard case .expression(let aliased, let alias?) = column, alias.value.lowercased() == last.value.lowercased() else { continue }
                guard case .column(let aliasedName) = aliased.kind, aliasedName.parts.count <= 2,
                      aliasedName.parts.last?.value.lowercased() == last.value.lowercased() else { return nil }
            }
        case 2:
            let table = reference.scoped.reference
            let visible = (table.alias ?? table.name.last!).value.lowercased()
            guard name.parts[0].value.lowercased() == visible else { return nil }
        default:
            return nil
        }
        return last.value
    }

    /// The rows the one reference of `query` must load whatever its order, or nil when every row may matter.
    private static func rows(_ query: Query, reference: ReferenceAnalysis, method: MethodDefinition, literals: LiteralReader) -> Int? {
        guard query.with == nil, let limitExpression = query.limit,
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
