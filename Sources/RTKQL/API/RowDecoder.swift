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
        return ValueContainer(value: row.values[0], codingPath: codingPath)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: Row
        var codingPath: [any CodingKey]
        var allKeys: [Key] { row.columns.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { row.index(of: key.stringValue) != nil }

        func value(_ key: Key) throws -> SQLValue {
            guard let value = row[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no column \(key.stringValue)"))
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try ValueContainer(value: try value(key), codingPath: codingPath + [key]).decode(type)
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

    struct ValueContainer: SingleValueDecodingContainer {
        let value: SQLValue
        var codingPath: [any CodingKey]

        func decodeNil() -> Bool { value.isNull }

        func mismatch<T>(_ type: T.Type) -> DecodingError {
            DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "cannot read \(value) as \(type)"))
        }

        func decode(_ type: Bool.Type) throws -> Bool {
            switch value {
            case .integer(let number): return number != 0
            case .text(let text) where text == "true" || text == "false": return text == "true"
            default: throw mismatch(type)
            }
        }

        func decode(_ type: String.Type) throws -> String {
            guard let text = value.textValue else { throw mismatch(type) }
            return text
        }

        func decode(_ type: Double.Type) throws -> Double {
            guard let number = value.doubleValue else { throw mismatch(type) }
            return number
        }

        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

        func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            guard let number = value.integerValue, let exact = T(exactly: number) else { throw mismatch(type) }
            return exact
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

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            switch type {
            case is String.Type: return try decode(String.self) as! T
            case is Bool.Type: return try decode(Bool.self) as! T
            case is Double.Type: return try decode(Double.self) as! T
            case is Int.Type: return try decode(Int.self) as! T
            case is Int64.Type: return try decode(Int64.self) as! T
            default: break
            }
            // Anything else is read from JSON text (object columns such as `meeting`).
            guard case .text(let text) = value else { throw mismatch(type) }
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        }
    }
}
