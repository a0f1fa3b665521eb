import RTKQLSyntax

/// Splits a predicate into its top-level AND-ed parts.
enum Conjuncts {
    static func of(_ expression: Expression?) -> [Expression] {
        guard let expression else { return [] }
        switch expression.kind {
        case .binary(let left, .and, let right):
            return of(left) + of(right)
        case .parenthesized(let items) where items.count == 1:
            let inner = of(items[0])
            return inner.count > 1 ? inner : [expression]
        default:
            return [expression]
        }
    }

    /// The OR-ed parts of a disjunction (itself when it is not one).
    static func disjuncts(_ expression: Expression) -> [Expression] {
        switch expression.kind {
        case .binary(let left, .or, let right):
            return disjuncts(left) + disjuncts(right)
        case .parenthesized(let items) where items.count == 1:
            return disjuncts(items[0])
        default:
            return [expression]
        }
    }

    /// `x` for `(x)`, repeatedly.
    static func unwrapped(_ expression: Expression) -> Expression {
        if case .parenthesized(let items) = expression.kind, items.count == 1 {
            return unwrapped(items[0])
        }
        return expression
    }
}
