import Foundation
import RTKQLJSON
import RTKQLStorage

/// Decodes a `Row` into a `Decodable` type: keys are column names; nested types are read from
/// JSON text columns (object fields such as `meeting`).
struct RowDecoder: Decoder {
    let row: Row
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from row: Row) throws -> T {
        try T(from: RowDecoder(row: row))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(row: row, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row decodes as a keyed container"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard row.values.count == 1 else {
            throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a single value needs a one-column row"))
        }
        return ValueContainer(value: row.values[0], column: row.columns[0], rowNumber: row.number, codingPath: codingPath)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: Row
        var codingPath: [any CodingKey]
        var allKeys: [Key] { row.columns.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { row.index(of: key.stringValue) != nil }

        func container(_ key: Key) throws -> ValueContainer {
            guard let index = row.index(of: key.stringValue) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription:
                    "no column \(key.stringValue)\(row.number.map { " in row \($0)" } ?? ""); the columns are \(row.columns.joined(separator: ", "))"))
            }
            return ValueContainer(value: row.values[index], column: row.columns[index], rowNumber: row.number, codingPath: codingPath + [key])
        }

        func decodeNil(forKey key: Key) throws -> Bool { try container(key).decodeNil() }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try container(key).decode(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath + [key], debugDescription: "decode a Decodable type instead"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath + [key], debugDescription: "decode a Decodable type instead"))
        }

        func superDecoder() throws -> any Decoder { RowDecoder(row: row, codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row, codingPath: codingPath + [key]) }
    }

    /// One column's value, decoded as any standard type, or as a `Decodable` read from its JSON text.
    struct ValueContainer: SingleValueDecodingContainer {
        let value: SQLValue
        let column: String
        let rowNumber: Int?
        var codingPath: [any CodingKey]

        func decodeNil() -> Bool { value.isNull }

        /// `column status, row 3: cannot read text "abc" as Int32`.
        func mismatch<T>(_ type: T.Type, _ reason: String? = nil) -> DecodingError {
            DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: describe(type, reason)))
        }

        func describe<T>(_ type: T.Type, _ reason: String? = nil) -> String {
            let place = "column \(column)" + (rowNumber.map { ", row \($0)" } ?? "")
            return "\(place): cannot read \(Self.describe(value)) as \(type)" + (reason.map { " (\($0))" } ?? "")
        }

        static func describe(_ value: SQLValue) -> String {
            switch value {
            case .null: return "NULL"
            case .integer(let number): return "integer \(number)"
            case .real(let number): return "real \(SQLValue.render(real: number))"
            case .text(let text): return "text \"\(text.count > 60 ? String(text.prefix(60)) + "…" : text)\""
            case .blob(let bytes): return "blob of \(bytes.count) bytes"
            }
        }

        func decode(_ type: Bool.Type) throws -> Bool {
            switch value {
            case .integer(let number) where number == 0 || number == 1: return number == 1
            case .text(let text) where text == "true" || text == "false": return text == "true"
            default: throw mismatch(type)
            }
        }

        func decode(_ type: String.Type) throws -> String {
            switch value {
            case .text(let text): return text
            case .integer, .real: return value.textValue!
            default: throw mismatch(type)
            }
        }

        func decode(_ type: Double.Type) throws -> Double {
            guard let number = value.doubleValue else { throw mismatch(type) }
            return number
        }

        func decode(_ type: Float.Type) throws -> Float {
            let number = try decode(Double.self)
            let narrowed = Float(number)
            guard narrowed.isFinite || !number.isFinite else { throw mismatch(type, "out of range") }
            return narrowed
        }

        func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            switch value {
            case .integer(let number):
                guard let exact = T(exactly: number) else { throw mismatch(type, "out of range") }
                return exact
            case .real(let number):
                guard let exact = T(exactly: number) else { throw mismatch(type, "not a whole number in range") }
                return exact
            case .text(let text):
                guard let exact = T(text) else { throw mismatch(type) }
                return exact
            default:
                throw mismatch(type)
            }
        }

        func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type) }

        func decode(_ type: Decimal.Type) throws -> Decimal {
            switch value {
            case .integer(let number): return Decimal(number)
            case .real(let number): return Decimal(string: SQLValue.render(real: number)) ?? Decimal(number)
            case .text(let text):
                guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { throw mismatch(type) }
                return decimal
            default: throw mismatch(type)
            }
        }

        func decode(_ type: Date.Type) throws -> Date {
            guard case .text(let text) = value, let date = ISO8601Timestamp.date(from: text) else {
                throw mismatch(type, "expected ISO 8601 text such as 2026-03-01T12:00:00.000Z")
            }
            return date
        }

        func decode(_ type: URL.Type) throws -> URL {
            guard case .text(let text) = value, let url = URL(string: text), url.scheme != nil else { throw mismatch(type) }
            return url
        }

        func decode(_ type: UUID.Type) throws -> UUID {
            guard case .text(let text) = value, let uuid = UUID(uuidString: text) else { throw mismatch(type) }
            return uuid
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            switch type {
            case is String.Type: return try decode(String.self) as! T
            case is Bool.Type: return try decode(Bool.self) as! T
            case is Double.Type: return try decode(Double.self) as! T
            case is Float.Type: return try decode(Float.self) as! T
            case is Int.Type: return try decode(Int.self) as! T
            case is Int8.Type: return try decode(Int8.self) as! T
            case is Int16.Type: return try decode(Int16.self) as! T
            case is Int32.Type: return try decode(Int32.self) as! T
            case is Int64.Type: return try decode(Int64.self) as! T
            case is UInt.Type: return try decode(UInt.self) as! T
            case is UInt8.Type: return try decode(UInt8.self) as! T
            case is UInt16.Type: return try decode(UInt16.self) as! T
            case is UInt32.Type: return try decode(UInt32.self) as! T
            case is UInt64.Type: return try decode(UInt64.self) as! T
            case is Decimal.Type: return try decode(Decimal.self) as! T
            case is Date.Type: return try decode(Date.self) as! T
            case is URL.Type: return try decode(URL.self) as! T
            case is UUID.Type: return try decode(UUID.self) as! T
            default: break
            }
            // An optional (asked for directly, as `Row.decode(_:as:)` does) decodes through its own init,
            // which reads NULL as nil and anything else as its wrapped type, through this container.
            if type is any OptionalDecoding.Type { return try T(from: SingleValueDecoder(container: self)) }
            // Anything else is read from JSON text (object columns such as `meeting`).
            guard case .text(let text) = value else { throw mismatch(type) }
            do {
                return try ValueContainer.jsonDecoder.decode(T.self, from: Data(text.utf8))
            } catch let error as DecodingError {
                throw mismatch(type, "JSON: \(JSONDecodingFailure.describe(error))")
            }
        }

        /// Reads nested JSON with ISO 8601 dates, as the API writes them.
        static var jsonDecoder: JSONDecoder {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .custom { decoder in
                let text = try decoder.singleValueContainer().decode(String.self)
                guard let date = ISO8601Timestamp.date(from: text) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
                }
                return date
            }
            return decoder
        }
    }
}

