/// `INSERT INTO resource [AS alias] [(columns)] (VALUES ... | [WITH ...] SELECT ...) [RETURNING ...]`
public struct InsertStatement: Sendable, Hashable {
    /// The resource, with its alias (`AS alias` only, as in SQLite).
    public var resource: TableReference
    /// The column list; empty when none was written.
    public var columns: [Identifier]
    /// The rows inserted: a `VALUES` query, or any SELECT (with its WITH, ORDER BY and LIMIT).
    public var source: Query
    /// nil when there is no RETURNING clause.
    public var returning: [ResultColumn]?

    /// A statement from its parts.
    public init(resource: TableReference, columns: [Identifier] = [], source: Query, returning: [ResultColumn]? = nil) {
        self.resource = resource
        self.columns = columns
        self.source = source
        self.returning = returning
    }
}

/// `DELETE FROM resource [[AS] alias] [WHERE ...] [RETURNING ...]`
public struct DeleteStatement: Sendable, Hashable {
    /// The resource, with its alias.
    public var resource: TableReference
    /// The WHERE condition, nil when absent.
    public var whereClause: Expression?
    /// nil when there is no RETURNING clause.
    public var returning: [ResultColumn]?

    /// A statement from its parts.
    public init(resource: TableReference, whereClause: Expression? = nil, returning: [ResultColumn]? = nil) {
        self.resource = resource
        self.whereClause = whereClause
        self.returning = returning
    }
}
