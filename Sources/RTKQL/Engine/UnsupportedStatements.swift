import RTKQLSyntax

extension RTKQLError {
    /// The error for a statement the parser accepts but the engine does not run yet: PURGE, and EXEC with
    /// RETURNING.
    static func notSupportedYet(_ statement: RTKQLSyntax.Statement) -> RTKQLError {
        switch statement {
        case .insert: return .invalid(message: "INSERT is not supported yet")
        case .update: return .invalid(message: "UPDATE is not supported yet (REPLACE is)")
        case .delete: return .invalid(message: "DELETE is not supported yet")
        case .purge: return .invalid(message: "PURGE is not supported yet")
        case .exec: return .invalid(message: "EXEC ... RETURNING is not supported yet")
        default: return .invalid(message: "this statement is not supported yet")
        }
    }
}
