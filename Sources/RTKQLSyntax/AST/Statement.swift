/// One parsed rtkql statement, with the source range it covers.
public struct ParsedStatement: Sendable, Hashable {
    public var statement: Statement
    /// The range of the statement within the text given to the parser (without the trailing `;`).
    public var range: SourceRange

    public init(statement: Statement, range: SourceRange) {
        self.statement = statement
        self.range = range
    }
}

/// The statements of the rtkql dialect.
public indirect enum Statement: Sendable, Hashable {
    /// `SELECT ...`, `WITH ... SELECT ...`, `VALUES ...`
    case select(Query)
    /// `REPLACE resource SET ... WHERE ... [RETURNING ...]` (also `UPDATE resource SET ...`).
    case replace(ReplaceStatement)
    /// `EXEC provider.service.resource.method @p = v, ... [@@json = '...']`
    case exec(ExecStatement)
    /// `SHOW [EXTENDED] PROVIDERS|SERVICES|RESOURCES|METHODS [IN name] [LIKE 'pattern']`
    case show(ShowStatement)
    /// `DESCRIBE [EXTENDED] resource`
    case describe(DescribeStatement)
    /// `EXPLAIN statement`
    case explain(Statement)
    /// `USE provider`
    case use(Identifier)
    /// `REGISTRY LIST [provider]`
    case registryList(Identifier?)
}

/// `REPLACE resource SET col = expr, ... WHERE ... [RETURNING ...]`
public struct ReplaceStatement: Sendable, Hashable {
    public var resource: TableReference
    public var assignments: [Assignment]
    public var whereClause: Expression?
    /// nil when there is no RETURNING clause.
    public var returning: [ResultColumn]?

    public init(resource: TableReference, assignments: [Assignment], whereClause: Expression?,
                returning: [ResultColumn]?) {
        self.resource = resource
        self.assignments = assignments
        self.whereClause = whereClause
        self.returning = returning
    }
}

/// `column = expr` in a SET clause.
public struct Assignment: Sendable, Hashable {
    public var column: Identifier
    public var value: Expression

    public init(column: Identifier, value: Expression) {
        self.column = column
        self.value = value
    }
}

/// `EXEC name @a = v, @b = v @@json = '...'`
public struct ExecStatement: Sendable, Hashable {
    /// The method's full name, `cloudflare.realtime_kit.recordings.create_track`.
    public var method: QualifiedName
    public var arguments: [ExecArgument]
    /// The `@@json` body text, unescaped, when given.
    public var jsonBody: String?
    /// Where the `@@json` value literal was written.
    public var jsonBodyRange: SourceRange?

    public init(method: QualifiedName, arguments: [ExecArgument], jsonBody: String? = nil,
                jsonBodyRange: SourceRange? = nil) {
        self.method = method
        self.arguments = arguments
        self.jsonBody = jsonBody
        self.jsonBodyRange = jsonBodyRange
    }
}

/// One `@name = value` argument of EXEC.
public struct ExecArgument: Sendable, Hashable {
    public var name: Identifier
    public var value: Expression

    public init(name: Identifier, value: Expression) {
        self.name = name
        self.value = value
    }
}

/// `SHOW ...`
public struct ShowStatement: Sendable, Hashable {
    /// What is listed.
    public enum Kind: String, Sendable, Hashable {
        case providers = "PROVIDERS"
        case services = "SERVICES"
        case resources = "RESOURCES"
        case methods = "METHODS"
    }

    public var kind: Kind
    public var extended: Bool
    /// The `IN name` target.
    public var target: QualifiedName?
    /// The `LIKE 'pattern'` filter.
    public var like: String?

    public init(kind: Kind, extended: Bool = false, target: QualifiedName? = nil, like: String? = nil) {
        self.kind = kind
        self.extended = extended
        self.target = target
        self.like = like
    }
}

/// `DESCRIBE [EXTENDED] resource`
public struct DescribeStatement: Sendable, Hashable {
    public var extended: Bool
    public var resource: QualifiedName

    public init(extended: Bool, resource: QualifiedName) {
        self.extended = extended
        self.resource = resource
    }
}
