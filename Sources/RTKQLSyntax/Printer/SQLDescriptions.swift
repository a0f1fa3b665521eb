// Every syntax node's `description` is its SQL text, printed by `SQLWriter` (the one printer).
// Parsing a statement's description gives back the same tree, source ranges aside
// (see `withoutSourceRanges()`), and printing that tree gives the same text again.

extension Statement: CustomStringConvertible {
    /// The statement as SQL, without a trailing `;`.
    public var description: String { SQLWriter.sql(capacity: 256) { $0.write(self) } }
}

extension ParsedStatement: CustomStringConvertible {
    /// The statement as SQL, without a trailing `;`.
    public var description: String { statement.description }
}

extension InsertStatement: CustomStringConvertible {
    /// `INSERT INTO ...` as SQL.
    public var description: String { SQLWriter.sql(capacity: 256) { $0.write(self) } }
}

extension DeleteStatement: CustomStringConvertible {
    /// `DELETE FROM ...` as SQL.
    public var description: String { SQLWriter.sql(capacity: 256) { $0.write(self) } }
}

extension ReplaceStatement: CustomStringConvertible {
    /// The body as SQL, without its verb (REPLACE or UPDATE, which the `Statement` case says):
    /// `resource SET ... [WHERE ...] [RETURNING ...]`.
    public var description: String { SQLWriter.sql(capacity: 256) { $0.write(self) } }
}

extension ExecStatement: CustomStringConvertible {
    /// `EXEC ...` as SQL.
    public var description: String { SQLWriter.sql(capacity: 256) { $0.write(self) } }
}

extension ShowStatement: CustomStringConvertible {
    /// `SHOW ...` as SQL.
    public var description: String { SQLWriter.sql { $0.write(self) } }
}

extension DescribeStatement: CustomStringConvertible {
    /// `DESCRIBE ...` as SQL.
    public var description: String { SQLWriter.sql { $0.write(self) } }
}

extension Query: CustomStringConvertible {
    /// The query as SQL.
    public var description: String { SQLWriter.sql(capacity: 256) { $0.write(self) } }
}

extension WithClause: CustomStringConvertible {
    /// `WITH ...` as SQL.
    public var description: String { SQLWriter.sql(capacity: 128) { $0.write(self) } }
}

extension SetExpression: CustomStringConvertible {
    /// The SELECT, VALUES or compound as SQL.
    public var description: String { SQLWriter.sql(capacity: 256) { $0.write(self) } }
}

extension SelectCore: CustomStringConvertible {
    /// `SELECT ...` as SQL.
    public var description: String { SQLWriter.sql(capacity: 256) { $0.write(self) } }
}

extension ResultColumn: CustomStringConvertible {
    /// `*`, `t.*` or `expr [AS alias]` as SQL.
    public var description: String { SQLWriter.sql { $0.writeResultColumns([self]) } }
}

extension TableExpression: CustomStringConvertible {
    /// The table, subquery, function or join as SQL.
    public var description: String { SQLWriter.sql(capacity: 128) { $0.write(self) } }
}

extension TableReference: CustomStringConvertible {
    /// `name [AS alias] [INDEXED BY ...]` as SQL.
    public var description: String { SQLWriter.sql { $0.write(self) } }
}

extension Expression: CustomStringConvertible {
    /// The expression as SQL.
    public var description: String { SQLWriter.sql { $0.write(self) } }
}

extension Literal: CustomStringConvertible {
    /// The literal as SQL: `NULL`, `42`, `'it''s'`, `X'CAFE'`, `TRUE`, `CURRENT_DATE`.
    public var description: String { SQLWriter.sql(capacity: 16) { $0.write(self) } }
}

extension FunctionCall: CustomStringConvertible {
    /// The call as SQL.
    public var description: String { SQLWriter.sql { $0.write(self) } }
}

extension WindowSpecification: CustomStringConvertible {
    /// The window as written after OVER: `name`, or `(...)`.
    public var description: String { SQLWriter.sql { $0.writeWindowReference(self) } }
}

extension WindowFrame: CustomStringConvertible {
    /// `ROWS ...`, `RANGE ...` or `GROUPS ...` as SQL.
    public var description: String { SQLWriter.sql { $0.write(self) } }
}

extension FrameBound: CustomStringConvertible {
    /// `UNBOUNDED PRECEDING`, `n PRECEDING`, `CURRENT ROW`, ...
    public var description: String { SQLWriter.sql { $0.write(self) } }
}

extension OrderingTerm: CustomStringConvertible {
    /// `expr [DESC] [NULLS FIRST|LAST]` as SQL.
    public var description: String { SQLWriter.sql { $0.write(self) } }
}
