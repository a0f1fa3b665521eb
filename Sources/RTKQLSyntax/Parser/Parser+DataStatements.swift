extension Parser {
    /// After INSERT: `"INTO" qualified-name ["AS" name] ["(" name {"," name} ")"] query ["RETURNING" result-columns]`,
    /// where the query is `VALUES ...` or `[WITH ...] SELECT ...`.
    mutating func parseInsert() throws(ParseError) -> InsertStatement {
        try expect("INTO")
        let start = current.range.start
        let name = try parseQualifiedName("a resource name")
        let alias = accept("AS") ? try parseIdentifier("an alias") : nil
        let resource = TableReference(name: name, alias: alias, range: range(from: start))
        var columns: [Identifier] = []
        if acceptSymbol("(") {
            repeat { columns.append(try parseIdentifier("a column name")) } while acceptSymbol(",")
            try expectSymbol(")")
        }
        guard startsQuery else { throw expected("VALUES or SELECT") }
        let source = try parseQuery()
        return InsertStatement(resource: resource, columns: columns, source: source, returning: try parseReturning())
    }

    /// After DELETE: `"FROM" qualified-name [[AS] alias] ["WHERE" expr] ["RETURNING" result-columns]`.
    mutating func parseDelete() throws(ParseError) -> DeleteStatement {
        try expect("FROM")
        let resource = try parseTargetResource()
        let whereClause = accept("WHERE") ? try parseExpression() : nil
        return DeleteStatement(resource: resource, whereClause: whereClause, returning: try parseReturning())
    }
}
