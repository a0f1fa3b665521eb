import RTKQLProvider

/// rtkql's additions to the description (`spec/rtkql-overlay.yaml`): the provider's header, and per
/// resource what the description lacks or what rtkql keeps differently (fields, parameter types, extra
/// methods, row paths, costs).
struct Overlay: Decodable {
    var provider: ProviderHeader
    /// The page size asked for by paged lists.
    var pageSize: Int
    /// The planner cost of a paged list (a single-row read costs 1).
    var listCost: Int
    var resources: [String: ResourceOverlay]
}

/// The provider and service the generated resources belong to.
struct ProviderHeader: Decodable {
    var name: String
    var title: String
    var version: String
    var baseURL: String
    var baseURLEnvironment: String?
    var auth: AuthDefinition
    var service: ServiceHeader
}

/// The service's name and words.
struct ServiceHeader: Decodable {
    var name: String
    var title: String
    var description: String
}

/// What rtkql adds to or changes in one resource.
struct ResourceOverlay: Decodable {
    var title: String?
    var description: String?
    /// The row fields, replacing those read from the response schemas.
    var fields: [FieldDefinition]?
    /// Changes to parameters (or new ones, which then give `type` and `description`).
    var parameters: [String: ParameterOverlay]?
    /// The order of the methods; methods left out follow in StackQL's order, then overlay methods by name.
    var methodOrder: [String]?
    var methods: [String: MethodOverlay]?
    /// How the listing is asked for in a field's order (the description says which values sort by what only
    /// in prose).
    var sorting: SortingDefinition?
}

/// Changes to one parameter's definition.
struct ParameterOverlay: Decodable {
    var type: ValueType?
    var format: String?
    var `enum`: [String]?
    var items: ItemsDefinition?
    var minimum: Double?
    var maximum: Double?
    var description: String?
    var field: String?
    /// The API filters by this parameter exactly as SQLite's `=` / `IN` over its row field does.
    var checkedLocally: Bool?
}

/// Changes to one method, or a method StackQL does not map (then `operation` and `sqlVerb` are given).
struct MethodOverlay: Decodable {
    /// `GET /accounts/{account_id}/...`: the operation of a method StackQL does not map.
    var operation: String?
    var sqlVerb: SQLVerb?
    var operationId: String?
    var description: String?
    /// Where the rows are in the answer (`data.livestreams`).
    var rows: String?
    /// Where the rows' schema is in the response schema, when the schema does not put them at `rows`.
    var schema: String?
    /// Whether the list pages although its schema does not show the rows as an array.
    var paged: Bool?
    /// The method's parameters, replacing those of the operation (to order them, or to add body parameters).
    var parameters: [MethodParameter]?
    /// The body schema, replacing the request schema's.
    var body: BodySchema?
    /// Set to send no body schema (body parameters are used instead).
    var noBody: Bool?
    var cost: Int?
    var idempotent: Bool?
}
