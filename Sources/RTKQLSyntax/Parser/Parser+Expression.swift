extension Parser {
    mutating func parseExpressionList() throws(ParseError) -> [Expression] {
        var items: [Expression] = []
        repeat { items.append(try parseExpression()) } while acceptSymbol(",")
        return items
    }

    /// expr, by SQLite's precedence: OR < AND < NOT < equality (= IS IN LIKE BETWEEN ...) < comparison
    /// < bitwise < additive < multiplicative < concatenation (|| -> ->>) < COLLATE < unary.
    mutating func parseExpression() throws(ParseError) -> Expression {
        try enter()
        defer { leave() }
        return try parseOr()
    }

    private func binary(_ left: Expression, _ op: BinaryOperator, _ right: Expression) -> Expression {
        Expression(.binary(left, op, right), range: left.range.union(right.range))
    }

    mutating func parseOr() throws(ParseError) -> Expression {
        var left = try parseAnd()
        while accept("OR") { left = binary(left, .or, try parseAnd()) }
        return left
    }

    mutating func parseAnd() throws(ParseError) -> Expression {
        var left = try parseNot()
        while accept("AND") { left = binary(left, .and, try parseNot()) }
        return left
    }

    mutating func parseNot() throws(ParseError) -> Expression {
        let start = current.range.start
        if current.isWord("NOT"), !peek().isWord("EXISTS") {
            index += 1
            try enter()
            defer { leave() }
            let operand = try parseNot()
            return Expression(.unary(.not, operand), range: range(from: start))
        }
        return try parseEquality()
    }

    /// Equality-level operators, including the postfix and ternary forms.
    mutating func parseEquality() throws(ParseError) -> Expression {
        var left = try parseComparison()
        while true {
            let start = left.range.start
            if current.isPunctuation("=") || current.isPunctuation("==") || current.isPunctuation("!=") || current.isPunctuation("<>") {
                let op = BinaryOperator(rawValue: advance().text)!
                left = binary(left, op, try parseComparison())
            } else if accept("IS") {
                var op = BinaryOperator.is
                if accept("NOT") { op = .isNot }
                if accept("DISTINCT") {
                    try expect("FROM")
                    op = op == .is ? .isDistinctFrom : .isNotDistinctFrom
                }
                left = binary(left, op, try parseComparison())
            } else if accept("ISNULL") {
                left = Expression(.nullTest(left, negated: false), range: range(from: start))
            } else if accept("NOTNULL") {
                left = Expression(.nullTest(left, negated: true), range: range(from: start))
            } else if current.isWord("NOT"), peek().isWord("NULL") {
                index += 2
                left = Expression(.nullTest(left, negated: true), range: range(from: start))
            } else {
                let negated = current.isWord("NOT")
                let keywordIndex = negated ? 1 : 0
                let keyword = peek(keywordIndex)
                // IN, LIKE, GLOB, REGEXP, MATCH and BETWEEN are reserved words: any other word ends the operand.
                guard keyword.kind == .word, keyword.isReserved else { return left }
                switch keyword.upper {
                case "IN":
                    index += keywordIndex + 1
                    left = try parseIn(left, negated: negated)
                case "LIKE", "GLOB", "REGEXP", "MATCH":
                    index += keywordIndex + 1
                    let op = PatternOperator(rawValue: keyword.upper)!
                    let pattern = try parseComparison()
                    let escape = accept("ESCAPE") ? try parseComparison() : nil
                    left = Expression(.pattern(left, negated: negated, op, pattern, escape: escape), range: range(from: start))
                case "BETWEEN":
                    index += keywordIndex + 1
                    let low = try parseComparison()
                    try expect("AND")
                    let high = try parseComparison()
                    left = Expression(.between(left, negated: negated, low: low, high: high), range: range(from: start))
                default:
                    return left
                }
            }
        }
    }

    private mutating func parseIn(_ operand: Expression, negated: Bool) throws(ParseError) -> Expression {
        let start = operand.range.start
        if acceptSymbol("(") {
            if startsQuery {
                let query = try parseQuery()
                try expectSymbol(")")
                return Expression(.inSubquery(operand, negated: negated, query), range: range(from: start))
            }
            let items = current.isPunctuation(")") ? [] : try parseExpressionList()
            try expectSymbol(")")
            return Expression(.inList(operand, negated: negated, items), range: range(from: start))
        }
        let name = try parseQualifiedName("'(' or a table name after IN")
        var arguments: [Expression]?
        if acceptSymbol("(") {
            arguments = current.isPunctuation(")") ? [] : try parseExpressionList()
            try expectSymbol(")")
        }
        return Expression(.inTable(operand, negated: negated, name, arguments: arguments), range: range(from: start))
    }

    mutating func parseComparison() throws(ParseError) -> Expression {
        var left = try parseBitwise()
        while current.isPunctuation("<") || current.isPunctuation("<=") || current.isPunctuation(">") || current.isPunctuation(">=") {
            let op = BinaryOperator(rawValue: advance().text)!
            left = binary(left, op, try parseBitwise())
        }
        return left
    }

    mutating func parseBitwise() throws(ParseError) -> Expression {
        var left = try parseAdditive()
        while current.isPunctuation("&") || current.isPunctuation("|") || current.isPunctuation("<<") || current.isPunctuation(">>") {
            let op = BinaryOperator(rawValue: advance().text)!
            left = binary(left, op, try parseAdditive())
        }
        return left
    }

    mutating func parseAdditive() throws(ParseError) -> Expression {
        var left = try parseMultiplicative()
        while current.isPunctuation("+") || current.isPunctuation("-") {
            let op = BinaryOperator(rawValue: advance().text)!
            left = binary(left, op, try parseMultiplicative())
        }
        return left
    }

    mutating func parseMultiplicative() throws(ParseError) -> Expression {
        var left = try parseConcatenation()
        while current.isPunctuation("*") || current.isPunctuation("/") || current.isPunctuation("%") {
            let op = BinaryOperator(rawValue: advance().text)!
            left = binary(left, op, try parseConcatenation())
        }
        return left
    }

    mutating func parseConcatenation() throws(ParseError) -> Expression {
        var left = try parseCollate()
        while current.isPunctuation("||") || current.isPunctuation("->") || current.isPunctuation("->>") {
            let op = BinaryOperator(rawValue: advance().text)!
            left = binary(left, op, try parseCollate())
        }
        return left
    }

    mutating func parseCollate() throws(ParseError) -> Expression {
        var operand = try parseUnary()
        while accept("COLLATE") {
            let collation = try parseIdentifier("a collation name")
            operand = Expression(.collate(operand, collation: collation.value), range: operand.range.union(collation.range))
        }
        return operand
    }

    mutating func parseUnary() throws(ParseError) -> Expression {
        let start = current.range.start
        let op: UnaryOperator
        if current.isPunctuation("-") { op = .minus } else if current.isPunctuation("+") { op = .plus } else if current.isPunctuation("~") {
            op = .bitwiseNot
        } else {
            return try parsePrimary()
        }
        index += 1
        try enter()
        defer { leave() }
        let operand = try parseUnary()
        return Expression(.unary(op, operand), range: range(from: start))
    }
}
