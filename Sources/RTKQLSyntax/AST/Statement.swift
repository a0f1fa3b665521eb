/// One parsed rtkql statement, with the source range it covers.
public struct ParsedStatement: Sendable, Hashable {
    /// The statement.
    public var statement: Statement
    /// The range of the statement within the text given to the parser (without the trailing `;`).
    public var range: SourceRange

    /// A statement with its range.
    public init(statement: Statement, range: SourceRange) {
        self.statement = statement
        self.range = range
    }
}

/// The statements of the rtkql dialect.
public indirect enum Statement: Sendable, Hashable {
    /// `SELECT ...`, `WITH ... SELECT ...`, `VALUES ...`
    case select(Query)
    /// `REPLACE resource SET ... [WHERE ...] [RETURNING ...]`: StackQL's replace verb (HTTP PUT).
    case replace(ReplaceStatement)
    /// `UPDATE resource SET ... [WHERE ...] [RETURNING ...]`: StackQL's update verb (HTTP PATCH).
    /// Same shape as REPLACE, kept a separate case so no code can take one verb for the other.
    case update(ReplaceStatement)
    /// `INSERT INTO resource [(columns)] VALUES ... | SELECT ... [RETURNING ...]`: StackQL's insert verb.
    case insert(InsertStatement)
    /// `DELETE FROM resource [WHERE ...] [RETURNING ...]`: StackQL's delete verb.
    case delete(DeleteStatement)
    /// `EXEC provider.service.resource.method @p = v, ... [@@json = '...'] [RETURNING ...]`
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
    /// `PURGE [resource]`: empties the session's cache (of one resource, or all of it).
    case purge(QualifiedName?)
}

/// The body of `REPLACE` and of `UPDATE` (which of the two is the `Statement` case holding it):
/// `resource SET col = expr, ... [WHERE ...] [RETURNING ...]`.
public struct ReplaceStatement: Sendable, Hashable {
    /// The resource, with its alias.
    public var resource: TableReference
    /// The SET list, in written order.
    public var assignments: [Assignment]
    /// The WHERE condition, nil when absent.
    public var whereClause: Expression?
    /// nil when there is no RETURNING clause.
    public var returning: [ResultColumn]?

    /// A statement body from its parts.
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
    /// The column set.
    public var column: Identifier
    /// Its new value.
    public var value: Expression

    /// `column = value`.
    public init(column: Identifier, value: Expression) {
        self.column = column
        self.value = value
    }
}

/// `EXEC name @a = v, @b = v @@json = '...' [RETURNING ...]`
public struct ExecStatement: Sendable, Hashable {
    /// The method's full name, `cloudflare.realtime_kit.recordings.create_track`.
    public var method: QualifiedName
    /// The `@name = value` arguments, in written order.
    public var arguments: [ExecArgument]
    /// The `@@json` body text, unescaped, when given.
    public var jsonBody: String?
    /// Where the `@@json` value literal was written.
    public var jsonBodyRange: SourceRange?
    /// The query of `FROM (query)`, when given: each of its distinct rows is one call, its columns binding
    /// the parameters and body properties they are named after.
    public var source: Query?
    /// nil when there is no RETURNING clause.
    public var returning: [ResultColumn]?

    /// A statement from its parts.
    public init(method: QualifiedName, arguments: [ExecArgument], jsonBody: String? = nil,
                jsonBodyRange: SourceRange? = nil, source: Query? = nil, returning: [ResultColumn]? = nil) {
        self.method = method
        self.arguments = arguments
        self.jsonBody = jsonBody
        self.jsonBodyRange = jsonBodyRange
        self.source = source
        self.returning = returning
    }
}

/// One `@name = value` argument of EXEC.
public struct ExecArgument: Sendable, Hashable {
    /// The name without its `@`.
    public var name: Identifier
    /// The value given.
    public var value: Expression

    /// `@name = value`.
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

    /// What is listed.
    public var kind: Kind
    /// `SHOW EXTENDED ...`
    public var extended: Bool
    /// The `IN name` target.
    public var target: QualifiedName?
    /// The `LIKE 'pattern'` filter.
    public var like: String?

    /// A SHOW statement from its parts.
    public init(kind: Kind, extended: Bool = false, target: QualifiedName? = nil, like: String? = nil) {
        self.kind = kind
        self.extended = extended
        self.target = target
        self.like = like
    }
}

/// `DESCRIBE [EXTENDED] resource`
public struct DescribeStatement: Sendable, Hashable {
    /// `DESCRIBE EXTENDED ...`
    public var extended: Bool
    /// The resource described.
    public var resource: QualifiedName

    /// A DESCRIBE statement from its parts.
    public init(extended: Bool, resource: QualifiedName) {
        self.extended = extended
        self.resource = resource
    }
}
