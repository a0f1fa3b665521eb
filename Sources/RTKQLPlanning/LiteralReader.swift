import RTKQLSyntax

/// Reads the constant value of an expression: a literal, a negated number, or a bound parameter.
struct LiteralReader {
    /// Values of bound parameters, keyed as written (`?1`, `:name`, `@name`, `$name`); `?` is numbered.
    var boundParameters: [String: RawValue]

    func value(of expression: Expression) -> RawValue? {
        switch Conjuncts.unwrapped(expression).kind {
        case .literal(let literal):
            switch literal {
            case .null: return .null
            case .string(let text): return .text(text)
            case .integer(let text): return LiteralReader.integer(text).map(RawValue.integer) ?? Double(text).map(RawValue.real)
            case .real(let text): return Double(text.replacingUnderscores()).map(RawValue.real)
            case .boolean(let flag): return .boolean(flag)
            case .blob, .currentTime: return nil
            }
        case .unary(.minus, let inner):
            switch value(of: inner) {
            case .integer(let number): return .integer(-number)
            case .real(let number): return .real(-number)
            default: return nil
            }
        case .unary(.plus, let inner):
            return value(of: inner)
        case .parameter(let name):
            return boundParameters[name]
        default:
            return nil
        }
    }

    /// Where literal values came from, for EXPLAIN: `literal 'a'`, `literals 'a', 'b'`, `bound argument`.
    static func describe(_ values: [RawValue], conjuncts: [Expression]) -> String {
        var placeholder = false
        for conjunct in conjuncts {
            ExpressionWalker.visit(conjunct) { node in if case .parameter = node.kind { placeholder = true } }
        }
        let listed = values.map(\.description).joined(separator: ", ")
        if placeholder { return "bound argument \(listed)" }
        if values.isEmpty { return "no value (the predicates rule out every row)" }
        return (values.count == 1 ? "literal " : "literals ") + listed
    }

    static func integer(_ text: String) -> Int64? {
        let clean = text.replacingUnderscores()
        if clean.hasPrefix("0x") || clean.hasPrefix("0X") {
            return UInt64(clean.dropFirst(2), radix: 16).map { Int64(bitPattern: $0) }
        }
        return Int64(clean)
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
