import RTKQLJSON
import RTKQLProvider

/// One HTTP call of a REPLACE or EXEC, fully bound and validated.
public struct OperationRequest: Sendable {
    public var resource: ResolvedResource
    public var method: MethodDefinition
    /// Path and query parameters.
    public var parameters: [String: ParameterValue]
    /// The JSON body, for methods that take one.
    public var body: JSONValue?

    /// The body's text as sent.
    public var bodyText: String? { body?.serialized }
}

/// The plan of a REPLACE: one request per target (a set-based REPLACE has several).
public struct ReplacePlan: Sendable {
    public var resource: ResolvedResource
    public var method: MethodDefinition
    public var requests: [OperationRequest]
    /// The parameter that tells the targets apart (`recording_id`), when there are several.
    public var targetParameter: String?
}

/// The plan of an EXEC: a single request, or one per distinct row of its `FROM (query)` (none when it
/// returned no rows).
public struct ExecPlan: Sendable {
    public var resource: ResolvedResource
    public var method: MethodDefinition
    /// The requests, in the order of the query's rows.
    public var requests: [OperationRequest]
    /// The columns of `FROM (query)`, which tell the requests apart; nil without one.
    public var sourceColumns: [String]?

    public init(resource: ResolvedResource, method: MethodDefinition, requests: [OperationRequest], sourceColumns: [String]? = nil) {
        self.resource = resource
        self.method = method
        self.requests = requests
        self.sourceColumns = sourceColumns
    }

    /// The first request (the only one without `FROM (query)`).
    public var request: OperationRequest { requests[0] }
}

extension ParameterValue {
    /// The value as JSON, for request bodies.
    var json: JSONValue {
        switch self {
        case .string(let text): return .string(text)
        case .integer(let number): return .number(String(number))
        case .number: return .number(wireValues[0])
        case .boolean(let flag): return .bool(flag)
        case .array(let items): return .array(items.map(JSONValue.string))
        }
    }
}
