extension Parser {
    /// script = [statement] { ";" [statement] } ;
    mutating func parseScript() throws(ParseError) -> [ParsedStatement] {
        var statements: [ParsedStatement] = []
        while current.kind != .end {
            if acceptSymbol(";") { continue }
            let start = current.range.start
            let statement = try parseStatement()
            statements.append(ParsedStatement(statement: statement, range: range(from: start)))
            guard current.kind == .end || current.isPunctuation(";") else {
                throw expected("';' or end of statement")
            }
        }
        return statements
    }

    /// The statement keywords, as listed in errors.
    static let statementKeywords = "SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW, DESCRIBE, EXPLAIN, USE, REGISTRY, PURGE"

    mutating func parseStatement() throws(ParseError) -> Statement {
        let token = current
        guard token.kind == .word else {
            if token.isPunctuation("(") { return .select(try parseQuery()) }
            throw unknownStatement()
        }
        switch token.upper {
        case "SELECT", "WITH", "VALUES":
            return .select(try parseQuery())
        case "REPLACE":
            index += 1
            _ = accept("INTO")
            return .replace(try parseAssignments())
        case "UPDATE":
            index += 1
            return .update(try parseAssignments())
        case "INSERT":
            index += 1
            return .insert(try parseInsert())
        case "DELETE":
            index += 1
            return .delete(try parseDelete())
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
        case "PURGE":
            index += 1
            return .purge(isName(current) ? try parseQualifiedName("a resource name") : nil)
        default:
            throw unknownStatement()
        }
    }

    /// The error for a statement that starts with no statement keyword.
    func unknownStatement() -> ParseError {
        let what = "a statement (\(Parser.statementKeywords))"
        var error = expected(what)
        if case .unexpectedToken = error.kind { error.kind = .unknownStatement(found: current.description) }
        return error
    }

    /// The body of REPLACE and UPDATE, after the keyword (and REPLACE's optional INTO):
    /// `table-ref "SET" assignment {"," assignment} ["WHERE" expr] ["RETURNING" result-columns]`.
    mutating func parseAssignments() throws(ParseError) -> ReplaceStatement {
        let resource = try parseTargetResource()
        try expect("SET")
        var assignments: [Assignment] = []
        repeat {
            let column = try parseIdentifier("a column to SET")
            try expectSymbol("=")
            assignments.append(Assignment(column: column, value: try parseExpression()))
        } while acceptSymbol(",")
        let whereClause = accept("WHERE") ? try parseExpression() : nil
        return ReplaceStatement(resource: resource, assignments: assignments, whereClause: whereClause, returning: try parseReturning())
    }

    /// The resource a REPLACE, UPDATE or DELETE acts on: `qualified-name [[AS] alias]`.
    mutating func parseTargetResource() throws(ParseError) -> TableReference {
        let start = current.range.start
        let name = try parseQualifiedName("a resource name")
        var alias: Identifier?
        if accept("AS") { alias = try parseIdentifier("an alias") } else if isName(current) { alias = try parseIdentifier() }
        return TableReference(name: name, alias: alias, range: range(from: start))
    }

    /// `["RETURNING" result-columns]`
    mutating func parseReturning() throws(ParseError) -> [ResultColumn]? {
        accept("RETURNING") ? try parseResultColumns() : nil
    }

    /// exec = ("EXEC" | "EXECUTE") qualified-name { ["," ] "@" name "=" expr } [["," ] "@@json" "=" string]
    ///        ["FROM" "(" query ")"] ["RETURNING" result-columns] ;
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
        var source: Query?
        if accept("FROM") {
            try expectSymbol("(")
            guard startsQuery else { throw expected("SELECT, VALUES or WITH: the query whose rows are the calls") }
            source = try parseQuery()
            try expectSymbol(")")
        }
        return ExecStatement(method: method, arguments: arguments, jsonBody: jsonBody, jsonBodyRange: jsonRange,
                             source: source, returning: try parseReturning())
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
