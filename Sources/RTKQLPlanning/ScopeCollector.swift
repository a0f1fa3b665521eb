import RTKQLProvider
import RTKQLSyntax

/// A resource reference in a query, with the predicates that restrict its rows: the AND-ed parts of
/// its SELECT's WHERE, and of the ON clauses of the joins whose every output row carries a row of it
/// (inner joins; the right side of a LEFT JOIN; the left side of a RIGHT JOIN; never a FULL JOIN).
struct ScopedReference {
    var reference: TableReference
    var resource: ResolvedResource
    var conjuncts: [Expression]
    /// The SELECT core whose FROM clause holds the reference (an index into `ScopeCollector.cores`).
    var core: Int = 0
}

/// One FROM item of a SELECT core: a table reference, a subquery or a table-valued function.
struct FromSource {
    /// The name columns are qualified with (alias, else the table's last name), lower-cased; nil for
    /// an unaliased subquery.
    var name: String?
    /// The item's range in the statement text.
    var range: SourceRange
    /// The index of the resource reference it is, in `ScopeCollector.references`.
    var reference: Int?
    /// The table name it reads when it is a plain table reference (a CTE's, say), lower-cased.
    var tableName: String?
    /// Columns dropped from `*` because the item is the right side of a `USING` join.
    var usingColumns: [String] = []
    /// Whether the item takes part in a NATURAL join.
    var natural = false
}

/// A predicate of a SELECT core, and the FROM items whose rows it restricts (nil: all of them).
struct ScopedConjunct {
    var expression: Expression
    var restricts: Set<SourceRange>?

    func restricts(_ item: SourceRange) -> Bool { restricts?.contains(item) ?? true }
}

/// A common table expression visible from a core, with whether its WITH clause is RECURSIVE.
struct VisibleTable {
    var table: CommonTableExpression
    var recursive: Bool
}

/// One SELECT core of the statement, as the planner needs it: its FROM items, its predicates, the
/// core it is nested in (for correlated subqueries) and the common table expressions it can see.
struct CoreScope {
    var range: SourceRange
    var columns: [ResultColumn]
    var parent: Int?
    var sources: [FromSource] = []
    var conjuncts: [ScopedConjunct] = []
    var tables: [VisibleTable] = []
}

/// Walks a statement and finds every resource reference, in every scope: CTEs, subqueries in FROM,
/// WHERE and the select list, both sides of joins and of compound selects.
struct ScopeCollector {
    let resolver: ResourceResolver
    private(set) var references: [ScopedReference] = []
    private(set) var cores: [CoreScope] = []
    /// The core whose expressions are being walked (the parent of cores found in them).
    private var currentCore: Int?
    private var visibleTables: [VisibleTable] = []

    init(resolver: ResourceResolver) {
        self.resolver = resolver
    }

    mutating func collect(_ query: Query) throws {
        let savedTables = visibleTables
        defer { visibleTables = savedTables }
        if let with = query.with {
            for table in with.tables {
                if with.recursive { visibleTables.append(VisibleTable(table: table, recursive: true)) }
                try collect(table.query)
                if !with.recursive { visibleTables.append(VisibleTable(table: table, recursive: false)) }
            }
        }
        try collect(query.body)
        for term in query.orderBy { try collect(term.expression) }
        if let limit = query.limit { try collect(limit) }
        if let offset = query.offset { try collect(offset) }
    }

    mutating func collect(_ body: SetExpression) throws {
        switch body {
        case .select(let core):
            try collect(core)
        case .values(let rows, _):
            for row in rows { for item in row { try collect(item) } }
        case .compound(let left, _, let right):
            try collect(left)
            try collect(right)
        }
    }

    mutating func collect(_ core: SelectCore) throws {
        let index = cores.count
        cores.append(CoreScope(range: core.range, columns: core.columns, parent: currentCore, tables: visibleTables))
        var sources: [FromSource] = []
        var conjuncts = Conjuncts.of(core.whereClause).map { ScopedConjunct(expression: $0, restricts: nil) }
        let firstReference = references.count
        if let from = core.from { _ = try collect(from, core: index, sources: &sources, conjuncts: &conjuncts) }
        cores[index].sources = sources
        cores[index].conjuncts = conjuncts
        for position in firstReference..<references.count where references[position].core == index {
            let item = references[position].reference.range
            references[position].conjuncts = conjuncts.filter { $0.restricts(item) }.map(\.expression)
        }
        let saved = currentCore
        currentCore = index
        defer { currentCore = saved }
        for column in core.columns {
            if case .expression(let expression, _) = column { try collect(expression) }
        }
        for conjunct in conjuncts { try collect(conjunct.expression) }
        for expression in core.groupBy { try collect(expression) }
        if let having = core.having { try collect(having) }
    }

