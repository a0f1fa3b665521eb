/// The SQL verb a method is reached through.
public enum SQLVerb: String, Sendable, Codable, Hashable, CaseIterable {
    case select, insert, update, replace, delete, exec
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

    /// What a call must be given, as SHOW METHODS lists it: the required path, query and body parameters, then
    /// the required properties of the request body in the schema's order (those not already among them).
    public var requiredInputs: [String] {
        var names = requiredParameters
        for property in body?.required ?? [] where !names.contains(property) { names.append(property) }
        return names
    }

    /// Names of optional parameters, in order.
    public var optionalParameters: [String] {
        parameters.filter { $0.required != true }.map(\.name)
    }

    /// What a statement may give beside `requiredInputs`: the optional parameters in order, then the request
    /// body's optional properties by name (SHOW EXTENDED METHODS' `OptionalParams`).
    public var optionalInputs: [String] {
        var names = optionalParameters
        let required = Set(body?.required ?? [])
        for property in body?.properties.keys.sorted() ?? [] where !required.contains(property) && !names.contains(property) {
            names.append(property)
        }
        return names
    }

    /// The method's parameter called `name` (case-insensitive).
    public func parameter(named name: String) -> MethodParameter? {
        parameters.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Whether repeating the request is safe: GET always, others when declared idempotent.
    public var isIdempotent: Bool { http.verb == "GET" || idempotent == true }

    /// A method; optional members default to absent.
    public init(name: String, operationId: String, sqlVerb: SQLVerb, description: String, http: HTTPOperation,
                parameters: [MethodParameter], body: BodySchema? = nil, response: ResponseShape,
                pagination: Pagination? = nil, cost: Int? = nil, idempotent: Bool? = nil) {
        self.name = name
        self.operationId = operationId
        self.sqlVerb = sqlVerb
        self.description = description
        self.http = http
        self.parameters = parameters
        self.body = body
        self.response = response
        self.pagination = pagination
        self.cost = cost
        self.idempotent = idempotent
    }
}

/// An HTTP verb and a path template with `{name}` placeholders, relative to the base URL.
public struct HTTPOperation: Sendable, Codable, Hashable {
    public var verb: String
    public var path: String

    /// `verb` (`GET`) and `path` (`/accounts/{account_id}/...`).
    public init(verb: String, path: String) {
        self.verb = verb
        self.path = path
    }
}

/// A method's use of a resource parameter.
public struct MethodParameter: Sendable, Codable, Hashable {
    public var name: String
    public var `in`: ParameterLocation
    public var required: Bool?

    /// A method's use of the resource parameter `name`.
    public init(name: String, in location: ParameterLocation, required: Bool? = nil) {
        self.name = name
        self.in = location
        self.required = required
    }
}

/// Where a method's rows sit in the response, as a dotted path (`data`, `data.recording`).
public struct ResponseShape: Sendable, Codable, Hashable {
    public var rows: String

    /// Rows at the dotted path `rows`.
    public init(rows: String) {
        self.rows = rows
    }
}

/// Where a paged list says how many rows there are, if it says.
public enum PagingStyle: String, Sendable, Codable, Hashable {
    /// `{"data": [...], "paging": {"total_count": N, ...}}`.
    case besideData
    /// `{"data": {"rows": [...], "paging": {"total_count": N, ...}}}`.
    case insideData
    /// No paging object: pages are asked for until one comes back short or empty.
    case none
}

/// Page-number pagination.
public struct Pagination: Sendable, Codable, Hashable {
    /// The parameter that selects a page (first page is 1).
    public var pageParameter: String
    /// The parameter that sets the page size.
    public var sizeParameter: String
    /// The page size the client asks for.
    public var pageSize: Int
    /// Dotted path of the total row count in the response; nil when the answer carries none (then pages
    /// are asked for until one comes back short or empty).
    public var totalCount: String?
    /// How the answer reports paging (informational; `totalCount` is what the engine reads). Absent in
    /// older definition files, where a `totalCount` beside `data` is implied.
    public var style: PagingStyle?

    /// A pagination; `totalCount` nil for lists that carry no paging object.
    public init(pageParameter: String, sizeParameter: String, pageSize: Int, totalCount: String? = nil, style: PagingStyle? = nil) {
        self.pageParameter = pageParameter
        self.sizeParameter = sizeParameter
        self.pageSize = pageSize
        self.totalCount = totalCount
        self.style = style
    }
}

/// A small JSON-schema subset describing a request body.
public struct BodySchema: Sendable, Codable, Hashable {
    public var required: [String]
    public var properties: [String: BodyProperty]

    /// A body schema with these required and declared properties.
    public init(required: [String], properties: [String: BodyProperty]) {
        self.required = required
        self.properties = properties
    }
}

/// One property of a request body.
public struct BodyProperty: Sendable, Codable, Hashable {
    public var type: ValueType
    public var minimum: Double?
    public var maximum: Double?
    public var `enum`: [String]?
    public var description: String?
    /// The element type of an array property (and the values its strings may take).
    public var items: ItemsDefinition?

    /// A body property; bounds, enum, description and items default to absent.
    public init(type: ValueType, minimum: Double? = nil, maximum: Double? = nil, enum values: [String]? = nil,
                description: String? = nil, items: ItemsDefinition? = nil) {
        self.type = type
        self.minimum = minimum
        self.maximum = maximum
        self.enum = values
        self.description = description
        self.items = items
    }
}
