import RTKQLSyntax

extension RTKQLError {
    /// The error for a statement the parser accepts but the engine does not run yet: PURGE.
    static func notSupportedYet(_ statement: RTKQLSyntax.Statement) -> RTKQLError {
        switch statement {
        case .purge: return .invalid(message: "PURGE is not supported yet")
        default: return .invalid(message: "this statement is not supported yet")
        }
    }
}
