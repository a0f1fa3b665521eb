/// A validating JSON reader over UTF-8 bytes that can hand out raw slices of nested values,
/// so objects stored as JSON columns are copied, not rebuilt.
public struct JSONScanner {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var position = 0
    /// How deeply arrays and objects may nest before the reader refuses the document.
    public let maximumDepth: Int

    /// A reader of `bytes`; documents nested deeper than `maximumDepth` are refused.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = 512) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    public var isAtEnd: Bool { position >= bytes.count }

    public func error(_ message: String) -> JSONError {
        JSONError(message: message, offset: position)
    }

    @inline(__always)
    public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    @inline(__always)
    public mutating func peek() throws(JSONError) -> UInt8 {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of JSON") }
        return bytes[position]
    }

    public mutating func expect(_ byte: UInt8) throws(JSONError) {
        guard try peek() == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    /// Reads `,` or the closing byte; true when another member follows.
    public mutating func nextMember(closing: UInt8) throws(JSONError) -> Bool {
        let byte = try peek()
        position += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closing { return false }
        position -= 1
        throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
    }

    /// Reads `{`, then calls `body` with each key until `}`; `body` must consume the value.
    public mutating func readObject(_ body: (inout JSONScanner, _ keyStart: Int, _ keyEnd: Int, _ escaped: Bool) throws(JSONError) -> Void) throws(JSONError) {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        repeat {
            guard try peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let (start, end, escaped) = try scanString()
            try expect(UInt8(ascii: ":"))
            try body(&self, start, end, escaped)
        } while try nextMember(closing: UInt8(ascii: "}"))
    }

    /// Reads `[`, then calls `body` for each element until `]`; `body` must consume the element.
    public mutating func readArray(_ body: (inout JSONScanner) throws(JSONError) -> Void) throws(JSONError) {
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        repeat {
            try body(&self)
        } while try nextMember(closing: UInt8(ascii: "]"))
    }

    /// Scans a string literal at the current position; returns the content's byte range and whether it has escapes.
    public mutating func scanString() throws(JSONError) -> (start: Int, end: Int, escaped: Bool) {
        position += 1  // opening quote
        let start = position
        var escaped = false
        let count = bytes.count
        while true {
            position = JSONScanner.plainRun(bytes, from: position)
            guard position < count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let end = position
                position += 1
                return (start, end, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try checkEscape()
                continue
            }
            if byte < 0x20 { throw error("control character in string") }
            position += 1
        }
        position = count
        throw error("unterminated string")
    }

    /// Checks the escape at `position` (a backslash) and moves past it: strings that are skipped or copied
    /// as JSON text are held to the same grammar as strings that are decoded.
    private mutating func checkEscape() throws(JSONError) {
        guard position + 1 < bytes.count else { throw error("unterminated string") }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            _ = try hex4(at: position + 2, end: bytes.count)
            position += 6
        default:
            throw JSONError(message: "bad escape", offset: position + 1)
        }
    }

    /// The offset of the first byte at or after `offset` that ends a plain run of string content (a quote,
    /// a backslash or a control character), or the end. Eight bytes at a time while none of them can.
    @inline(__always)
    static func plainRun(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        guard let base = bytes.baseAddress else { return offset }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var position = offset
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while position + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte is flagged when it is 0 in `quote` or `backslash`, or below 0x20 in `word`.
            let flags = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & highs
            if flags != 0 {
                return position + (flags.trailingZeroBitCount >> 3)
            }
            position += 8
        }
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return position }
            position += 1
        }
        return count
    }

    /// Decodes the string content `start..<end`.
    public func decodeString(start: Int, end: Int, escaped: Bool) throws(JSONError) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard escaped else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(slice.count)
        var index = start
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < end else { throw JSONError(message: "bad escape", offset: index) }
            switch bytes[index] {
            case UInt8(ascii: "\""): output.append(0x22)
            case UInt8(ascii: "\\"): output.append(0x5C)
            case UInt8(ascii: "/"): output.append(0x2F)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4(at: index + 1, end: end)
                index += 4
                if (0xD800..<0xDC00).contains(code), index + 6 < end + 1,
                   bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u") {
                    let low = try hex4(at: index + 3, end: end)
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                output.append(contentsOf: Array(String(scalar).utf8))
            default:
                throw JSONError(message: "bad escape", offset: index)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func hex4(at index: Int, end: Int) throws(JSONError) -> UInt32 {
        guard index + 4 <= end else { throw JSONError(message: "bad \\u escape", offset: index) }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw JSONError(message: "bad \\u escape", offset: index + offset)
            }
            value = value * 16 + digit
        }
        return value
    }

    /// Scans a number by JSON's grammar (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`);
    /// returns its byte range and whether it is an integer (no fraction or exponent).
    public mutating func scanNumber() throws(JSONError) -> (start: Int, end: Int, isInteger: Bool) {
        let start = position
        func digit(_ offset: Int) -> Bool { offset < bytes.count && bytes[offset] >= 0x30 && bytes[offset] <= 0x39 }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard digit(position) else { throw error("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if digit(position) { throw error("invalid number: leading zero") }
        } else {
            while digit(position) { position += 1 }
        }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard digit(position) else { throw error("invalid number: no digits after '.'") }
            while digit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digit(position) else { throw error("invalid number: no digits in the exponent") }
            while digit(position) { position += 1 }
        }
        return (start, position, isInteger)
    }

    public mutating func expectLiteral(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("invalid literal") }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[position + offset] != pointer[offset] {
            throw error("invalid literal")
        }
        position += count
    }

    /// Skips one value, validating it; returns its byte range.
    public mutating func skipValue(depth: Int = 0) throws(JSONError) -> Range<Int> {
        guard depth <= maximumDepth else { throw error("JSON nested too deeply") }
        let byte = try peek()
        let start = position
        switch byte {
        case UInt8(ascii: "{"):
            try readObject { (scanner: inout JSONScanner, _, _, _) throws(JSONError) in _ = try scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try readArray { (scanner: inout JSONScanner) throws(JSONError) in _ = try scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), 0x30...0x39:
            _ = try scanNumber()
        default:
            throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
        return start..<position
    }

    /// Reads one value as a tree.
    public mutating func readValue(depth: Int = 0) throws(JSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw error("JSON nested too deeply") }
        let byte = try peek()
        switch byte {
        case UInt8(ascii: "{"):
            var members: [(key: String, value: JSONValue)] = []
            try readObject { (scanner: inout JSONScanner, start, end, escaped) throws(JSONError) in
                let key = try scanner.decodeString(start: start, end: end, escaped: escaped)
                members.append((key, try scanner.readValue(depth: depth + 1)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            try readArray { (scanner: inout JSONScanner) throws(JSONError) in items.append(try scanner.readValue(depth: depth + 1)) }
            return .array(items)
        case UInt8(ascii: "\""):
            let (start, end, escaped) = try scanString()
            return .string(try decodeString(start: start, end: end, escaped: escaped))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            let (start, end, _) = try scanNumber()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
    }
}
