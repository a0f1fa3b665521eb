import RTKQLJSON
import RTKQLStorage

/// One row of a result, with typed access by column name:
///
/// ```swift
/// for row in result.rowsByName {
///     let id: String = try row.decode("id")
///     let size: Int64? = row["file_size"]?.integerValue
/// }
/// ```
public struct Row: Sendable {
    public let columns: [String]
    public let values: [SQLValue]
    /// The row's 1-based position in its result, when known (decoding errors name it).
    public let number: Int?

    public init(columns: [String], values: [SQLValue]) {
        self.init(columns: columns, values: values, number: nil)
    }

    public init(columns: [String], values: [SQLValue], number: Int?) {
        self.columns = columns
        self.values = values
        self.number = number
    }

    /// The value of `column` (case-insensitive), nil when there is no such column.
    public subscript(column: String) -> SQLValue? {
        index(of: column).map { values[$0] }
    }

    func index(of column: String) -> Int? {
        columns.firstIndex(of: column) ?? columns.firstIndex { $0.lowercased() == column.lowercased() }
    }

    /// The value of `column` converted to `T` (String, Int, Int64, Double, Bool, Optional of these,
    /// or any Decodable, read from JSON text).
    public func decode<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = self[column] else {
            throw DecodingError.keyNotFound(ColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column)"))
        }
        if value.isNull, let none = (Optional<Any>.none as Any) as? T { return none }
        let index = index(of: column)!
        return try RowDecoder.ValueContainer(value: value, column: columns[index], rowNumber: number, codingPath: [ColumnKey(column)]).decode(type)
    }
}

extension QueryResult {
    /// The rows with their column names.
    public var rowsByName: [Row] { rows.enumerated().map { Row(columns: columns, values: $1, number: $0 + 1) } }

    /// Decodes every row into `T`, matching its coding keys to column names:
    ///
    /// ```swift
    /// struct Recording: Decodable { let id: String; let status: String; let file_size: Int64? }
    /// let recordings = try result.decode(Recording.self)
    /// ```
    public func decode<T: Decodable>(_ type: T.Type) throws -> [T] {
        try rows.enumerated().map { offset, values in
            try RowDecoder.decode(type, from: Row(columns: columns, values: values, number: offset + 1))
        }
    }
}

/// A column name as a coding key.
struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
