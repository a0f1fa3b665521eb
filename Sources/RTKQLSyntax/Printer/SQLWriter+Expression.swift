extension SQLWriter {
    // Words that start an expression in some slots but would be read as the slot's own keyword there.
    static let distinctOrAll = KeywordTable(["DISTINCT", "ALL"])
    static let afterIs = KeywordTable(["NOT", "DISTINCT"])
    static let afterIsNot = KeywordTable(["DISTINCT"])
    static let afterNot = KeywordTable(["EXISTS"])
    static let afterCase = KeywordTable(["WHEN"])
    static let frameBoundWords = KeywordTable(["UNBOUNDED", "CURRENT"])
    static let windowBodyWords = KeywordTable(["PARTITION", "ROWS", "RANGE", "GROUPS"])

    /// `expression`, in parentheses when its precedence is below `minimum` or its first word is one
    /// of `avoiding` (which the parser would take as a keyword in this slot).
    mutating func write(_ expression: Expression, atLeast minimum: Precedence = .or, avoiding: KeywordTable = SQLWriter.none) {
        let kind = expression.kind
        var needsParentheses = kind.precedence < minimum
        if !needsParentheses, !avoiding.isEmpty, let word = kind.leadingWord, avoiding.contains(word) {
            needsParentheses = true
        }
        if needsParentheses {
            append("(")
            write(kind)
            append(")")
        } else {
            write(kind)
        }
    }

    /// An expression's text, with no parentheses around it.
    mutating func write(_ kind: ExpressionKind) {
        switch kind {
        case .literal(let literal):
            write(literal)
        case .column(let name):
            self.name(name)
        case .parameter(let text):
            append(text)
        case .unary(let op, let operand):
            writeUnary(op, operand)
        case .binary(let left, let op, let right):
            let level = op.precedence
            write(left, atLeast: level)
            append(" ")
            append(op.rawValue)
            append(" ")
            // `a IS NOT EXISTS (...)` would read as IS NOT; `a IS (NOT EXISTS (...))` keeps IS.
            write(right, atLeast: level.tighter, avoiding: op == .is ? SQLWriter.afterIs : op == .isNot ? SQLWriter.afterIsNot : SQLWriter.none)
        case .between(let operand, let negated, let low, let high):
            write(operand, atLeast: .equality)
            append(negated ? " NOT BETWEEN " : " BETWEEN ")
            write(low, atLeast: .comparison)
            append(" AND ")
            write(high, atLeast: .comparison)
        case .inList(let operand, let negated, let items):
            write(operand, atLeast: .equality)
            append(negated ? " NOT IN (" : " IN (")
            list(items) { $0.write($1) }
            append(")")
        case .inSubquery(let operand, let negated, let query):
            write(operand, atLeast: .equality)
            append(negated ? " NOT IN (" : " IN (")
            write(query)
            append(")")
        case .inTable(let operand, let negated, let table, let arguments):
            write(operand, atLeast: .equality)
            append(negated ? " NOT IN " : " IN ")
            name(table)
            if let arguments {
                append("(")
                list(arguments) { $0.write($1) }
                append(")")
            }
        case .pattern(let operand, let negated, let op, let pattern, let escape):
            write(operand, atLeast: .equality)
            append(negated ? " NOT " : " ")
            append(op.rawValue)
            append(" ")
            write(pattern, atLeast: .comparison)
            if let escape {
                append(" ESCAPE ")
                write(escape, atLeast: .comparison)
            }
        case .nullTest(let operand, let negated):
            write(operand, atLeast: .equality)
            append(negated ? " NOTNULL" : " ISNULL")
        case .function(let call):
            write(call)
        case .cast(let operand, let typeName):
            append("CAST(")
            write(operand)
            append(" AS ")
            append(typeName)
            append(")")
        case .caseWhen(let operand, let branches, let otherwise):
            append("CASE")
            if let operand {
                append(" ")
                write(operand, avoiding: SQLWriter.afterCase)
            }
            for branch in branches {
                append(" WHEN ")
                write(branch.condition)
                append(" THEN ")
                write(branch.result)
            }
            if let otherwise {
                append(" ELSE ")
                write(otherwise)
            }
            append(" END")
        case .exists(let negated, let query):
            append(negated ? "NOT EXISTS (" : "EXISTS (")
            write(query)
            append(")")
        case .subquery(let query):
            append("(")
            write(query)
            append(")")
        case .collate(let operand, let collation):
            write(operand, atLeast: .collate)
            append(" COLLATE ")
            name(Identifier(collation))
        case .parenthesized(let items):
            append("(")
            list(items) { $0.write($1) }
            append(")")
        case .raise(let action, let message):
            append("RAISE(")
            append(action)
            if let message {
                append(", ")
                write(message)
            }
            append(")")
        }
    }

    private mutating func writeUnary(_ op: UnaryOperator, _ operand: Expression) {
        if op == .not {
            append("NOT ")
            // `NOT EXISTS (...)` reads as one primary; `NOT (EXISTS (...) + 1)` keeps the tree.
            write(operand, atLeast: .not, avoiding: SQLWriter.afterNot)
            return
        }
        append(op.rawValue)
        // `- -x`, not `--x` (a comment).
        if op == .minus, case .unary(.minus, _) = operand.kind { append(" ") }
        write(operand, atLeast: .unary)
    }

    /// `name(...) [FILTER (WHERE ...)] [OVER ...]`
    mutating func write(_ call: FunctionCall) {
        word(call.name)
        append("(")
        if call.star {
            append("*")
        } else if !call.arguments.isEmpty {
            if call.distinct {
                append("DISTINCT ")
            } else if let word = call.arguments[0].kind.leadingWord, SQLWriter.distinctOrAll.contains(word) {
                // `f(distinct(x))` would read as f(DISTINCT (x)); `f(ALL distinct(x))` is the call.
                append("ALL ")
            }
            list(call.arguments) { $0.write($1) }
            if !call.orderBy.isEmpty {
                append(" ORDER BY ")
                list(call.orderBy) { $0.write($1) }
            }
        }
        append(")")
        if let filter = call.filter {
            append(" FILTER (WHERE ")
            write(filter)
            append(")")
        }
        if let over = call.over {
            append(" OVER ")
            writeWindowReference(over)
        }
    }

    /// A window as written after OVER: its bare name (`OVER w`), or its body in parentheses.
    mutating func writeWindowReference(_ window: WindowSpecification) {
        if !window.parenthesized, let base = window.baseName, window.partitionBy.isEmpty, window.orderBy.isEmpty, window.frame == nil {
            name(base)
        } else {
            append("(")
            write(window)
            append(")")
        }
    }

    /// A window's body, without its parentheses: `[base] [PARTITION BY ...] [ORDER BY ...] [frame]`.
    mutating func write(_ window: WindowSpecification) {
        var separator = ""
        if let base = window.baseName {
            name(base, avoiding: SQLWriter.windowBodyWords)
            separator = " "
        }
        if !window.partitionBy.isEmpty {
            append(separator)
            append("PARTITION BY ")
            list(window.partitionBy) { $0.write($1) }
            separator = " "
        }
        if !window.orderBy.isEmpty {
            append(separator)
            append("ORDER BY ")
            list(window.orderBy) { $0.write($1) }
            separator = " "
        }
        if let frame = window.frame {
            append(separator)
            write(frame)
        }
    }

    /// `ROWS|RANGE|GROUPS bound` or `... BETWEEN bound AND bound`, then `EXCLUDE ...`.
    mutating func write(_ frame: WindowFrame) {
        append(frame.units)
        append(" ")
        if let end = frame.end {
            append("BETWEEN ")
            write(frame.start)
            append(" AND ")
            write(end)
        } else {
            write(frame.start)
        }
        if let exclude = frame.exclude {
            append(" EXCLUDE ")
            append(exclude)
        }
    }

    mutating func write(_ bound: FrameBound) {
        switch bound {
        case .unboundedPreceding: append("UNBOUNDED PRECEDING")
        case .unboundedFollowing: append("UNBOUNDED FOLLOWING")
        case .currentRow: append("CURRENT ROW")
        case .preceding(let offset):
            write(offset, avoiding: SQLWriter.frameBoundWords)
            append(" PRECEDING")
        case .following(let offset):
            write(offset, avoiding: SQLWriter.frameBoundWords)
            append(" FOLLOWING")
        }
    }

    /// `expr [DESC] [NULLS FIRST|LAST]`
    mutating func write(_ term: OrderingTerm) {
        write(term.expression)
        if term.descending { append(" DESC") }
        if let nullsFirst = term.nullsFirst { append(nullsFirst ? " NULLS FIRST" : " NULLS LAST") }
    }
}
