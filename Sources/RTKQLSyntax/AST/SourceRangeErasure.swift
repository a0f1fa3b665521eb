// Trees compared modulo where they were written: `withoutSourceRanges()` returns a copy with every
// source range set to `SourceRange.zero`, so two parses of differently spaced text compare equal
// exactly when they mean the same (the printer's round trip is checked this way). Structs are
// copied and their ranged fields replaced, so a field added later is kept, not dropped.

extension SourceRange {
    /// The empty range at offset 0, for nodes that were not parsed from text.
    public static let zero = SourceRange(start: 0, end: 0)
}

extension ParsedStatement {
    /// This statement with every source range, its own included, set to `SourceRange.zero`.
    public func withoutSourceRanges() -> ParsedStatement {
        ParsedStatement(statement: statement.withoutSourceRanges(), range: .zero)
    }
}

extension Statement {
    /// This statement with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> Statement {
        switch self {
        case .select(let query): return .select(query.withoutSourceRanges())
        case .replace(let body): return .replace(body.withoutSourceRanges())
        case .update(let body): return .update(body.withoutSourceRanges())
        case .insert(let insert): return .insert(insert.withoutSourceRanges())
        case .delete(let delete): return .delete(delete.withoutSourceRanges())
        case .exec(let exec): return .exec(exec.withoutSourceRanges())
        case .show(var show):
            show.target = show.target?.withoutSourceRanges()
            return .show(show)
        case .describe(var describe):
            describe.resource = describe.resource.withoutSourceRanges()
            return .describe(describe)
        case .explain(let inner): return .explain(inner.withoutSourceRanges())
        case .use(let provider): return .use(provider.withoutSourceRanges())
        case .registryList(let provider): return .registryList(provider?.withoutSourceRanges())
        case .purge(let resource): return .purge(resource?.withoutSourceRanges())
        }
    }
}

extension ReplaceStatement {
    /// This statement body with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> ReplaceStatement {
        var copy = self
        copy.resource = resource.withoutSourceRanges()
        copy.assignments = assignments.map { $0.withoutSourceRanges() }
        copy.whereClause = whereClause?.withoutSourceRanges()
        copy.returning = returning?.map { $0.withoutSourceRanges() }
        return copy
    }
}

extension Assignment {
    /// This assignment with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> Assignment {
        Assignment(column: column.withoutSourceRanges(), value: value.withoutSourceRanges())
    }
}

extension InsertStatement {
    /// This statement with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> InsertStatement {
        var copy = self
        copy.resource = resource.withoutSourceRanges()
        copy.columns = columns.map { $0.withoutSourceRanges() }
        copy.source = source.withoutSourceRanges()
        copy.returning = returning?.map { $0.withoutSourceRanges() }
        return copy
    }
}

extension DeleteStatement {
    /// This statement with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> DeleteStatement {
        var copy = self
        copy.resource = resource.withoutSourceRanges()
        copy.whereClause = whereClause?.withoutSourceRanges()
        copy.returning = returning?.map { $0.withoutSourceRanges() }
        return copy
    }
}

extension ExecStatement {
    /// This statement with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> ExecStatement {
        var copy = self
        copy.method = method.withoutSourceRanges()
        copy.arguments = arguments.map { ExecArgument(name: $0.name.withoutSourceRanges(), value: $0.value.withoutSourceRanges()) }
        copy.jsonBodyRange = jsonBodyRange.map { _ in .zero }
        copy.source = source?.withoutSourceRanges()
        copy.returning = returning?.map { $0.withoutSourceRanges() }
        return copy
    }
}

extension Query {
    /// This query with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> Query {
        var copy = self
        copy.with = with?.withoutSourceRanges()
        copy.body = body.withoutSourceRanges()
        copy.orderBy = orderBy.map { $0.withoutSourceRanges() }
        copy.limit = limit?.withoutSourceRanges()
        copy.offset = offset?.withoutSourceRanges()
        copy.range = .zero
        return copy
    }
}

