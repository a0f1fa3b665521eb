import Foundation
import NIOCore
import RTKQLStorage

/// Turns SQLite values into PostgreSQL wire values of a column's type, in text or binary format.
enum ValueEncoding {
    /// The value's bytes, or nil for NULL.
    static func encode(_ value: SQLValue, as type: PostgresType, format: PostgresFormat) -> ByteBuffer? {
        if case .null = value { return nil }
        var buffer = ByteBuffer()
        switch format {
        case .text: buffer.writeString(text(value, as: type))
        case .binary: writeBinary(value, as: type, into: &buffer)
        }
        return buffer
    }

    /// The text format of a value (also what psql shows).
    static func text(_ value: SQLValue, as type: PostgresType) -> String {
        switch (type, value) {
        case (.bool, _): return truth(value) ? "t" : "f"
        case (.int8, .real(let number)), (.int4, .real(let number)), (.int2, .real(let number)):
            return number.rounded() == number && abs(number) < 9.2e18 ? String(Int64(number)) : String(number)
        case (.float8, .real(let number)), (.float4, .real(let number)): return floatText(number)
        case (.numeric, .real(let number)):
            guard number.isFinite else { return "NaN" }
            let shortest = String(number)
            return shortest.contains("e") ? Decimal(string: shortest)?.description ?? shortest : shortest
        case (.timestamptz, .text(let text)): return timestampText(text)
        case (.bytea, _): return "\\x" + bytes(value).map { String(format: "%02x", $0) }.joined()
        case (_, .integer(let number)): return String(number)
        case (_, .real(let number)): return floatText(number)
        case (_, .text(let text)): return text
        case (_, .blob(let bytes)): return String(decoding: bytes, as: UTF8.self)
        case (_, .null): return ""
        }
    }

    private static func writeBinary(_ value: SQLValue, as type: PostgresType, into buffer: inout ByteBuffer) {
        switch type {
        case .bool: buffer.writeInteger(UInt8(truth(value) ? 1 : 0))
        case .int8: buffer.writeInteger(integer(value))
        case .int4: buffer.writeInteger(Int32(truncatingIfNeeded: integer(value)))
        case .int2: buffer.writeInteger(Int16(truncatingIfNeeded: integer(value)))
        case .float8: buffer.writeInteger(real(value).bitPattern)
        case .float4: buffer.writeInteger(Float(real(value)).bitPattern)
        case .numeric: NumericBinary.write(text(value, as: .numeric), into: &buffer)
        case .timestamptz:
            if case .text(let text) = value, let microseconds = TimestampText.microsecondsSince2000(text) {
                buffer.writeInteger(microseconds)
            } else {
                buffer.writeInteger(Int64(0))
            }
        case .bytea: buffer.writeBytes(bytes(value))
        default: buffer.writeString(text(value, as: type))
        }
    }

    private static func truth(_ value: SQLValue) -> Bool {
        switch value {
        case .integer(let number): return number != 0
        case .real(let number): return number != 0
        case .text(let text): return ["t", "true", "1", "yes", "on"].contains(text.lowercased())
        case .blob(let bytes): return !bytes.isEmpty
        case .null: return false
        }
    }

    private static func integer(_ value: SQLValue) -> Int64 {
        switch value {
        case .integer(let number): return number
        case .real(let number): return number.isFinite && abs(number) < 9.2e18 ? Int64(number) : 0
        case .text(let text): return Int64(text) ?? 0
        default: return 0
        }
    }

    private static func real(_ value: SQLValue) -> Double {
        switch value {
        case .integer(let number): return Double(number)
        case .real(let number): return number
        case .text(let text): return Double(text) ?? 0
        default: return 0
        }
    }

    private static func bytes(_ value: SQLValue) -> [UInt8] {
        switch value {
        case .blob(let bytes): return bytes
        case .text(let text): return Array(text.utf8)
        default: return Array(text(value, as: .text).utf8)
        }
    }

    private static func floatText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
        return String(number)
    }

    /// `2024-05-01T12:00:00.5Z` → `2024-05-01 12:00:00.5+00`, PostgreSQL's ISO output style.
    private static func timestampText(_ text: String) -> String {
        guard text.count >= 19, text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: 10)] == UInt8(ascii: "T") else {
            return text
        }
        var result = text
        result.replaceSubrange(result.index(result.startIndex, offsetBy: 10)...result.index(result.startIndex, offsetBy: 10),
                               with: " ")
        if result.hasSuffix("Z") { result.removeLast(); result += "+00" }
        return result
    }
}

