extension Parser {
    /// Literals, parameters, names, function calls, CASE, CAST, EXISTS, RAISE and parentheses.
    mutating func parsePrimary() throws(ParseError) -> Expression {
        let token = current
        let start = token.range.start
        switch token.kind {
        case .integer:
            index += 1
            return Expression(.literal(.integer(token.text)), range: token.range)
        case .real:
            index += 1
            return Expression(.literal(.real(token.text)), range: token.range)
        case .string:
            index += 1
            return Expression(.literal(.string(token.text)), range: token.range)
        case .blob:
            index += 1
            return Expression(.literal(.blob(token.text)), range: token.range)
        case .parameter:
            index += 1
            return Expression(.parameter(token.text), range: token.range)
        case .quotedIdentifier:
            return try parseColumnOrCall()
        case .symbol where token.isPunctuation("("):
            index += 1
            if startsQuery {
                let query = try parseQuery()
                try expectSymbol(")")
                return Expression(.subquery(query), range: range(from: start))
            }
            let items = try parseExpressionList()
            try expectSymbol(")")
            return Expression(.parenthesized(items), range: range(from: start))
        case .word:
            break
        default:
            throw expected("an expression")
        }
        // Only reserved words and RAISE start anything but a name or a call: most words go straight there.
        if !token.isReserved, !token.isWord("RAISE") { return try parseColumnOrCall() }
        switch token.upper {
        case "NULL":
            index += 1
            return Expression(.literal(.null), range: token.range)
        case "TRUE", "FALSE":
            index += 1
            return Expression(.literal(.boolean(token.upper == "TRUE")), range: token.range)
        case "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP":
            index += 1
            return Expression(.literal(.currentTime(token.upper)), range: token.range)
        case "NOT" where peek().isWord("EXISTS"), "EXISTS":
            let negated = accept("NOT")
            try expect("EXISTS")
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            return Expression(.exists(negated: negated, query), range: range(from: start))
        case "CASE":
            index += 1
            return try parseCase(start: start)
        case "CAST":
            index += 1
            try expectSymbol("(")
            let operand = try parseExpression()
            try expect("AS")
            let typeName = try parseTypeName()
            try expectSymbol(")")
            return Expression(.cast(operand, typeName: typeName), range: range(from: start))
        case "RAISE" where peek().isPunctuation("("):
            index += 2
            guard current.kind == .word else { throw expected("IGNORE, ROLLBACK, ABORT or FAIL") }
            let action = advance().upper
            let message = acceptSymbol(",") ? try parseExpression() : nil
            try expectSymbol(")")
            return Expression(.raise(action: action, message: message), range: range(from: start))
        default:
            guard isName(token) || (token.kind == .word && peek().isPunctuation("(")) else { throw expected("an expression") }
            return try parseColumnOrCall()
        }
    }

    /// A column reference (`a`, `t.a`, `s.t.a`) or a function call `name(...)`.
    private mutating func parseColumnOrCall() throws(ParseError) -> Expression {
        let start = current.range.start
        let first = advance()
        let name = Identifier(first.text, quoted: first.kind == .quotedIdentifier, range: first.range)
        if first.kind == .word, acceptSymbol("(") {
            return try parseCall(name, start: start)
        }
        var parts = [name]
        while current.isPunctuation("."), peek().kind == .word || peek().kind == .quotedIdentifier {
            index += 1
            let part = advance()
            parts.append(Identifier(part.text, quoted: part.kind == .quotedIdentifier, range: part.range))
        }
        return Expression(.column(QualifiedName(parts)), range: range(from: start))
    }

