/// A resource (`recordings`): the fields its rows have, the parameters its methods take, and its methods.
public struct ResourceDefinition: Sendable, Codable, Hashable {
    public var name: String
    public var title: String
    public var description: String
    /// Row fields, in the order `SELECT *` returns them.
    public var fields: [FieldDefinition]
    /// Every parameter any method takes, with its type.
    public var parameters: [ParameterDefinition]
    public var methods: [MethodDefinition]
    /// How its listing can be asked for in a field's order (provider data `sorting`); nil when it cannot.
    public var sorting: SortingDefinition?

    /// The field called `name` (case-insensitive).
    public func field(named name: String) -> FieldDefinition? {
        fields.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The parameter called `name` (case-insensitive).
    public func parameter(named name: String) -> ParameterDefinition? {
        parameters.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The method called `name` (case-insensitive).
    public func method(named name: String) -> MethodDefinition? {
        methods.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Methods reachable through one SQL verb, in definition order.
    public func methods(for verb: SQLVerb) -> [MethodDefinition] {
        methods.filter { $0.sqlVerb == verb }
    }

    /// A resource definition.
    public init(name: String, title: String, description: String, fields: [FieldDefinition],
                parameters: [ParameterDefinition], methods: [MethodDefinition]) {
        self.name = name
        self.title = title
        self.description = description
        self.fields = fields
        self.parameters = parameters
        self.methods = methods
    }
}

/// How a listing is asked for in the order of one of its fields: the key parameter (`sort_by`) with the value
/// naming each field it can sort by, and the direction parameter (`sort_order`) with its two values. The
/// API then orders the rows as SQLite's `ORDER BY field [DESC]` does, so a `LIMIT` needs only the first
/// rows of that order.
public struct SortingDefinition: Sendable, Codable, Hashable {
    /// The parameter naming the sort key: `sort_by`.
    public var keyParameter: String
    /// For each row field the API sorts by, the key parameter's value: `invoked_time` → `invokedTime`.
    public var keys: [String: String]
    /// The parameter naming the direction: `sort_order`.
    public var orderParameter: String
    /// The direction parameter's value for ascending order: `ASC`.
    public var ascending: String
    /// The direction parameter's value for descending order: `DESC`.
    public var descending: String

    /// A sorting definition.
    public init(keyParameter: String, keys: [String: String], orderParameter: String, ascending: String, descending: String) {
        self.keyParameter = keyParameter
        self.keys = keys
        self.orderParameter = orderParameter
        self.ascending = ascending
        self.descending = descending
    }
}

/// The JSON-ish type of a field or parameter.
public enum ValueType: String, Sendable, Codable, Hashable {
    case string, integer, number, boolean, object, array
}

/// One field of a resource's rows.
public struct FieldDefinition: Sendable, Codable, Hashable {
    public var name: String
    public var type: ValueType
    public var format: String?
    public var title: String?
    public var `enum`: [String]?
    public var description: String
    /// Whether the API may answer `null` for the field (OpenAPI `nullable`); absent means not declared.
    public var nullable: Bool?

    /// How the type reads in DESCRIBE: `string (uuid)`, `object (title: StorageConfig)`.
    public var displayType: String {
        if let format { return "\(type.rawValue) (\(format))" }
        if let title { return "\(type.rawValue) (title: \(title))" }
        return type.rawValue
    }

    /// The SQLite column type the field is stored with. Objects and arrays are JSON text.
    public var sqliteType: String {
        switch type {
        case .string: return "TEXT"
        case .integer, .boolean: return "INTEGER"
        case .number: return "NUMERIC"
        case .object, .array: return "JSON TEXT"
        }
    }

    /// A field; format, title, enum and nullability default to absent.
    public init(name: String, type: ValueType, format: String? = nil, title: String? = nil, enum values: [String]? = nil,
                description: String, nullable: Bool? = nil) {
        self.name = name
        self.type = type
        self.format = format
        self.title = title
        self.enum = values
        self.description = description
        self.nullable = nullable
    }
}

/// The type of a parameter, shared by every method that takes it.
public struct ParameterDefinition: Sendable, Codable, Hashable {
    public var name: String
    public var type: ValueType
    public var format: String?
    public var `enum`: [String]?
    public var items: ItemsDefinition?
    public var minimum: Double?
    public var maximum: Double?
    public var description: String
    /// The row field holding the same value (`recording_id` is the row's `id`), when there is one.
    public var field: String?
    /// Set when the API filters by this parameter exactly as SQLite's `=` / `IN` over the row field of the
    /// same name (or `field`) does: a listing without it, filtered locally, gives the same rows, so a
    /// cached broader listing can answer it.
    public var checkedLocally: Bool?

    /// A parameter definition; the optional members default to absent.
    public init(name: String, type: ValueType, format: String? = nil, enum values: [String]? = nil,
                items: ItemsDefinition? = nil, minimum: Double? = nil, maximum: Double? = nil, description: String,
                field: String? = nil) {
        self.name = name
        self.type = type
        self.format = format
        self.enum = values
        self.items = items
        self.minimum = minimum
        self.maximum = maximum
        self.description = description
        self.field = field
    }
}

/// The element type of an array parameter.
public struct ItemsDefinition: Sendable, Codable, Hashable {
    public var type: ValueType
    public var `enum`: [String]?

    /// Items of `type`, optionally limited to `enum`.
    public init(type: ValueType, enum values: [String]? = nil) {
        self.type = type
        self.enum = values
    }
}