    /// Adds the FROM items of `table` to `sources`, and its ON predicates to `conjuncts`; returns the
    /// ranges of the items it added.
    private mutating func collect(_ table: TableExpression, core: Int, sources: inout [FromSource],
                                  conjuncts: inout [ScopedConjunct]) throws -> [SourceRange] {
        switch table {
        case .table(let reference):
            var source = FromSource(name: (reference.alias ?? reference.name.last!).normalized, range: reference.range)
            if reference.name.parts.count == 1 { source.tableName = reference.name.parts[0].normalized }
            if let resource = try resolver.resolve(reference.name) {
                source.reference = references.count
                references.append(ScopedReference(reference: reference, resource: resource, conjuncts: [], core: core))
            }
            sources.append(source)
            return [reference.range]
        case .subquery(let query, let alias, let range):
            // A subquery in FROM cannot see its own core's sources: it belongs to the enclosing one.
            let saved = currentCore
            currentCore = cores[core].parent
            defer { currentCore = saved }
            try collect(query)
            sources.append(FromSource(name: alias?.normalized, range: range))
            return [range]
        case .function(let name, let arguments, let alias, let range):
            let saved = currentCore
            currentCore = core
            defer { currentCore = saved }
            for argument in arguments { try collect(argument) }
            sources.append(FromSource(name: (alias ?? name.last)?.normalized, range: range))
            return [range]
        case .parenthesized(let inner, _):
            return try collect(inner, core: core, sources: &sources, conjuncts: &conjuncts)
        case .join(let left, let join, let right, let constraint):
            let leftItems = try collect(left, core: core, sources: &sources, conjuncts: &conjuncts)
            let rightStart = sources.count
            let rightItems = try collect(right, core: core, sources: &sources, conjuncts: &conjuncts)
            if join.natural {
                for position in sources.indices where (leftItems + rightItems).contains(sources[position].range) {
                    sources[position].natural = true
                }
            }
            switch constraint {
            case .on(let condition)?:
                let restricted: Set<SourceRange>
                switch join.kind {
                case .comma, .inner, .cross: restricted = Set(leftItems + rightItems)
                case .left: restricted = Set(rightItems)
                case .right: restricted = Set(leftItems)
                case .full: restricted = []
                }
                conjuncts += Conjuncts.of(condition).map { ScopedConjunct(expression: $0, restricts: restricted) }
            case .using(let columns)?:
                if rightItems.count == 1 { sources[rightStart].usingColumns = columns.map(\.normalized) }
            case nil:
                break
            }
            return leftItems + rightItems
        }
    }

    /// Numbers the references in the order they are written (table names follow that order).
    mutating func orderBySource() {
        let order = references.indices.sorted { references[$0].reference.range.start < references[$1].reference.range.start }
        var newIndex = Array(repeating: 0, count: references.count)
        for (position, old) in order.enumerated() { newIndex[old] = position }
        references = order.map { references[$0] }
        for core in cores.indices {
            for source in cores[core].sources.indices {
                if let old = cores[core].sources[source].reference { cores[core].sources[source].reference = newIndex[old] }
            }
        }
    }

    /// Finds subqueries nested in an expression of the current core.
    mutating func collect(_ expression: Expression) throws {
        for query in ExpressionWalker.subqueries(in: expression) { try collect(query) }
    }
}

/// Enumerates parts of expressions.
enum ExpressionWalker {
    /// Subqueries directly nested in `expression` (not those nested in the subqueries themselves).
    static func subqueries(in expression: Expression) -> [Query] {
        var found: [Query] = []
        visit(expression) { node in
            switch node.kind {
            case .inSubquery(_, _, let query), .exists(_, let query), .subquery(let query):
                found.append(query)
            default:
                break
            }
        }
        return found
    }

    /// Column references in `expression`, outside subqueries.
    static func columns(in expression: Expression) -> [(QualifiedName, SourceRange)] {
        var found: [(QualifiedName, SourceRange)] = []
        visit(expression) { node in
            if case .column(let name) = node.kind { found.append((name, node.range)) }
        }
        return found
    }

    /// Calls `body` on `expression` and every sub-expression (not descending into subqueries).
    static func visit(_ expression: Expression, _ body: (Expression) -> Void) {
        body(expression)
        for child in children(of: expression) { visit(child, body) }
    }

    static func children(of expression: Expression) -> [Expression] {
        switch expression.kind {
        case .literal, .column, .parameter, .exists, .subquery, .raise(_, nil):
            return []
        case .raise(_, let message?):
            return [message]
        case .unary(_, let operand), .nullTest(let operand, _), .cast(let operand, _), .collate(let operand, _):
            return [operand]
        case .binary(let left, _, let right):
            return [left, right]
        case .between(let operand, _, let low, let high):
            return [operand, low, high]
        case .inList(let operand, _, let items):
            return [operand] + items
        case .inSubquery(let operand, _, _):
            return [operand]
        case .inTable(let operand, _, _, let arguments):
            return [operand] + (arguments ?? [])
        case .pattern(let operand, _, _, let pattern, let escape):
            return [operand, pattern] + (escape.map { [$0] } ?? [])
        case .function(let call):
            var items = call.arguments + call.orderBy.map(\.expression)
            if let filter = call.filter { items.append(filter) }
            if let over = call.over { items += over.partitionBy + over.orderBy.map(\.expression) }
            return items
        case .caseWhen(let operand, let branches, let otherwise):
            var items: [Expression] = operand.map { [$0] } ?? []
            for branch in branches { items += [branch.condition, branch.result] }
            if let otherwise { items.append(otherwise) }
            return items
        case .parenthesized(let items):
            return items
        }
    }
}
