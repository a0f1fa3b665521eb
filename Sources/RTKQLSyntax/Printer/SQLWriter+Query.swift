extension SQLWriter {
    /// `[WITH ...] body [ORDER BY ...] [LIMIT n [OFFSET m]]`
    mutating func write(_ query: Query) {
        if let with = query.with {
            write(with)
            append(" ")
        }
        write(query.body)
        if !query.orderBy.isEmpty {
            append(" ORDER BY ")
            list(query.orderBy) { $0.write($1) }
        }
        if query.limit != nil || query.offset != nil {
            append(" LIMIT ")
            if let limit = query.limit { write(limit) } else { append("-1") }
            if let offset = query.offset {
                append(" OFFSET ")
                write(offset)
            }
        }
    }

    /// `WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query), ...`
    mutating func write(_ with: WithClause) {
        append(with.recursive ? "WITH RECURSIVE " : "WITH ")
        for (position, table) in with.tables.enumerated() {
            if position > 0 { append(", ") }
            // Right after WITH, a CTE named `recursive` would read as the keyword.
            name(table.name, avoiding: position == 0 && !with.recursive ? SQLWriter.recursiveKeyword : SQLWriter.none)
            if !table.columns.isEmpty {
                append("(")
                list(table.columns) { $0.name($1) }
                append(")")
            }
            append(" AS ")
            if let materialized = table.materialized { append(materialized ? "MATERIALIZED " : "NOT MATERIALIZED ") }
            append("(")
            write(table.query)
            append(")")
        }
    }

    static let recursiveKeyword = KeywordTable(["RECURSIVE"])

    /// A SELECT, a VALUES list, or a compound of them.
    mutating func write(_ body: SetExpression) {
        switch body {
        case .select(let core):
            write(core)
        case .values(let rows, _):
            append("VALUES ")
            list(rows) { writer, row in
                writer.append("(")
                writer.list(row) { $0.write($1) }
                writer.append(")")
            }
        case .compound(let left, let op, let right):
            write(left)
            append(" ")
            append(op.rawValue)
            append(" ")
            if case .compound = right {
                // Compound members cannot be parenthesised in SQLite; a right-nested compound
                // (only built by hand) becomes a subquery.
                append("SELECT * FROM (")
                write(right)
                append(")")
            } else {
                write(right)
            }
        }
    }

    /// `SELECT [DISTINCT] columns [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [WINDOW ...]`
    mutating func write(_ core: SelectCore) {
        if core.distinct {
            append("SELECT DISTINCT ")
        } else {
            // `SELECT distinct(x)` would read as SELECT DISTINCT; `SELECT ALL distinct(x)` is the call.
            append(SQLWriter.startsWithDistinctOrAll(core.columns.first) ? "SELECT ALL " : "SELECT ")
        }
        writeResultColumns(core.columns)
        if let from = core.from {
            append(" FROM ")
            write(from)
        }
        if let condition = core.whereClause {
            append(" WHERE ")
            write(condition)
        }
        if !core.groupBy.isEmpty {
            append(" GROUP BY ")
            list(core.groupBy) { $0.write($1) }
        }
        if let having = core.having {
            append(" HAVING ")
            write(having)
        }
        if !core.windows.isEmpty {
            append(" WINDOW ")
            list(core.windows) { writer, window in
                writer.name(window.name)
                writer.append(" AS (")
                writer.write(window.specification)
                writer.append(")")
            }
        }
    }

    /// True when the column starts with a call of a function named `distinct` or `all`.
    static func startsWithDistinctOrAll(_ column: ResultColumn?) -> Bool {
        guard case .expression(let expression, _)? = column, let word = expression.kind.leadingWord else { return false }
        return distinctOrAll.contains(word)
    }

    /// A select or RETURNING list.
    mutating func writeResultColumns(_ columns: [ResultColumn]) {
        for (position, column) in columns.enumerated() {
            if position > 0 { append(", ") }
            switch column {
            case .all:
                append("*")
            case .allOf(let table, _):
                name(table)
                append(".*")
            case .expression(let expression, let alias):
                write(expression)
                if let alias {
                    append(" AS ")
                    name(alias)
                }
            }
        }
    }

    /// A FROM clause's table, subquery, table-valued function, parenthesised join or join.
    mutating func write(_ table: TableExpression) {
        switch table {
        case .table(let reference):
            write(reference)
        case .subquery(let query, let alias, _):
            append("(")
            write(query)
            append(")")
            writeAlias(alias)
        case .function(let name, let arguments, let alias, _):
            self.name(name)
            append("(")
            list(arguments) { $0.write($1) }
            append(")")
            writeAlias(alias)
        case .parenthesized(let inner, _):
            append("(")
            write(inner)
            append(")")
        case .join(let left, let op, let right, let constraint):
            write(left)
            if op.kind == .comma, !op.natural {
                append(", ")
            } else {
                append(" ")
                if op.natural { append("NATURAL ") }
                append(op.kind == .comma ? JoinOperator.Kind.inner.rawValue : op.kind.rawValue)
                append(" ")
            }
            if case .join = right {
                // The right side of a join is one table: a right-nested join (only built by hand) is bracketed.
                append("(")
                write(right)
                append(")")
            } else {
                write(right)
            }
            switch constraint {
            case .on(let condition)?:
                append(" ON ")
                write(condition)
            case .using(let columns)?:
                append(" USING (")
                list(columns) { $0.name($1) }
                append(")")
            case nil:
                break
            }
        }
    }

    /// `name [AS alias] [INDEXED BY index | NOT INDEXED]`
    mutating func write(_ reference: TableReference) {
        name(reference.name)
        writeAlias(reference.alias)
        switch reference.indexing {
        case .indexedBy(let index)?:
            append(" INDEXED BY ")
            name(index)
        case .notIndexed?:
            append(" NOT INDEXED")
        case nil:
            break
        }
    }

    mutating func writeAlias(_ alias: Identifier?) {
        guard let alias else { return }
        append(" AS ")
        name(alias)
    }
}
