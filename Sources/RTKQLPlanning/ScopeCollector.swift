import RTKQLProvider
import RTKQLSyntax

/// A resource reference in a query, with the predicates of the SELECT it appears in
/// (its WHERE conjuncts and the ON conjuncts of that SELECT's joins).
struct ScopedReference {
    var reference: TableReference
    var resource: ResolvedResource
    var conjuncts: [Expression]
}

/// Walks a statement and finds every resource reference, in every scope: CTEs, subqueries in FROM,
/// WHERE and the select list, both sides of joins and of compound selects.
struct ScopeCollector {
    let resolver: ResourceResolver
    private(set) var references: [ScopedReference] = []

    init(resolver: ResourceResolver) {
        self.resolver = resolver
    }

    mutating func collect(_ query: Query) throws {
        if let with = query.with {
            for table in with.tables { try collect(table.query) }
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
        var tables: [TableReference] = []
        var conjuncts = Conjuncts.of(core.whereClause)
        if let from = core.from { try collect(from, tables: &tables, conjuncts: &conjuncts) }
        for table in tables {
            if let resource = try resolver.resolve(table.name) {
                references.append(ScopedReference(reference: table, resource: resource, conjuncts: conjuncts))
            }
        }
        for column in core.columns {
            if case .expression(let expression, _) = column { try collect(expression) }
        }
        if let whereClause = core.whereClause { try collect(whereClause) }
        for expression in core.groupBy { try collect(expression) }
        if let having = core.having { try collect(having) }
    }

    private mutating func collect(_ table: TableExpression, tables: inout [TableReference], conjuncts: inout [Expression]) throws {
        switch table {
        case .table(let reference):
            tables.append(reference)
        case .subquery(let query, _, _):
            try collect(query)
        case .function(_, let arguments, _, _):
            for argument in arguments { try collect(argument) }
        case .parenthesized(let inner, _):
            try collect(inner, tables: &tables, conjuncts: &conjuncts)
        case .join(let left, _, let right, let constraint):
            try collect(left, tables: &tables, conjuncts: &conjuncts)
            try collect(right, tables: &tables, conjuncts: &conjuncts)
            if case .on(let condition) = constraint {
                conjuncts += Conjuncts.of(condition)
                try collect(condition)
            }
        }
    }

    /// Finds subqueries nested in an expression.
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
