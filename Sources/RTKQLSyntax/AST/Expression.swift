/// An SQL expression with the source range it was parsed from.
public struct Expression: Sendable, Hashable {
    /// What the expression is.
    public var kind: ExpressionKind
    /// Where it was written (byte offsets into the statement text).
    public var range: SourceRange

    /// An expression of `kind` written at `range`.
    public init(_ kind: ExpressionKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The forms an expression takes.
public indirect enum ExpressionKind: Sendable, Hashable {
    /// A literal value.
    case literal(Literal)
    /// A column reference, possibly qualified: `status`, `r.status`, `main.r.status`.
    case column(QualifiedName)
    /// A bound parameter: `?`, `?3`, `:name`, `@name`, `$name` (the text as written).
    case parameter(String)
    /// A prefix operator: `-x`, `+x`, `~x`, `NOT x`.
    case unary(UnaryOperator, Expression)
    /// A binary operator, including comparisons, `AND`/`OR`, `||`, `->`, `->>`, `IS`, `IS NOT`.
    case binary(Expression, BinaryOperator, Expression)
    /// `x [NOT] BETWEEN low AND high`
    case between(Expression, negated: Bool, low: Expression, high: Expression)
    /// `x [NOT] IN (a, b, ...)`
    case inList(Expression, negated: Bool, [Expression])
    /// `x [NOT] IN (SELECT ...)`
    case inSubquery(Expression, negated: Bool, Query)
    /// `x [NOT] IN table_name` or `x [NOT] IN table_function(args)`
    case inTable(Expression, negated: Bool, QualifiedName, arguments: [Expression]?)
    /// `x [NOT] LIKE|GLOB|REGEXP|MATCH pattern [ESCAPE e]`
    case pattern(Expression, negated: Bool, PatternOperator, Expression, escape: Expression?)
    /// `x ISNULL`, `x NOTNULL`, `x NOT NULL` (postfix forms; `IS [NOT] NULL` is `.binary` with `.is`/`.isNot`).
    case nullTest(Expression, negated: Bool)
    /// A function call: `count(*)`, `count(DISTINCT x)`, `sum(x) FILTER (WHERE ...) OVER (...)`.
    case function(FunctionCall)
    /// `CAST(x AS type)`
    case cast(Expression, typeName: String)
    /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`
    case caseWhen(operand: Expression?, branches: [CaseBranch], otherwise: Expression?)
    /// `[NOT] EXISTS (SELECT ...)`
    case exists(negated: Bool, Query)
    /// A scalar subquery `(SELECT ...)`.
    case subquery(Query)
    /// `x COLLATE name`
    case collate(Expression, collation: String)
    /// A parenthesised expression `(x)`, or a row value `(a, b)` when it has several items.
    case parenthesized([Expression])
    /// `RAISE(IGNORE|ROLLBACK|ABORT|FAIL[, message])`
    case raise(action: String, message: Expression?)
}

/// One `WHEN ... THEN ...` of a CASE expression.
public struct CaseBranch: Sendable, Hashable {
    /// The WHEN condition (or value, when the CASE has an operand).
    public var condition: Expression
    /// The THEN result.
    public var result: Expression

    /// A WHEN ... THEN ... branch.
    public init(condition: Expression, result: Expression) {
        self.condition = condition
        self.result = result
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
    case minus = "-"
    case plus = "+"
    case bitwiseNot = "~"
    case not = "NOT"
}

/// Binary operators, by their SQL spelling.
public enum BinaryOperator: String, Sendable, Hashable {
    case or = "OR"
    case and = "AND"
    case equal = "="
    case doubleEqual = "=="
    case notEqual = "!="
    case notEqualAlt = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `is` = "IS"
    case isNot = "IS NOT"
    case isDistinctFrom = "IS DISTINCT FROM"
    case isNotDistinctFrom = "IS NOT DISTINCT FROM"
    case concat = "||"
    case jsonExtract = "->"
    case jsonExtractText = "->>"
    case plus = "+"
    case minus = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case bitwiseAnd = "&"
    case bitwiseOr = "|"
    case shiftLeft = "<<"
    case shiftRight = ">>"
}

/// Pattern-matching operators.
public enum PatternOperator: String, Sendable, Hashable {
    case like = "LIKE"
    case glob = "GLOB"
    case regexp = "REGEXP"
    case match = "MATCH"
}

/// A function call, with the optional aggregate and window decorations.
public struct FunctionCall: Sendable, Hashable {
    /// The function's name, as written.
    public var name: Identifier
    /// `count(DISTINCT x)`
    public var distinct: Bool
    /// `count(*)`
    public var star: Bool
    /// The arguments; empty for `count(*)` and `f()`.
    public var arguments: [Expression]
    /// `ORDER BY` inside the argument list (`group_concat(x ORDER BY y)`).
    public var orderBy: [OrderingTerm]
    /// `FILTER (WHERE ...)`
    public var filter: Expression?
    /// `OVER (...)` or `OVER name`
    public var over: WindowSpecification?

    /// A call from its parts.
    public init(name: Identifier, distinct: Bool = false, star: Bool = false, arguments: [Expression] = [],
                orderBy: [OrderingTerm] = [], filter: Expression? = nil, over: WindowSpecification? = nil) {
        self.name = name
        self.distinct = distinct
        self.star = star
        self.arguments = arguments
        self.orderBy = orderBy
        self.filter = filter
        self.over = over
    }
}

/// A window: `OVER name` or `OVER ([base] [PARTITION BY ...] [ORDER BY ...] [frame])`.
public struct WindowSpecification: Sendable, Hashable {
    /// A named window (`OVER w`) or the base window inside parentheses.
    public var baseName: Identifier?
    /// The PARTITION BY expressions; empty when absent.
    public var partitionBy: [Expression]
    /// The ORDER BY terms; empty when absent.
    public var orderBy: [OrderingTerm]
    /// The frame clause as written (`ROWS BETWEEN 1 PRECEDING AND CURRENT ROW`), nil when absent.
    public var frame: WindowFrame?
    /// Whether the window was written in parentheses. `OVER w` (false) and `OVER (w)` (true) differ in
    /// SQLite: the second is a new window based on `w`, and is an error when `w` has a frame.
    public var parenthesized: Bool

    /// A window from its parts; `parenthesized` defaults to false only for a lone base name (`OVER w`).
    public init(baseName: Identifier? = nil, partitionBy: [Expression] = [], orderBy: [OrderingTerm] = [],
                frame: WindowFrame? = nil, parenthesized: Bool? = nil) {
        self.baseName = baseName
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.parenthesized = parenthesized ?? !(baseName != nil && partitionBy.isEmpty && orderBy.isEmpty && frame == nil)
    }
}

/// A window frame: units, bounds and exclusion.
public struct WindowFrame: Sendable, Hashable {
    /// `ROWS`, `RANGE` or `GROUPS`.
    public var units: String
    /// The lower bound (the only one in the one-bound form).
    public var start: FrameBound
    /// The upper bound of `BETWEEN ... AND ...`; nil for the one-bound form.
    public var end: FrameBound?
    /// `EXCLUDE NO OTHERS|CURRENT ROW|GROUP|TIES`, as written after EXCLUDE.
    public var exclude: String?

    /// A frame from its parts.
    public init(units: String, start: FrameBound, end: FrameBound? = nil, exclude: String? = nil) {
        self.units = units
        self.start = start
        self.end = end
        self.exclude = exclude
    }
}

/// One bound of a window frame.
public enum FrameBound: Sendable, Hashable {
    /// `UNBOUNDED PRECEDING`
    case unboundedPreceding
    /// `offset PRECEDING`
    case preceding(Expression)
    /// `CURRENT ROW`
    case currentRow
    /// `offset FOLLOWING`
    case following(Expression)
    /// `UNBOUNDED FOLLOWING`
    case unboundedFollowing
}