/// Marks `Optional`, whose own `init(from:)` handles NULL.
protocol OptionalDecoding {}
extension Optional: OptionalDecoding {}

/// A decoder that is one column's value.
struct SingleValueDecoder: Decoder {
    let container: RowDecoder.ValueContainer
    var codingPath: [any CodingKey] { container.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw container.mismatch([String: Any].self)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw container.mismatch([Any].self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { container }
}

/// Says where in a nested JSON value decoding failed.
enum JSONDecodingFailure {
    static func describe(_ error: DecodingError) -> String {
        let (context, what): (DecodingError.Context?, String) = switch error {
        case .typeMismatch(let type, let context): (context, "expected \(type)")
        case .valueNotFound(let type, let context): (context, "missing \(type)")
        case .keyNotFound(let key, let context): (context, "no key \(key.stringValue)")
        case .dataCorrupted(let context): (context, context.debugDescription)
        @unknown default: (nil, "\(error)")
        }
        let path = context?.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined() ?? ""
        return path.isEmpty ? what : "\(what) at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
    }
}

/// ISO 8601 timestamps as the API writes them: `2026-03-01T12:00:00.000Z`, with or without fractional
/// seconds, `Z` or an offset; a bare date reads as midnight UTC.
enum ISO8601Timestamp {
    static func date(from text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        let whole = ISO8601DateFormatter()
        whole.formatOptions = [.withInternetDateTime]
        if let date = whole.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
