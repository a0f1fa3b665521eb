extension Parser {
    /// script = [statement] { ";" [statement] } ;
    mutating func parseScript() throws(ParseError) -> [ParsedStatement] {
        var statements: [ParsedStatement] = []
        while current.kind != .end {
            if acceptSymbol(";") { continue }
            let start = current.range.start
            let statement = try parseStatement()
            statements.append(ParsedStatement(statement: statement, range: range(from: start)))
            guard current.kind == .end || current.isSymbol(";") else {
                throw expected("';' or end of statement")
            }
        }
        return statements
    }

    mutating func parseStatement() throws(ParseError) -> Statement {
        let token = current
        guard token.kind == .word else {
            if token.isSymbol("(") { return .select(try parseQuery()) }
            throw unknownStatement()
        }
        switch token.upper {
        case "SELECT", "WITH", "VALUES":
            return .select(try parseQuery())
        case "REPLACE", "UPDATE":
            index += 1
            return .replace(try parseReplace())
        case "EXEC", "EXECUTE":
            index += 1
            return .exec(try parseExec())
        case "SHOW":
            index += 1
            return .show(try parseShow())
        case "DESCRIBE", "DESC":
            index += 1
            let extended = accept("EXTENDED")
            return .describe(DescribeStatement(extended: extended, resource: try parseQualifiedName("a resource name")))
        case "EXPLAIN":
            index += 1
            if accept("QUERY") { try expect("PLAN") }
            return .explain(try parseStatement())
        case "USE":
            index += 1
            return .use(try parseIdentifier("a provider name"))
        case "REGISTRY":
            index += 1
            try expect("LIST")
            return .registryList(isName(current) ? try parseIdentifier() : nil)
        default:
            throw unknownStatement()
        }
    }

    /// The error for a statement that starts with no statement keyword.
    func unknownStatement() -> ParseError {
        var error = expected("a statement (SELECT, REPLACE, EXEC, SHOW, DESCRIBE, EXPLAIN, USE)")
        if case .unexpectedToken = error.kind { error.kind = .unknownStatement(found: current.description) }
        return error
    }

    /// replace = ("REPLACE" | "UPDATE") ["INTO"] table-ref "SET" assignment {"," assignment} ["WHERE" expr] ["RETURNING" result-columns] ;
    mutating func parseReplace() throws(ParseError) -> ReplaceStatement {
        _ = accept("INTO")
        let start = current.range.start
        let name = try parseQualifiedName("a resource name")
        var alias: Identifier?
        if accept("AS") { alias = try parseIdentifier("an alias") } else if isName(current) { alias = try parseIdentifier() }
        let resource = TableReference(name: name, alias: alias, range: range(from: start))
        try expect("SET")
        var assignments: [Assignment] = []
        repeat {
            let column = try parseIdentifier("a column to SET")
            try expectSymbol("=")
            assignments.append(Assignment(column: column, value: try parseExpression()))
        } while acceptSymbol(",")
        let whereClause = accept("WHERE") ? try parseExpression() : nil
        var returning: [ResultColumn]?
        if accept("RETURNING") { returning = try parseResultColumns() }
        return ReplaceStatement(resource: resource, assignments: assignments, whereClause: whereClause, returning: returning)
    }

    /// exec = ("EXEC" | "EXECUTE") qualified-name { ["," ] "@" name "=" expr } [["," ] "@@json" "=" string] ;
    mutating func parseExec() throws(ParseError) -> ExecStatement {
        let method = try parseQualifiedName("a method name (provider.service.resource.method)")
        var arguments: [ExecArgument] = []
        var jsonBody: String?
        var jsonRange: SourceRange?
        while true {
            _ = acceptSymbol(",")
            let token = current
            if token.kind == .parameter, token.text.hasPrefix("@") {
                index += 1
                let name = Identifier(String(token.text.dropFirst()), range: token.range)
                try expectSymbol("=")
                arguments.append(ExecArgument(name: name, value: try parseExpression()))
            } else if token.kind == .systemVariable {
                guard token.text.lowercased() == "@@json" else { throw expected("@@json") }
                index += 1
                try expectSymbol("=")
                guard current.kind == .string else { throw expected("a string holding the JSON body") }
                let body = advance()
                jsonBody = body.text
                jsonRange = body.range
            } else {
                break
            }
        }
        return ExecStatement(method: method, arguments: arguments, jsonBody: jsonBody, jsonBodyRange: jsonRange)
    }

    /// show = "SHOW" ["EXTENDED"] ("PROVIDERS" | "SERVICES" | "RESOURCES" | "METHODS") [("IN" | "FROM") qualified-name] ["LIKE" string] ;
    mutating func parseShow() throws(ParseError) -> ShowStatement {
        let extended = accept("EXTENDED")
        guard current.kind == .word, let kind = ShowStatement.Kind(rawValue: current.upper) else {
            throw expected("PROVIDERS, SERVICES, RESOURCES or METHODS")
        }
        index += 1
        var target: QualifiedName?
        if accept("IN") || accept("FROM") { target = try parseQualifiedName() }
        var like: String?
        if accept("LIKE") {
            guard current.kind == .string else { throw expected("a string pattern") }
            like = advance().text
        }
        return ShowStatement(kind: kind, extended: extended, target: target, like: like)
    }
}
