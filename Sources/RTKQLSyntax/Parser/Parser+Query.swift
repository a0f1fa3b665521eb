extension Parser {
    var startsQuery: Bool {
        current.isWord("SELECT") || current.isWord("WITH") || current.isWord("VALUES")
    }

    /// query = [with-clause] compound [ORDER BY ordering {"," ordering}] [LIMIT expr [(OFFSET | ",") expr]] ;
    mutating func parseQuery() throws(ParseError) -> Query {
        try enter()
        defer { leave() }
        let start = current.range.start
        var with: WithClause?
        if accept("WITH") {
            let recursive = accept("RECURSIVE")
            var tables: [CommonTableExpression] = []
            repeat {
                let name = try parseIdentifier("a CTE name")
                var columns: [Identifier] = []
                if acceptSymbol("(") {
                    repeat { columns.append(try parseIdentifier("a column name")) } while acceptSymbol(",")
                    try expectSymbol(")")
                }
                try expect("AS")
                var materialized: Bool?
                if accept("MATERIALIZED") {
                    materialized = true
                } else if current.isWord("NOT"), peek().isWord("MATERIALIZED") {
                    index += 2
                    materialized = false
                }
                try expectSymbol("(")
                let query = try parseQuery()
                try expectSymbol(")")
                tables.append(CommonTableExpression(name: name, columns: columns, materialized: materialized, query: query))
            } while acceptSymbol(",")
            with = WithClause(recursive: recursive, tables: tables)
        }
        let body = try parseCompound()
        var orderBy: [OrderingTerm] = []
        if accept("ORDER") {
            try expect("BY")
            orderBy = try parseOrderingTerms()
        }
        var limit: Expression?
        var offset: Expression?
        if accept("LIMIT") {
            let first = try parseExpression()
            if accept("OFFSET") {
                limit = first
                offset = try parseExpression()
            } else if acceptSymbol(",") {
                offset = first  // LIMIT offset, count
                limit = try parseExpression()
            } else {
                limit = first
            }
        }
        return Query(with: with, body: body, orderBy: orderBy, limit: limit, offset: offset, range: range(from: start))
    }

    /// compound = core { ("UNION" ["ALL"] | "INTERSECT" | "EXCEPT") core } ;
    mutating func parseCompound() throws(ParseError) -> SetExpression {
        var body = try parseCore()
        while true {
            let op: SetOperator
            if accept("UNION") {
                op = accept("ALL") ? .unionAll : .union
            } else if accept("INTERSECT") {
                op = .intersect
            } else if accept("EXCEPT") {
                op = .except
            } else {
                return body
            }
            body = .compound(body, op, try parseCore())
        }
    }

    /// core = "SELECT" ["DISTINCT" | "ALL"] result-columns [FROM from] [WHERE expr] [GROUP BY exprs] [HAVING expr] [WINDOW windows]
    ///      | "VALUES" "(" exprs ")" {"," "(" exprs ")"} ;
    mutating func parseCore() throws(ParseError) -> SetExpression {
        let start = current.range.start
        if accept("VALUES") {
            var rows: [[Expression]] = []
            repeat {
                try expectSymbol("(")
                rows.append(try parseExpressionList())
                try expectSymbol(")")
            } while acceptSymbol(",")
            return .values(rows, range: range(from: start))
        }
        if current.isPunctuation("("), peek().isWord("SELECT") || peek().isWord("VALUES") {
            // A parenthesised select as a compound member is not SQLite syntax; report it plainly.
            throw expected("SELECT")
        }
        guard accept("SELECT") else { throw expected("SELECT") }
        var distinct = false
        if accept("DISTINCT") { distinct = true } else { _ = accept("ALL") }
        let columns = try parseResultColumns()
        let from = accept("FROM") ? try parseFrom() : nil
        let whereClause = accept("WHERE") ? try parseExpression() : nil
        var groupBy: [Expression] = []
        if accept("GROUP") {
            try expect("BY")
            groupBy = try parseExpressionList()
        }
        let having = accept("HAVING") ? try parseExpression() : nil
        var windows: [NamedWindow] = []
        if accept("WINDOW") {
            repeat {
                let name = try parseIdentifier("a window name")
                try expect("AS")
                try expectSymbol("(")
                let specification = try parseWindowBody()
                windows.append(NamedWindow(name: name, specification: specification))
            } while acceptSymbol(",")
        }
        return .select(SelectCore(distinct: distinct, columns: columns, from: from, whereClause: whereClause, groupBy: groupBy,
                                  having: having, windows: windows, range: range(from: start)))
    }

    /// result-columns = result-column {"," result-column} ; result-column = "*" | name "." "*" | expr [[AS] alias] ;
    mutating func parseResultColumns() throws(ParseError) -> [ResultColumn] {
        var columns: [ResultColumn] = []
        repeat {
            let start = current.range.start
            if acceptSymbol("*") {
                columns.append(.all(range: range(from: start)))
            } else if isName(current), peek().isPunctuation("."), peek(2).isPunctuation("*") {
                let table = try parseIdentifier()
                index += 2
                columns.append(.allOf(table, range: range(from: start)))
            } else {
                let expression = try parseExpression()
                columns.append(.expression(expression, alias: try parseAlias()))
            }
        } while acceptSymbol(",")
        return columns
    }

    mutating func parseOrderingTerms() throws(ParseError) -> [OrderingTerm] {
        var terms: [OrderingTerm] = []
        repeat {
            let expression = try parseExpression()
            var descending = false
            if accept("DESC") { descending = true } else { _ = accept("ASC") }
            var nullsFirst: Bool?
            if accept("NULLS") {
                if accept("FIRST") { nullsFirst = true } else { try expect("LAST"); nullsFirst = false }
            }
            terms.append(OrderingTerm(expression: expression, descending: descending, nullsFirst: nullsFirst))
        } while acceptSymbol(",")
        return terms
    }

    // MARK: - FROM

    /// from = table-or-subquery { join-operator table-or-subquery [join-constraint] } ;
    mutating func parseFrom() throws(ParseError) -> TableExpression {
        var left = try parseTableOrSubquery()
        while let op = try parseJoinOperator() {
            let right = try parseTableOrSubquery()
            var constraint: JoinConstraint?
            if accept("ON") {
                constraint = .on(try parseExpression())
            } else if accept("USING") {
                try expectSymbol("(")
                var columns: [Identifier] = []
                repeat { columns.append(try parseIdentifier("a column name")) } while acceptSymbol(",")
                try expectSymbol(")")
                constraint = .using(columns)
            }
            left = .join(left, op, right, constraint)
        }
        return left
    }

    mutating func parseJoinOperator() throws(ParseError) -> JoinOperator? {
        if acceptSymbol(",") { return JoinOperator(kind: .comma) }
        let natural = accept("NATURAL")
        let kind: JoinOperator.Kind
        if accept("LEFT") {
            _ = accept("OUTER")
            kind = .left
        } else if accept("RIGHT") {
            _ = accept("OUTER")
            kind = .right
        } else if accept("FULL") {
            _ = accept("OUTER")
            kind = .full
        } else if accept("INNER") {
            kind = .inner
        } else if accept("CROSS") {
            kind = .cross
        } else if current.isWord("JOIN") {
            kind = .inner
        } else {
            if natural { throw expected("JOIN") }
            return nil
        }
        try expect("JOIN")
        return JoinOperator(kind: kind, natural: natural)
    }

    mutating func parseTableOrSubquery() throws(ParseError) -> TableExpression {
        try enter()
        defer { leave() }
        let start = current.range.start
        if acceptSymbol("(") {
            if startsQuery {
                let query = try parseQuery()
                try expectSymbol(")")
                let alias = try parseAlias()
                return .subquery(query, alias: alias, range: range(from: start))
            }
            let inner = try parseFrom()
            try expectSymbol(")")
            return .parenthesized(inner, range: range(from: start))
        }
        let name = try parseQualifiedName("a table or resource name")
        if acceptSymbol("(") {
            let arguments = current.isPunctuation(")") ? [] : try parseExpressionList()
            try expectSymbol(")")
            let alias = try parseAlias()
            return .function(name: name, arguments: arguments, alias: alias, range: range(from: start))
        }
        let alias = current.isWord("INDEXED") ? nil : try parseAlias()
        var indexing: TableIndexing?
        if accept("INDEXED") {
            try expect("BY")
            indexing = .indexedBy(try parseIdentifier("an index name"))
        } else if current.isWord("NOT"), peek().isWord("INDEXED") {
            index += 2
            indexing = .notIndexed
        }
        return .table(TableReference(name: name, alias: alias, indexing: indexing, range: range(from: start)))
    }
}
