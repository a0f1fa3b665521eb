import RTKQLSyntax

/// Why a statement cannot be planned. Raised before any request is sent.
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    /// The kind of planning failure.
    public enum Kind: Sendable, Equatable {
        case missingParameter(parameter: String, method: String)
        case unbindableParameter(parameter: String)
        case invalidParameterValue(parameter: String)
        case unknownResource(String)
        case unknownMethod(String)
        case unknownColumn(String)
        case unsupported
        /// References whose parameters are bound from each other's rows, in a cycle.
        case dependencyCycle(references: [String])
        /// More calls than the configured limit (`--max-calls`).
        case tooManyCalls(count: Int, limit: Int)
    }

    public var kind: Kind
    public var message: String
    /// Where in the statement text the problem is, when known.
    public var range: SourceRange?

    public init(_ kind: Kind, _ message: String, range: SourceRange? = nil) {
        self.kind = kind
        self.message = message
        self.range = range
    }

    public var description: String { message }
}
