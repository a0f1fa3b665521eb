import RTKQLProvider
import RTKQLStorage

/// A PostgreSQL type this server sends or receives: its OID, `typlen` and name.
struct PostgresType: Sendable, Equatable {
    var oid: Int32
    var size: Int16
    var name: String

    static let bool = PostgresType(oid: 16, size: 1, name: "boolean")
    static let bytea = PostgresType(oid: 17, size: -1, name: "bytea")
    static let name = PostgresType(oid: 19, size: 64, name: "name")
    static let int8 = PostgresType(oid: 20, size: 8, name: "bigint")
    static let int2 = PostgresType(oid: 21, size: 2, name: "smallint")
    static let int4 = PostgresType(oid: 23, size: 4, name: "integer")
    static let text = PostgresType(oid: 25, size: -1, name: "text")
    static let oid = PostgresType(oid: 26, size: 4, name: "oid")
    static let json = PostgresType(oid: 114, size: -1, name: "json")
    static let float4 = PostgresType(oid: 700, size: 4, name: "real")
    static let float8 = PostgresType(oid: 701, size: 8, name: "double precision")
    static let unknown = PostgresType(oid: 705, size: -2, name: "unknown")
    static let varchar = PostgresType(oid: 1043, size: -1, name: "character varying")
    static let timestamptz = PostgresType(oid: 1184, size: 8, name: "timestamp with time zone")
    static let numeric = PostgresType(oid: 1700, size: -1, name: "numeric")
    static let jsonb = PostgresType(oid: 3802, size: -1, name: "jsonb")

    /// Every type this server knows, for looking up parameter OIDs.
    static let all: [PostgresType] = [.bool, .bytea, .name, .int8, .int2, .int4, .text, .oid, .json, .float4, .float8,
                                      .unknown, .varchar, .timestamptz, .numeric, .jsonb]

    /// The type of `oid`, if this server knows it.
    static func of(oid: Int32) -> PostgresType? {
        all.first { $0.oid == oid }
    }

    /// The type a provider field is served as: int8, float8 or numeric, bool, text, timestamptz for
    /// date-time strings, json for objects and arrays.
    static func of(field: FieldDefinition) -> PostgresType {
        switch field.type {
        case .integer: return .int8
        case .number: return field.format == "double" || field.format == "float" ? .float8 : .numeric
        case .boolean: return .bool
        case .object, .array: return .json
        case .string: return field.format == "date-time" ? .timestamptz : .text
        }
    }

    /// The type of a result column that has no provider field: from the SQLite declared type, else from
    /// the first value it holds.
    static func of(declaredType: String?, firstValue: SQLValue?) -> PostgresType {
        if let declared = declaredType?.uppercased() {
            if declared.contains("JSON") { return .json }
            if declared.contains("INT") { return .int8 }
            if declared.contains("BOOL") { return .bool }
            if declared.contains("TIMESTAMP") { return .timestamptz }
            if declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB") { return .float8 }
            if declared.contains("NUMERIC") || declared.contains("DECIMAL") { return .numeric }
            if declared.contains("BLOB") { return .bytea }
            return .text
        }
        switch firstValue {
        case .integer: return .int8
        case .real: return .float8
        case .blob: return .bytea
        case .text, .null, nil: return .text
        }
    }
}