extension WithClause {
    /// This WITH clause with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> WithClause {
        var copy = self
        copy.tables = tables.map { $0.withoutSourceRanges() }
        return copy
    }
}

extension CommonTableExpression {
    /// This CTE with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> CommonTableExpression {
        var copy = self
        copy.name = name.withoutSourceRanges()
        copy.columns = columns.map { $0.withoutSourceRanges() }
        copy.query = query.withoutSourceRanges()
        return copy
    }
}

extension SetExpression {
    /// This body with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> SetExpression {
        switch self {
        case .select(let core): return .select(core.withoutSourceRanges())
        case .values(let rows, _): return .values(rows.map { $0.map { $0.withoutSourceRanges() } }, range: .zero)
        case .compound(let left, let op, let right): return .compound(left.withoutSourceRanges(), op, right.withoutSourceRanges())
        }
    }
}

extension SelectCore {
    /// This SELECT with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> SelectCore {
        var copy = self
        copy.columns = columns.map { $0.withoutSourceRanges() }
        copy.from = from?.withoutSourceRanges()
        copy.whereClause = whereClause?.withoutSourceRanges()
        copy.groupBy = groupBy.map { $0.withoutSourceRanges() }
        copy.having = having?.withoutSourceRanges()
        copy.windows = windows.map { NamedWindow(name: $0.name.withoutSourceRanges(), specification: $0.specification.withoutSourceRanges()) }
        copy.range = .zero
        return copy
    }
}

extension ResultColumn {
    /// This column with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> ResultColumn {
        switch self {
        case .all: return .all(range: .zero)
        case .allOf(let table, _): return .allOf(table.withoutSourceRanges(), range: .zero)
        case .expression(let expression, let alias): return .expression(expression.withoutSourceRanges(), alias: alias?.withoutSourceRanges())
        }
    }
}

extension OrderingTerm {
    /// This term with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> OrderingTerm {
        var copy = self
        copy.expression = expression.withoutSourceRanges()
        return copy
    }
}

extension TableExpression {
    /// This FROM item with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> TableExpression {
        switch self {
        case .table(let reference):
            return .table(reference.withoutSourceRanges())
        case .subquery(let query, let alias, _):
            return .subquery(query.withoutSourceRanges(), alias: alias?.withoutSourceRanges(), range: .zero)
        case .function(let name, let arguments, let alias, _):
            return .function(name: name.withoutSourceRanges(), arguments: arguments.map { $0.withoutSourceRanges() },
                             alias: alias?.withoutSourceRanges(), range: .zero)
        case .parenthesized(let inner, _):
            return .parenthesized(inner.withoutSourceRanges(), range: .zero)
        case .join(let left, let op, let right, let constraint):
            let stripped: JoinConstraint?
            switch constraint {
            case .on(let condition)?: stripped = .on(condition.withoutSourceRanges())
            case .using(let columns)?: stripped = .using(columns.map { $0.withoutSourceRanges() })
            case nil: stripped = nil
            }
            return .join(left.withoutSourceRanges(), op, right.withoutSourceRanges(), stripped)
        }
    }
}

extension TableReference {
    /// This reference with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> TableReference {
        var copy = self
        copy.name = name.withoutSourceRanges()
        copy.alias = alias?.withoutSourceRanges()
        if case .indexedBy(let index)? = indexing { copy.indexing = .indexedBy(index.withoutSourceRanges()) }
        copy.range = .zero
        return copy
    }
}

extension Identifier {
    /// This name with its range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> Identifier {
        var copy = self
        copy.range = .zero
        return copy
    }
}

extension QualifiedName {
    /// This name with every part's range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> QualifiedName { QualifiedName(parts.map { $0.withoutSourceRanges() }) }
}

extension Expression {
    /// This expression with every source range, its subexpressions' included, set to `SourceRange.zero`.
    public func withoutSourceRanges() -> Expression {
        Expression(kind.withoutSourceRanges(), range: .zero)
    }
}

