/// The SQL verb a method is reached through.
public enum SQLVerb: String, Sendable, Codable, Hashable {
    case select, replace, exec, insert, delete
}

/// Where a parameter travels in the HTTP request.
public enum ParameterLocation: String, Sendable, Codable, Hashable {
    case path, query, body
}

/// One API operation of a resource.
public struct MethodDefinition: Sendable, Codable, Hashable {
    public var name: String
    public var operationId: String
    public var sqlVerb: SQLVerb
    public var description: String
    public var http: HTTPOperation
    public var parameters: [MethodParameter]
    /// The JSON body's schema, for methods that take one as `@@json`.
    public var body: BodySchema?
    public var response: ResponseShape
    public var pagination: Pagination?
    /// Relative cost for the planner (lower is cheaper); 1 when absent.
    public var cost: Int?
    /// Whether repeating the request has the same effect as sending it once.
    public var idempotent: Bool?

    /// Names of required parameters, in order.
    public var requiredParameters: [String] {
        parameters.filter { $0.required == true }.map(\.name)
    }

    /// Names of optional parameters, in order.
    public var optionalParameters: [String] {
        parameters.filter { $0.required != true }.map(\.name)
    }

    /// The method's parameter called `name` (case-insensitive).
    public func parameter(named name: String) -> MethodParameter? {
        parameters.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Whether repeating the request is safe: GET always, others when declared idempotent.
    public var isIdempotent: Bool { http.verb == "GET" || idempotent == true }
}

/// An HTTP verb and a path template with `{name}` placeholders, relative to the base URL.
public struct HTTPOperation: Sendable, Codable, Hashable {
    public var verb: String
    public var path: String
}

/// A method's use of a resource parameter.
public struct MethodParameter: Sendable, Codable, Hashable {
    public var name: String
    public var `in`: ParameterLocation
    public var required: Bool?
}

/// Where a method's rows sit in the response, as a dotted path (`data`, `data.recording`).
public struct ResponseShape: Sendable, Codable, Hashable {
    public var rows: String
}

/// Page-number pagination.
public struct Pagination: Sendable, Codable, Hashable {
    /// The parameter that selects a page (first page is 1).
    public var pageParameter: String
    /// The parameter that sets the page size.
    public var sizeParameter: String
    /// The page size the client asks for.
    public var pageSize: Int
    /// Dotted path of the total row count in the response.
    public var totalCount: String
}

/// A small JSON-schema subset describing a request body.
public struct BodySchema: Sendable, Codable, Hashable {
    public var required: [String]
    public var properties: [String: BodyProperty]
}

/// One property of a request body.
public struct BodyProperty: Sendable, Codable, Hashable {
    public var type: ValueType
    public var minimum: Double?
    public var maximum: Double?
    public var `enum`: [String]?
    public var description: String?
}
