/// A complete query: `[WITH ...] select-or-compound [ORDER BY ...] [LIMIT ... [OFFSET ...]]`.
public struct Query: Sendable, Hashable {
    /// The WITH clause, nil when absent.
    public var with: WithClause?
    /// The SELECT, VALUES or compound.
    public var body: SetExpression
    /// The ORDER BY terms; empty when absent.
    public var orderBy: [OrderingTerm]
    /// The LIMIT count, nil when absent.
    public var limit: Expression?
    /// The OFFSET (or the first number of `LIMIT a, b`), nil when absent.
    public var offset: Expression?
    /// Where the whole query was written.
    public var range: SourceRange

    /// A query from its parts.
    public init(with: WithClause? = nil, body: SetExpression, orderBy: [OrderingTerm] = [],
                limit: Expression? = nil, offset: Expression? = nil, range: SourceRange) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.range = range
    }
}

/// `WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query), ...`
public struct WithClause: Sendable, Hashable {
    /// `WITH RECURSIVE`
    public var recursive: Bool
    /// The common table expressions, in written order.
    public var tables: [CommonTableExpression]

    /// A WITH clause from its parts.
    public init(recursive: Bool, tables: [CommonTableExpression]) {
        self.recursive = recursive
        self.tables = tables
    }
}

/// One common table expression of a WITH clause.
public struct CommonTableExpression: Sendable, Hashable {
    /// The CTE's name.
    public var name: Identifier
    /// Its column names; empty when none were written.
    public var columns: [Identifier]
    /// `MATERIALIZED` (true), `NOT MATERIALIZED` (false), or unspecified (nil).
    public var materialized: Bool?
    /// The query it names.
    public var query: Query

    /// A CTE from its parts.
    public init(name: Identifier, columns: [Identifier] = [], materialized: Bool? = nil, query: Query) {
        self.name = name
        self.columns = columns
        self.materialized = materialized
        self.query = query
    }
}

/// The body of a query: a SELECT, VALUES, or a compound of them.
public indirect enum SetExpression: Sendable, Hashable {
    /// `SELECT ...`
    case select(SelectCore)
    /// `VALUES (...), ...`: its rows, and where it was written.
    case values([[Expression]], range: SourceRange)
    /// `left UNION|INTERSECT|EXCEPT right` (left-nested, as parsed).
    case compound(SetExpression, SetOperator, SetExpression)
}

/// Compound operators.
public enum SetOperator: String, Sendable, Hashable {
    case union = "UNION"
    case unionAll = "UNION ALL"
    case intersect = "INTERSECT"
    case except = "EXCEPT"
}

/// One `SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ...`.
public struct SelectCore: Sendable, Hashable {
    /// `SELECT DISTINCT`
    public var distinct: Bool
    /// The result columns.
    public var columns: [ResultColumn]
    /// The FROM clause, nil when absent.
    public var from: TableExpression?
    /// The WHERE condition, nil when absent.
    public var whereClause: Expression?
    /// The GROUP BY expressions; empty when absent.
    public var groupBy: [Expression]
    /// The HAVING condition, nil when absent.
    public var having: Expression?
    /// The WINDOW definitions; empty when absent.
    public var windows: [NamedWindow]
    /// Where the SELECT was written.
    public var range: SourceRange

    /// A SELECT from its parts.
    public init(distinct: Bool = false, columns: [ResultColumn], from: TableExpression? = nil,
                whereClause: Expression? = nil, groupBy: [Expression] = [], having: Expression? = nil,
                windows: [NamedWindow] = [], range: SourceRange) {
        self.distinct = distinct
        self.columns = columns
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.windows = windows
        self.range = range
    }
}

/// `WINDOW name AS (...)`
public struct NamedWindow: Sendable, Hashable {
    /// The window's name.
    public var name: Identifier
    /// Its definition.
    public var specification: WindowSpecification

    /// A named window.
    public init(name: Identifier, specification: WindowSpecification) {
        self.name = name
        self.specification = specification
    }
}

/// One item of a select list (or a RETURNING list).
public enum ResultColumn: Sendable, Hashable {
    /// `*`
    case all(range: SourceRange)
    /// `t.*`
    case allOf(Identifier, range: SourceRange)
    /// `expr [AS alias]`
    case expression(Expression, alias: Identifier?)
}

/// `expr [COLLATE c] [ASC|DESC] [NULLS FIRST|LAST]`
public struct OrderingTerm: Sendable, Hashable {
    /// The expression ordered by.
    public var expression: Expression
    /// true for DESC.
    public var descending: Bool
    /// `NULLS FIRST` (true), `NULLS LAST` (false), or unspecified (nil).
    public var nullsFirst: Bool?

    /// An ordering term from its parts.
    public init(expression: Expression, descending: Bool = false, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

/// Something a FROM clause reads from.
public indirect enum TableExpression: Sendable, Hashable {
    /// A named table, view, CTE or provider resource.
    case table(TableReference)
    /// `(SELECT ...) [AS] alias`
    case subquery(Query, alias: Identifier?, range: SourceRange)
    /// A table-valued function: `json_each(x) [AS] alias`.
    case function(name: QualifiedName, arguments: [Expression], alias: Identifier?, range: SourceRange)
    /// `(a JOIN b ...)` — a parenthesised join.
    case parenthesized(TableExpression, range: SourceRange)
    /// `left [NATURAL] [LEFT|RIGHT|FULL|INNER|CROSS] JOIN right [ON ... | USING (...)]`, or a comma join.
    case join(TableExpression, JoinOperator, TableExpression, JoinConstraint?)
}

/// A reference to a named table or resource.
public struct TableReference: Sendable, Hashable {
    /// `cloudflare.realtime_kit.recordings`, `realtime_kit.recordings`, `my_cte`.
    public var name: QualifiedName
    /// `[AS] alias`, nil when absent.
    public var alias: Identifier?
    /// SQLite's `INDEXED BY name` / `NOT INDEXED`, nil when absent.
    public var indexing: TableIndexing?
    /// From the first part of the name to the end of the alias (or of the name when there is none).
    public var range: SourceRange

    /// A reference from its parts.
    public init(name: QualifiedName, alias: Identifier? = nil, indexing: TableIndexing? = nil, range: SourceRange) {
        self.name = name
        self.alias = alias
        self.indexing = indexing
        self.range = range
    }
}

/// SQLite's index clause after a table name.
public enum TableIndexing: Sendable, Hashable {
    /// `INDEXED BY name`
    case indexedBy(Identifier)
    /// `NOT INDEXED`
    case notIndexed
}

/// How two tables are joined.
public struct JoinOperator: Sendable, Hashable {
    /// The join kind.
    public enum Kind: String, Sendable, Hashable {
        case comma = ","
        case inner = "JOIN"
        case left = "LEFT JOIN"
        case right = "RIGHT JOIN"
        case full = "FULL JOIN"
        case cross = "CROSS JOIN"
    }

    /// The join kind.
    public var kind: Kind
    /// `NATURAL ... JOIN`
    public var natural: Bool

    /// A join operator.
    public init(kind: Kind, natural: Bool = false) {
        self.kind = kind
        self.natural = natural
    }
}

/// `ON expr` or `USING (columns)`.
public enum JoinConstraint: Sendable, Hashable {
    /// `ON condition`
    case on(Expression)
    /// `USING (columns)`
    case using([Identifier])
}