    /// After `name(`: `*`, `DISTINCT`, arguments, `ORDER BY`, then `FILTER (WHERE ...)` and `OVER ...`.
    private mutating func parseCall(_ name: Identifier, start: Int) throws(ParseError) -> Expression {
        var call = FunctionCall(name: name)
        if acceptSymbol("*") {
            call.star = true
        } else if !current.isPunctuation(")") {
            call.distinct = accept("DISTINCT")
            if !call.distinct { _ = accept("ALL") }
            call.arguments = try parseExpressionList()
            if accept("ORDER") {
                try expect("BY")
                call.orderBy = try parseOrderingTerms()
            }
        }
        try expectSymbol(")")
        if accept("FILTER") {
            try expectSymbol("(")
            try expect("WHERE")
            call.filter = try parseExpression()
            try expectSymbol(")")
        }
        if accept("OVER") {
            if acceptSymbol("(") {
                call.over = try parseWindowBody()
            } else {
                call.over = WindowSpecification(baseName: try parseIdentifier("a window name"))
            }
        }
        return Expression(.function(call), range: range(from: start))
    }

    /// After `OVER (` or `AS (`: `[base] [PARTITION BY ...] [ORDER BY ...] [frame] )`.
    mutating func parseWindowBody() throws(ParseError) -> WindowSpecification {
        var specification = WindowSpecification()
        if isName(current), !current.isWord("PARTITION"), !current.isWord("ROWS"), !current.isWord("RANGE"),
           !current.isWord("GROUPS") {
            specification.baseName = try parseIdentifier()
        }
        if accept("PARTITION") {
            try expect("BY")
            specification.partitionBy = try parseExpressionList()
        }
        if accept("ORDER") {
            try expect("BY")
            specification.orderBy = try parseOrderingTerms()
        }
        if current.isWord("ROWS") || current.isWord("RANGE") || current.isWord("GROUPS") {
            let units = advance().upper
            var frame: WindowFrame
            if accept("BETWEEN") {
                let lower = try parseFrameBound()
                try expect("AND")
                frame = WindowFrame(units: units, start: lower, end: try parseFrameBound())
            } else {
                frame = WindowFrame(units: units, start: try parseFrameBound())
            }
            if accept("EXCLUDE") {
                if accept("NO") {
                    try expect("OTHERS")
                    frame.exclude = "NO OTHERS"
                } else if accept("CURRENT") {
                    try expect("ROW")
                    frame.exclude = "CURRENT ROW"
                } else if accept("GROUP") {
                    frame.exclude = "GROUP"
                } else {
                    try expect("TIES")
                    frame.exclude = "TIES"
                }
            }
            specification.frame = frame
        }
        try expectSymbol(")")
        return specification
    }

    private mutating func parseFrameBound() throws(ParseError) -> FrameBound {
        if accept("UNBOUNDED") {
            if accept("PRECEDING") { return .unboundedPreceding }
            try expect("FOLLOWING")
            return .unboundedFollowing
        }
        if accept("CURRENT") {
            try expect("ROW")
            return .currentRow
        }
        let offset = try parseExpression()
        if accept("PRECEDING") { return .preceding(offset) }
        try expect("FOLLOWING")
        return .following(offset)
    }

    private mutating func parseCase(start: Int) throws(ParseError) -> Expression {
        let operand = current.isWord("WHEN") ? nil : try parseExpression()
        var branches: [CaseBranch] = []
        while accept("WHEN") {
            let condition = try parseExpression()
            try expect("THEN")
            branches.append(CaseBranch(condition: condition, result: try parseExpression()))
        }
        guard !branches.isEmpty else { throw expected("WHEN") }
        let otherwise = accept("ELSE") ? try parseExpression() : nil
        try expect("END")
        return Expression(.caseWhen(operand: operand, branches: branches, otherwise: otherwise), range: range(from: start))
    }

    /// A type name: words, optionally with `(n)` or `(n, m)`.
    private mutating func parseTypeName() throws(ParseError) -> String {
        var words: [String] = []
        while current.kind == .word, !current.isWord("AS") {
            words.append(advance().text)
        }
        guard !words.isEmpty else { throw expected("a type name") }
        var text = words.joined(separator: " ")
        if acceptSymbol("(") {
            var sizes: [String] = []
            repeat {
                let sign = acceptSymbol("-") ? "-" : (acceptSymbol("+") ? "+" : "")
                guard current.kind == .integer || current.kind == .real else { throw expected("a number") }
                sizes.append(sign + advance().text)
            } while acceptSymbol(",")
            try expectSymbol(")")
            text += "(" + sizes.joined(separator: ", ") + ")"
        }
        return text
    }
}
