/// SQLite's operator precedence, lowest first: each level is one production of the expression
/// grammar (grammar/rtkql.ebnf), so a child printed at or above its slot's level reads back as the
/// same child.
enum Precedence: Int, Comparable {
    case or
    case and
    case not
    /// `=`, `==`, `!=`, `<>`, `IS ...`, and the postfix and ternary forms: IN, LIKE, BETWEEN, ISNULL, NOTNULL.
    case equality
    case comparison
    case bitwise
    case additive
    case multiplicative
    /// `||`, `->`, `->>`
    case concatenation
    case collate
    /// Prefix `-`, `+`, `~`.
    case unary
    /// Literals, names, calls, CASE, CAST, EXISTS, and anything in parentheses.
    case primary

    static func < (left: Precedence, right: Precedence) -> Bool { left.rawValue < right.rawValue }

    /// The level one above (for the right operand of a left-associative operator).
    var tighter: Precedence { Precedence(rawValue: rawValue + 1) ?? .primary }
}

extension BinaryOperator {
    var precedence: Precedence {
        switch self {
        case .or: return .or
        case .and: return .and
        case .equal, .doubleEqual, .notEqual, .notEqualAlt, .is, .isNot, .isDistinctFrom, .isNotDistinctFrom: return .equality
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return .comparison
        case .bitwiseAnd, .bitwiseOr, .shiftLeft, .shiftRight: return .bitwise
        case .plus, .minus: return .additive
        case .multiply, .divide, .modulo: return .multiplicative
        case .concat, .jsonExtract, .jsonExtractText: return .concatenation
        }
    }
}

extension ExpressionKind {
    var precedence: Precedence {
        switch self {
        case .literal, .column, .parameter, .function, .cast, .caseWhen, .exists, .subquery, .parenthesized, .raise:
            return .primary
        case .unary(let op, _):
            return op == .not ? .not : .unary
        case .binary(_, let op, _):
            return op.precedence
        case .between, .inList, .inSubquery, .inTable, .pattern, .nullTest:
            return .equality
        case .collate:
            return .collate
        }
    }

    /// The primary an expression starts with: the end of its left spine (nil when it starts with a
    /// prefix operator). Used where a leading word would read as a keyword (`NOT`, `EXISTS`, `DISTINCT`...).
    var leadingPrimary: ExpressionKind? {
        var kind = self
        while true {
            switch kind {
            case .binary(let left, _, _): kind = left.kind
            case .between(let operand, _, _, _), .inList(let operand, _, _), .inSubquery(let operand, _, _),
                 .inTable(let operand, _, _, _), .pattern(let operand, _, _, _, _), .nullTest(let operand, _),
                 .collate(let operand, _):
                kind = operand.kind
            case .unary:
                return nil
            default:
                return kind
            }
        }
    }

    /// The first word of the expression's text when it starts with one, as written (`NOT` for `NOT EXISTS`).
    var leadingWord: String? {
        switch leadingPrimary {
        case .exists(let negated, _)?: return negated ? "NOT" : "EXISTS"
        case .function(let call)?: return call.name.quoted ? nil : call.name.value
        case .column(let name)?:
            guard let first = name.parts.first, !first.quoted else { return nil }
            return first.value
        case .caseWhen?: return "CASE"
        case .cast?: return "CAST"
        case .raise?: return "RAISE"
        default: return nil
        }
    }
}
