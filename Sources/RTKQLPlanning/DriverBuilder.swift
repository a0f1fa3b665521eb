import RTKQLSyntax

/// Writes the queries that give a dependent reference its parameter values, over the scratch tables of
/// the references it depends on: the driving FROM item with the predicates that restrict it alone, or
/// the `IN (SELECT ...)` subquery — each with the common table expressions it names.
struct DriverBuilder {
    let collector: ScopeCollector
    let columnSources: [SourceRange: ColumnSource]
    let text: String
    /// Every edit of the statement (references → tables, `*` spelled out, consumed predicates).
    let edits: [TextEdit]

    /// `SELECT DISTINCT <columns> FROM <item> [WHERE <item-only predicates>]`.
    func driver(parameters: [String], columns: [Expression], item: SourceRange) -> ParameterDriver? {
        guard let core = collector.cores.first(where: { $0.sources.contains { $0.range == item } }) else { return nil }
        let predicates = core.conjuncts.filter { $0.restricts(item) && readsOnly(item, $0.expression) }.map(\.expression)
        var sql = "SELECT DISTINCT " + columns.map { rewritten($0.range) }.joined(separator: ", ") + " FROM " + rewritten(item)
        if !predicates.isEmpty {
            sql += " WHERE " + predicates.map { "(" + rewritten($0.range) + ")" }.joined(separator: " AND ")
        }
        let (prefix, tableRanges) = commonTables(named: [item] + predicates.map(\.range), visible: core.tables)
        return ParameterDriver(parameters: parameters, sql: prefix + sql,
                               origin: columns.map { written($0.range) }.joined(separator: ", "),
                               dependsOn: references(within: [item] + tableRanges))
    }

    /// The subquery of `param IN (SELECT ...)`, when it reads nothing from the statement around it.
    func driver(parameter: String, subquery: Query, core: Int) -> ParameterDriver? {
        guard !isCorrelated(subquery.range) else { return nil }
        let (prefix, tableRanges) = commonTables(named: [subquery.range], visible: collector.cores[core].tables)
        return ParameterDriver(parameters: [parameter], sql: prefix + rewritten(subquery.range),
                               origin: "IN (" + written(subquery.range) + ")",
                               dependsOn: references(within: [subquery.range] + tableRanges))
    }

    /// Whether a column inside `range` names a FROM item outside it.
    func isCorrelated(_ range: SourceRange) -> Bool {
        columnSources.contains { column, source in range.contains(column) && !range.contains(source.item) }
    }

    /// Whether every column of `expression` names `item`, and it has no subquery or bound parameter.
    private func readsOnly(_ item: SourceRange, _ expression: Expression) -> Bool {
        guard ExpressionWalker.subqueries(in: expression).isEmpty else { return false }
        var onlyItem = true
        var readsSomething = false
        ExpressionWalker.visit(expression) { node in
            switch node.kind {
            case .parameter: onlyItem = false
            case .column:
                readsSomething = true
                if columnSources[node.range]?.item != item { onlyItem = false }
            default: break
            }
        }
        return onlyItem && readsSomething
    }

    /// `WITH ...` defining the visible common tables that `ranges` name (and those they name in turn),
    /// and the ranges of their bodies.
    private func commonTables(named ranges: [SourceRange], visible: [VisibleTable]) -> (String, [SourceRange]) {
        var wanted = Set(tableNames(within: ranges))
        var chosen: [Int] = []
        var changed = true
        while changed {
            changed = false
            for (index, table) in visible.enumerated().reversed() where !chosen.contains(index) && wanted.contains(table.table.name.normalized) {
                // The innermost definition of a name wins.
                if chosen.contains(where: { visible[$0].table.name.normalized == table.table.name.normalized }) { continue }
                chosen.append(index)
                wanted.formUnion(tableNames(within: [table.table.query.range]))
                changed = true
            }
        }
        guard !chosen.isEmpty else { return ("", []) }
        let ordered = chosen.sorted()
        let recursive = ordered.contains { visible[$0].recursive }
        let definitions = ordered.map { index -> String in
            let table = visible[index].table
            var definition = table.name.description
            if !table.columns.isEmpty { definition += "(" + table.columns.map(\.description).joined(separator: ", ") + ")" }
            definition += " AS "
            if let materialized = table.materialized { definition += materialized ? "MATERIALIZED " : "NOT MATERIALIZED " }
            return definition + "(" + rewritten(table.query.range) + ")"
        }
        return ((recursive ? "WITH RECURSIVE " : "WITH ") + definitions.joined(separator: ", ") + " ", ordered.map { visible[$0].table.query.range })
    }

    /// Single-part table names read by FROM items inside `ranges`.
    private func tableNames(within ranges: [SourceRange]) -> [String] {
        collector.cores.flatMap(\.sources).filter { source in
            source.tableName != nil && ranges.contains { $0.contains(source.range) }
        }.compactMap(\.tableName)
    }

    /// The resource references (indexes) inside `ranges`.
    private func references(within ranges: [SourceRange]) -> [Int] {
        collector.references.indices.filter { index in
            ranges.contains { $0.contains(collector.references[index].reference.range) }
        }
    }

    func rewritten(_ range: SourceRange) -> String { SQLRewriter.apply(edits, to: text, within: range) }

    func written(_ range: SourceRange) -> String { SQLRewriter.apply([], to: text, within: range) }
}

extension SourceRange {
    /// Whether `other` lies within this range.
    func contains(_ other: SourceRange) -> Bool { start <= other.start && other.end <= end }
}