extension ExpressionKind {
    /// This expression's form with every source range inside it set to `SourceRange.zero`.
    public func withoutSourceRanges() -> ExpressionKind {
        switch self {
        case .literal, .parameter:
            return self
        case .column(let name):
            return .column(name.withoutSourceRanges())
        case .unary(let op, let operand):
            return .unary(op, operand.withoutSourceRanges())
        case .binary(let left, let op, let right):
            return .binary(left.withoutSourceRanges(), op, right.withoutSourceRanges())
        case .between(let operand, let negated, let low, let high):
            return .between(operand.withoutSourceRanges(), negated: negated, low: low.withoutSourceRanges(), high: high.withoutSourceRanges())
        case .inList(let operand, let negated, let items):
            return .inList(operand.withoutSourceRanges(), negated: negated, items.map { $0.withoutSourceRanges() })
        case .inSubquery(let operand, let negated, let query):
            return .inSubquery(operand.withoutSourceRanges(), negated: negated, query.withoutSourceRanges())
        case .inTable(let operand, let negated, let table, let arguments):
            return .inTable(operand.withoutSourceRanges(), negated: negated, table.withoutSourceRanges(),
                            arguments: arguments?.map { $0.withoutSourceRanges() })
        case .pattern(let operand, let negated, let op, let pattern, let escape):
            return .pattern(operand.withoutSourceRanges(), negated: negated, op, pattern.withoutSourceRanges(),
                            escape: escape?.withoutSourceRanges())
        case .nullTest(let operand, let negated):
            return .nullTest(operand.withoutSourceRanges(), negated: negated)
        case .function(let call):
            return .function(call.withoutSourceRanges())
        case .cast(let operand, let typeName):
            return .cast(operand.withoutSourceRanges(), typeName: typeName)
        case .caseWhen(let operand, let branches, let otherwise):
            return .caseWhen(operand: operand?.withoutSourceRanges(),
                             branches: branches.map { CaseBranch(condition: $0.condition.withoutSourceRanges(), result: $0.result.withoutSourceRanges()) },
                             otherwise: otherwise?.withoutSourceRanges())
        case .exists(let negated, let query):
            return .exists(negated: negated, query.withoutSourceRanges())
        case .subquery(let query):
            return .subquery(query.withoutSourceRanges())
        case .collate(let operand, let collation):
            return .collate(operand.withoutSourceRanges(), collation: collation)
        case .parenthesized(let items):
            return .parenthesized(items.map { $0.withoutSourceRanges() })
        case .raise(let action, let message):
            return .raise(action: action, message: message?.withoutSourceRanges())
        }
    }
}

extension FunctionCall {
    /// This call with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> FunctionCall {
        var copy = self
        copy.name = name.withoutSourceRanges()
        copy.arguments = arguments.map { $0.withoutSourceRanges() }
        copy.orderBy = orderBy.map { $0.withoutSourceRanges() }
        copy.filter = filter?.withoutSourceRanges()
        copy.over = over?.withoutSourceRanges()
        return copy
    }
}

extension WindowSpecification {
    /// This window with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> WindowSpecification {
        var copy = self
        copy.baseName = baseName?.withoutSourceRanges()
        copy.partitionBy = partitionBy.map { $0.withoutSourceRanges() }
        copy.orderBy = orderBy.map { $0.withoutSourceRanges() }
        copy.frame = frame?.withoutSourceRanges()
        return copy
    }
}

extension WindowFrame {
    /// This frame with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> WindowFrame {
        var copy = self
        copy.start = start.withoutSourceRanges()
        copy.end = end?.withoutSourceRanges()
        return copy
    }
}

extension FrameBound {
    /// This bound with every source range set to `SourceRange.zero`.
    public func withoutSourceRanges() -> FrameBound {
        switch self {
        case .preceding(let offset): return .preceding(offset.withoutSourceRanges())
        case .following(let offset): return .following(offset.withoutSourceRanges())
        case .unboundedPreceding, .currentRow, .unboundedFollowing: return self
        }
    }
}