/// ISO 8601 timestamps (`2024-05-01T12:00:00.123Z`) to and from PostgreSQL's binary timestamptz
/// (microseconds since 2000-01-01 UTC).
enum TimestampText {
    private static let postgresEpoch: Double = 946_684_800

    static func microsecondsSince2000(_ text: String) -> Int64? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let plain = Date.ISO8601FormatStyle()
        guard let date = (try? withFraction.parse(text)) ?? (try? plain.parse(text)) else { return nil }
        return Int64(((date.timeIntervalSince1970 - postgresEpoch) * 1_000_000).rounded())
    }

    static func iso8601(microsecondsSince2000 microseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(microseconds) / 1_000_000 + postgresEpoch)
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// PostgreSQL's binary numeric: base-10000 digits with a weight, a sign and a display scale.
enum NumericBinary {
    /// Writes a decimal number given as text (`-12.5`, `1e+20`).
    static func write(_ text: String, into buffer: inout ByteBuffer) {
        guard let decimal = Decimal(string: text), !decimal.isNaN else {
            // NaN: no digits, sign 0xC000.
            buffer.writeInteger(Int16(0)); buffer.writeInteger(Int16(0))
            buffer.writeInteger(UInt16(0xC000)); buffer.writeInteger(Int16(0))
            return
        }
        var plain = decimal.description
        let negative = plain.hasPrefix("-")
        if negative { plain.removeFirst() }
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0]).drop { $0 == "0" }
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        let scale = fractionPart.count
        // Pad the integer part on the left and the fraction on the right to whole groups of four.
        let paddedInteger = String(repeating: "0", count: (4 - integerPart.count % 4) % 4) + integerPart
        let paddedFraction = fractionPart + String(repeating: "0", count: (4 - fractionPart.count % 4) % 4)
        var digits = groups(paddedInteger) + groups(paddedFraction)
        var weight = Int16(paddedInteger.count / 4) - 1
        while digits.first == 0 { digits.removeFirst(); weight -= 1 }
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { weight = 0 }
        buffer.writeInteger(Int16(digits.count))
        buffer.writeInteger(weight)
        buffer.writeInteger(UInt16(negative && !digits.isEmpty ? 0x4000 : 0))
        buffer.writeInteger(Int16(scale))
        for digit in digits { buffer.writeInteger(digit) }
    }

    /// Reads a binary numeric as decimal text, or nil when malformed.
    static func read(_ buffer: inout ByteBuffer) -> String? {
        guard let count: Int16 = buffer.readInteger(), let weight: Int16 = buffer.readInteger(),
              let sign: UInt16 = buffer.readInteger(), let scale: Int16 = buffer.readInteger(),
              count >= 0, scale >= 0 else { return nil }
        if sign == 0xC000 { return "NaN" }
        var digits: [Int16] = []
        for _ in 0..<count {
            guard let digit: Int16 = buffer.readInteger(), (0..<10_000).contains(digit) else { return nil }
            digits.append(digit)
        }
        var integerText = ""
        var fractionText = ""
        for (index, digit) in digits.enumerated() {
            let position = Int(weight) - index
            let group = String(format: "%04d", digit)
            if position >= 0 { integerText += group } else {
                fractionText += String(repeating: "0000", count: max(0, -position - 1 - fractionText.count / 4)) + group
            }
        }
        if Int(weight) >= digits.count { integerText += String(repeating: "0000", count: Int(weight) - digits.count + 1) }
        integerText = String(integerText.drop { $0 == "0" })
        if integerText.isEmpty { integerText = "0" }
        fractionText = String((fractionText + String(repeating: "0", count: Int(scale))).prefix(Int(scale)))
        let text = fractionText.isEmpty ? integerText : integerText + "." + fractionText
        return (sign == 0x4000 ? "-" : "") + text
    }

    private static func groups(_ text: String) -> [Int16] {
        var result: [Int16] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 4)
            result.append(Int16(text[index..<next])!)
            index = next
        }
        return result
    }
}
