#if canImport(Glibc)
import Glibc
#endif
import RTKQLJSON
import RTKQLStorage

/// What a page said besides its rows.
struct PageSummary: Sendable {
    var rowCount = 0
    /// The total row count the API reported, when it reports one.
    var totalCount: Int?
}

/// One field of a row as read from the page: numbers decoded, text left in place as a byte range of
/// the body (only escaped strings are decoded), so loading a row allocates no strings.
enum FieldValue: Sendable {
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

/// A page read and found well-formed: its body and its rows' fields, row after row.
struct DecodedPage: Sendable {
    var body: [UInt8]
    /// `summary.rowCount` rows of the decoder's field count each; `.bytes` ranges index `body`.
    var fields: [FieldValue]
    var summary: PageSummary
}

/// A response body that does not have the promised shape.
struct MalformedResponse: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Streams the rows of a response body into SQL values, field by field, without building a
/// tree per row: strings are decoded once, numbers parsed from their bytes, and nested objects
/// copied as their exact JSON text.
struct PageDecoder: Sendable {
    let fieldNames: [[UInt8]]
    /// Where rows sit (`data`, or `data.recording`).
    let rowsPath: [String]
    /// Where the total count sits (`paging.total_count`, `data.paging.total_count`), when the answer tells it.
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

    /// Reads and checks a whole page, keeping its rows' fields (which point into the body) for insertion.
    func decodePage(_ body: [UInt8]) throws -> DecodedPage {
        var fields: [FieldValue] = []
        fields.reserveCapacity(fieldNames.count * 100)
        let summary = try decodeFields(body) { row, _ in fields.append(contentsOf: row) }
        return DecodedPage(body: body, fields: fields, summary: summary)
    }

    /// Decodes `body`, calling `row` with each row's fields in field order and the body's bytes
    /// (valid only during the call) that `.bytes` fields point into. An error thrown by `row` stops
    /// the decoding and is rethrown as it is.
    func decodeFields(_ body: [UInt8], row: ([FieldValue], UnsafeBufferPointer<UInt8>) throws -> Void) throws -> PageSummary {
        var summary = PageSummary()
        var foundRows = false
        var rowFailure: (any Error)?
        var shapeFailure: MalformedResponse?
        let fieldCount = fieldNames.count
        var values = [FieldValue](repeating: .null, count: fieldCount)
        try body.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            func walk(_ scanner: inout JSONScanner, depth: Int) throws(JSONError) {
                try scanner.readObject { (scanner: inout JSONScanner, start, end, escaped) throws(JSONError) in
                    let key = try scanner.decodeString(start: start, end: end, escaped: escaped)
                    if depth < rowsPath.count, key == rowsPath[depth] {
                        if depth == rowsPath.count - 1 {
                            foundRows = true
                            try readRows(&scanner, values: &values, summary: &summary, shapeFailure: &shapeFailure) { fields throws(JSONError) in
                                do { try row(fields, buffer) } catch {
                                    rowFailure = error
                                    throw JSONError(message: "row rejected", offset: 0)
                                }
                            }
                            return
                        }
                        if try scanner.peek() == UInt8(ascii: "{") {
                            try walk(&scanner, depth: depth + 1)
                            return
                        }
                    }
                    // The total sits beside the rows (`paging.total_count`) or inside the object that holds
                    // them (`data.paging.total_count`): anywhere along the rows' path.
                    if let totalPath, depth < totalPath.count, key == totalPath[depth],
                       totalPath.prefix(depth) == rowsPath.prefix(depth) {
                        let value = try scanner.readValue()
                        summary.totalCount = value.value(at: totalPath.dropFirst(depth + 1).joined(separator: "."))?.intValue
                        return
                    }
                    _ = try scanner.skipValue()
                }
            }
            do {
                try walk(&scanner, depth: 0)
                scanner.skipWhitespace()
                if !scanner.isAtEnd { throw scanner.error("unexpected text after the JSON value") }
            } catch {
                if let rowFailure { throw rowFailure }
                if let shape = shapeFailure { throw shape }
                throw MalformedResponse(message: "malformed JSON (\(error))")
            }
        }
        guard foundRows else {
            throw MalformedResponse(message: "the response has no `\(rowsPath.joined(separator: "."))` field")
        }
        return summary
    }

    /// Reads the rows value: an array of row objects, one row object, or null. Anything else is
    /// recorded in `shapeFailure` (and stops the scan).
    private func readRows(_ scanner: inout JSONScanner, values: inout [FieldValue], summary: inout PageSummary,
                          shapeFailure: inout MalformedResponse?,
                          row: ([FieldValue]) throws(JSONError) -> Void) throws(JSONError) {
        switch try scanner.peek() {
        case UInt8(ascii: "["):
            try scanner.readArray { (scanner: inout JSONScanner) throws(JSONError) in
                try readRow(&scanner, into: &values)
                summary.rowCount += 1
                try row(values)
            }
        case UInt8(ascii: "{"):
            try readRow(&scanner, into: &values)
            summary.rowCount += 1
            try row(values)
        case UInt8(ascii: "n"):
            _ = try scanner.skipValue()
        default:
            shapeFailure = MalformedResponse(message: "`\(rowsPath.joined(separator: "."))` is neither an array nor an object")
            throw scanner.error("unexpected rows value")
        }
    }

    private func readRow(_ scanner: inout JSONScanner, into values: inout [FieldValue]) throws(JSONError) {
        for index in values.indices { values[index] = .null }
        guard try scanner.peek() == UInt8(ascii: "{") else { throw scanner.error("expected a row object") }
        var expected = 0
        try scanner.readObject { (scanner: inout JSONScanner, start, end, escaped) throws(JSONError) in
            guard !escaped, let index = fieldIndex(scanner.bytes, start: start, end: end, expected: &expected) else {
                _ = try scanner.skipValue()
                return
            }
            values[index] = try readScalar(&scanner)
        }
    }

    /// The index of the field named by the key at `start..<end`. Rows list their keys in the same order,
    /// so the field after the last one found is tried first.
    @inline(__always)
    private func fieldIndex(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, expected: inout Int) -> Int? {
        if expected < fieldNames.count, isField(expected, bytes, start: start, end: end) {
            expected += 1
            return expected - 1
        }
        for index in fieldNames.indices where isField(index, bytes, start: start, end: end) {
            expected = index + 1
            return index
        }
        return nil
    }

    @inline(__always)
    private func isField(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
        let name = fieldNames[index]
        guard name.count == end - start else { return false }
        return name.withUnsafeBufferPointer { name in
            memcmp(name.baseAddress!, bytes.baseAddress! + start, name.count) == 0
        }
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
