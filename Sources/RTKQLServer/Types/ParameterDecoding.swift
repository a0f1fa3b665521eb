import NIOCore
import RTKQLStorage

/// Turns a Bind message's parameter values into the statement arguments rtkql binds (`$1` is the
/// named argument `1`).
enum ParameterDecoding {
    /// The value of one parameter of type `oid` (0: unspecified, read as text) sent in `format`.
    static func decode(_ value: ByteBuffer?, oid: Int32, format: PostgresFormat,
                       index: Int) throws(ServerError) -> SQLValue {
        guard var value else { return .null }
        let type = PostgresType.of(oid: oid) ?? .unknown
        switch format {
        case .text:
            let text = value.readString(length: value.readableBytes) ?? ""
            switch type {
            case .int2, .int4, .int8, .oid:
                guard let number = Int64(text) else { throw invalid("\"\(text)\" is not an integer", index: index) }
                return .integer(number)
            case .float4, .float8:
                guard let number = Double(text) else { throw invalid("\"\(text)\" is not a number", index: index) }
                return .real(number)
            case .numeric:
                if let number = Int64(text) { return .integer(number) }
                guard let number = Double(text) else { throw invalid("\"\(text)\" is not a number", index: index) }
                return .real(number)
            case .bool:
                switch text.lowercased() {
                case "t", "true", "1", "yes", "on", "y": return .integer(1)
                case "f", "false", "0", "no", "off", "n": return .integer(0)
                default: throw invalid("\"\(text)\" is not a boolean", index: index)
                }
            default:
                return .text(text)
            }
        case .binary:
            let length = value.readableBytes
            switch type {
            case .int8 where length == 8: return .integer(value.readInteger(as: Int64.self)!)
            case .int4 where length == 4, .oid where length == 4: return .integer(Int64(value.readInteger(as: Int32.self)!))
            case .int2 where length == 2: return .integer(Int64(value.readInteger(as: Int16.self)!))
            case .float8 where length == 8: return .real(Double(bitPattern: value.readInteger(as: UInt64.self)!))
            case .float4 where length == 4: return .real(Double(Float(bitPattern: value.readInteger(as: UInt32.self)!)))
            case .bool where length == 1: return .integer(value.readInteger(as: UInt8.self)! == 0 ? 0 : 1)
            case .timestamptz where length == 8:
                return .text(TimestampText.iso8601(microsecondsSince2000: value.readInteger(as: Int64.self)!))
            case .numeric:
                guard let text = NumericBinary.read(&value) else { throw invalid("malformed binary numeric", index: index) }
                if let number = Int64(text) { return .integer(number) }
                return .real(Double(text) ?? .nan)
            case .bytea: return .blob(value.readBytes(length: length) ?? [])
            case .text, .varchar, .name, .unknown, .json:
                return .text(value.readString(length: length) ?? "")
            case .jsonb:
                // jsonb's binary format is a version byte (1) and the JSON text.
                guard value.readInteger(as: UInt8.self) == 1 else { throw invalid("unsupported jsonb version", index: index) }
                return .text(value.readString(length: length - 1) ?? "")
            default:
                throw invalid("binary format of type \(type.name) (\(length) bytes) is not supported", index: index)
            }
        }
    }

    /// The format of parameter `index` from a Bind's format codes (none: text; one: all).
    static func format(at index: Int, codes: [Int16]) throws(ServerError) -> PostgresFormat {
        let code = codes.isEmpty ? 0 : codes.count == 1 ? codes[0] : index < codes.count ? codes[index] : 0
        guard let format = PostgresFormat(rawValue: code) else {
            throw ServerError(code: "08P01", message: "unsupported format code: \(code)")
        }
        return format
    }

    private static func invalid(_ message: String, index: Int) -> ServerError {
        ServerError(code: "22P02", message: "invalid value for parameter $\(index + 1): \(message)")
    }
}
