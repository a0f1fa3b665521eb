import RTKQLJSON
import RTKQLStorage

/// What a page said besides its rows.
struct PageSummary {
    var rowCount = 0
    /// The total row count the API reported, when it reports one.
    var totalCount: Int?
}

/// One field of a row as read from the page: numbers decoded, text left in place as a byte range of
/// the body (only escaped strings are decoded), so loading a row allocates no strings.
enum FieldValue {
    case null
    case integer(Int64)
    case real(Double)
    /// Text (a string's content, or a nested object's JSON) at these offsets of the body.
    case bytes(Range<Int>)
    /// A string that had escapes, decoded.
    case decoded(String)

    /// The value as a `SQLValue`, reading byte ranges from `body`.
    func sqlValue(in body: UnsafeBufferPointer<UInt8>) -> SQLValue {
        switch self {
        case .null: return .null
        case .integer(let number): return .integer(number)
        case .real(let number): return .real(number)
        case .bytes(let range): return .text(String(decoding: UnsafeBufferPointer(rebasing: body[range]), as: UTF8.self))
        case .decoded(let text): return .text(text)
        }
    }
}

/// A response body that does not have the promised shape.
struct MalformedResponse: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Streams the rows of a response body into SQL values, field by field, without building a
/// tree per row: strings are decoded once, numbers parsed from their bytes, and nested objects
/// copied as their exact JSON text.
struct PageDecoder {
    let fieldNames: [[UInt8]]
    /// Where rows sit (`data`, or `data.recording`).
    let rowsPath: [String]
    /// Where the total count sits (`paging.total_count`), when the method pages.
    let totalPath: [String]?

    init(fields: [String], rowsPath: String, totalPath: String?) {
        fieldNames = fields.map { Array($0.utf8) }
        self.rowsPath = rowsPath.split(separator: ".").map(String.init)
        self.totalPath = totalPath?.split(separator: ".").map(String.init)
    }

    /// Decodes `body`, calling `row` with each row's values in field order.
    func decode(_ body: [UInt8], row: ([SQLValue]) throws -> Void) throws -> PageSummary {
        try decodeFields(body) { fields, bytes in try row(fields.map { $0.sqlValue(in: bytes) }) }
    }

    /// Decodes `body`, calling `row` with each row's fields in field order and the body's bytes
    /// (valid only during the call) that `.bytes` fields point into.
    func decodeFields(_ body: [UInt8], row: ([FieldValue], UnsafeBufferPointer<UInt8>) throws -> Void) throws -> PageSummary {
        var summary = PageSummary()
        var foundRows = false
        let fieldCount = fieldNames.count
        var values = [FieldValue](repeating: .null, count: fieldCount)
        try body.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            func walk(_ scanner: inout JSONScanner, depth: Int) throws {
                try scanner.readObject { (scanner: inout JSONScanner, start, end, escaped) throws(JSONError) in
                    let key = try scanner.decodeString(start: start, end: end, escaped: escaped)
                    if depth < rowsPath.count, key == rowsPath[depth] {
                        if depth == rowsPath.count - 1 {
                            foundRows = true
                            do {
                                try readRows(&scanner, values: &values, summary: &summary) { try row($0, buffer) }
                            } catch let error as JSONError {
                                throw error
                            } catch {
                                throw JSONError(message: "\(error)", offset: scanner.position)
                            }
                            return
                        }
                        if try scanner.peek() == UInt8(ascii: "{") {
                            do { try walk(&scanner, depth: depth + 1) } catch let error as JSONError { throw error } catch {
                                throw JSONError(message: "\(error)", offset: scanner.position)
                            }
                            return
                        }
                    }
                    if let totalPath, depth == 0, key == totalPath[0] {
                        let value = try scanner.readValue()
                        summary.totalCount = value.value(at: totalPath.dropFirst().joined(separator: "."))?.intValue
                        return
                    }
                    _ = try scanner.skipValue()
                }
            }
            do {
                try walk(&scanner, depth: 0)
                scanner.skipWhitespace()
                if !scanner.isAtEnd { throw scanner.error("unexpected text after the JSON value") }
            } catch let error as JSONError {
                throw MalformedResponse(message: "malformed JSON (\(error))")
            }
        }
        guard foundRows else {
            throw MalformedResponse(message: "the response has no `\(rowsPath.joined(separator: "."))` field")
        }
        return summary
    }

    private func readRows(_ scanner: inout JSONScanner, values: inout [FieldValue], summary: inout PageSummary,
                          row: ([FieldValue]) throws -> Void) throws {
        switch try scanner.peek() {
        case UInt8(ascii: "["):
            var failure: (any Error)?
            try scanner.readArray { (scanner: inout JSONScanner) throws(JSONError) in
                try readRow(&scanner, into: &values)
                summary.rowCount += 1
                do { try row(values) } catch {
                    failure = error
                    throw JSONError(message: "row rejected", offset: scanner.position)
                }
            }
            if let failure { throw failure }
        case UInt8(ascii: "{"):
            try readRow(&scanner, into: &values)
            summary.rowCount += 1
            try row(values)
        case UInt8(ascii: "n"):
            _ = try scanner.skipValue()
        default:
            throw MalformedResponse(message: "`\(rowsPath.joined(separator: "."))` is neither an array nor an object")
        }
    }

    private func readRow(_ scanner: inout JSONScanner, into values: inout [FieldValue]) throws(JSONError) {
        for index in values.indices { values[index] = .null }
        guard try scanner.peek() == UInt8(ascii: "{") else { throw scanner.error("expected a row object") }
        try scanner.readObject { (scanner: inout JSONScanner, start, end, escaped) throws(JSONError) in
            guard let index = fieldIndex(scanner.bytes, start: start, end: end, escaped: escaped) else {
                _ = try scanner.skipValue()
                return
            }
            values[index] = try readScalar(&scanner)
        }
    }

    @inline(__always)
    private func fieldIndex(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, escaped: Bool) -> Int? {
        guard !escaped else { return nil }
        let length = end - start
        for (index, name) in fieldNames.enumerated() where name.count == length && name.first == bytes[start] {
            var same = true
            for offset in 1..<max(length, 1) where name[offset] != bytes[start + offset] {
                same = false
                break
            }
            if same { return index }
        }
        return nil
    }

    private func readScalar(_ scanner: inout JSONScanner) throws(JSONError) -> FieldValue {
        let byte = try scanner.peek()
        switch byte {
        case UInt8(ascii: "\""):
            let (start, end, escaped) = try scanner.scanString()
            return escaped ? .decoded(try scanner.decodeString(start: start, end: end, escaped: true)) : .bytes(start..<end)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return .bytes(try scanner.skipValue())
        case UInt8(ascii: "t"):
            try scanner.expectLiteral("true")
            return .integer(1)
        case UInt8(ascii: "f"):
            try scanner.expectLiteral("false")
            return .integer(0)
        case UInt8(ascii: "n"):
            try scanner.expectLiteral("null")
            return .null
        default:
            let (start, end, isInteger) = try scanner.scanNumber()
            if isInteger, end - start < 19 {
                var value: Int64 = 0
                var index = start
                let negative = scanner.bytes[index] == UInt8(ascii: "-")
                if negative { index += 1 }
                while index < end {
                    value = value * 10 + Int64(scanner.bytes[index] - 0x30)
                    index += 1
                }
                return .integer(negative ? -value : value)
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[start..<end]), as: UTF8.self)
            guard let real = Double(text) else { throw JSONError(message: "invalid number", offset: start) }
            return .real(real)
        }
    }
}
