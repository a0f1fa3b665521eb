import RTKQLJSON

/// A `{{ name }}` placeholder without a value.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// The placeholder's variable name.
    public var name: String
    /// Where the placeholder was written.
    public var range: SourceRange
    /// What to tell the user, naming the placeholder and where it is.
    public var message: String

    /// The message.
    public var description: String { message }
}

/// Fills `{{ name }}` placeholders, escaping each value for the context it lands in:
///
/// - inside a SQL string (`'{{ app_id }}'`): quotes are doubled, so a value cannot end the string;
/// - inside a JSON string inside a SQL string (`'{"title": "{{ title }}"}'`): JSON-escaped too; and
///   when the placeholder is the whole JSON string (`"{{ layers }}"`) and the value is a JSON object
///   or array, the value replaces the quoted string as raw JSON;
/// - bare in SQL: numbers, `true`/`false` and JSON go in as they are, anything else as a quoted string;
/// - inside comments: left alone.
public enum TemplateExpander {
    /// The expanded text; throws for the first placeholder with no value.
    public static func expand(_ text: String, variables: [String: String]) throws(TemplateError) -> String {
        var output: [UInt8] = []
        var failure: TemplateError?
        scan(text) { event in
            switch event {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .placeholder(let name, let context, let range, let raw):
                guard let value = variables[name] else {
                    if failure == nil {
                        let location = SourceLocation(offset: range.start, in: text)
                        failure = TemplateError(name: name, range: range,
                                                message: "template variable {{ \(name) }} at \(location) has no value (pass --var \(name)=VALUE)")
                    }
                    output.append(contentsOf: raw)
                    return
                }
                output.append(contentsOf: Array(render(value, in: context).utf8))
            }
        }
        if let failure { throw failure }
        return String(decoding: output, as: UTF8.self)
    }

    /// The names of the placeholders in `text` (outside comments), in order of first appearance.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        scan(text) { event in
            if case .placeholder(let name, _, _, _) = event, !names.contains(name) { names.append(name) }
        }
        return names
    }

    enum Context {
        case bare
        case sqlString
        case jsonString
        /// The whole JSON string `"{{ x }}"` (the quotes are part of the placeholder's text).
        case wholeJSONString
    }

    enum Event {
        case text([UInt8])
        case placeholder(name: String, context: Context, range: SourceRange, raw: [UInt8])
    }

    static func render(_ value: String, in context: Context) -> String {
        switch context {
        case .bare:
            if Double(value) != nil || value == "true" || value == "false" || looksLikeJSONContainer(value) { return value }
            return "'" + doublingQuotes(value) + "'"
        case .sqlString:
            return doublingQuotes(value)
        case .jsonString:
            return doublingQuotes(jsonEscaped(value))
        case .wholeJSONString:
            if looksLikeJSONContainer(value) { return doublingQuotes(value) }
            return doublingQuotes("\"" + jsonEscaped(value) + "\"")
        }
    }

    static func looksLikeJSONContainer(_ value: String) -> Bool {
        let trimmed = value.drop { $0.isWhitespace }
        guard let first = trimmed.first, let last = trimmed.reversed().first(where: { !$0.isWhitespace }) else { return false }
        return (first == "{" && last == "}") || (first == "[" && last == "]")
    }

    static func doublingQuotes(_ text: String) -> String {
        var output = ""
        for character in text {
            output.append(character)
            if character == "'" { output.append("'") }
        }
        return output
    }

    /// The text as it goes between the quotes of a JSON string.
    static func jsonEscaped(_ text: String) -> String {
        var quoted = ""
        JSONValue.writeString(text, to: &quoted)
        return String(quoted.dropFirst().dropLast())
    }

    /// Walks `text`, tracking SQL strings, JSON strings inside them, quoted identifiers and comments.
    static func scan(_ text: String, _ body: (Event) -> Void) {
        let bytes = Array(text.utf8)
        var index = 0
        var pending: [UInt8] = []
        var inSQLString = false
        var inJSONString = false
        func byte(_ offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }
        func flush() {
            if !pending.isEmpty { body(.text(pending)) }
            pending.removeAll(keepingCapacity: true)
        }
        /// The placeholder starting at `at` (`{{ name }}`): its name and end offset.
        func placeholder(at start: Int) -> (String, Int)? {
            guard byte(start) == UInt8(ascii: "{"), byte(start + 1) == UInt8(ascii: "{") else { return nil }
            var cursor = start + 2
            while byte(cursor) == 0x20 || byte(cursor) == 0x09 { cursor += 1 }
            let nameStart = cursor
            while cursor < bytes.count, Lexer.isIdentifierByte(bytes[cursor]) || bytes[cursor] == UInt8(ascii: ".") { cursor += 1 }
            let nameEnd = cursor
            guard nameEnd > nameStart else { return nil }
            while byte(cursor) == 0x20 || byte(cursor) == 0x09 { cursor += 1 }
            guard byte(cursor) == UInt8(ascii: "}"), byte(cursor + 1) == UInt8(ascii: "}") else { return nil }
            return (String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self), cursor + 2)
        }
        while index < bytes.count {
            let current = bytes[index]
            if !inSQLString {
                if current == UInt8(ascii: "-"), byte(index + 1) == UInt8(ascii: "-") {
                    while index < bytes.count, bytes[index] != 0x0A { pending.append(bytes[index]); index += 1 }
                    continue
                }
                if current == UInt8(ascii: "/"), byte(index + 1) == UInt8(ascii: "*") {
                    let end = (index + 2..<max(index + 2, bytes.count)).first { bytes[$0] == UInt8(ascii: "*") && byte($0 + 1) == UInt8(ascii: "/") }
                    let stop = end.map { $0 + 2 } ?? bytes.count
                    pending.append(contentsOf: bytes[index..<stop])
                    index = stop
                    continue
                }
                if current == UInt8(ascii: "\"") || current == UInt8(ascii: "`") || current == UInt8(ascii: "[") {
                    let closing = current == UInt8(ascii: "[") ? UInt8(ascii: "]") : current
                    pending.append(current)
                    index += 1
                    while index < bytes.count, bytes[index] != closing { pending.append(bytes[index]); index += 1 }
                    if index < bytes.count { pending.append(bytes[index]); index += 1 }
                    continue
                }
                if current == UInt8(ascii: "'") {
                    inSQLString = true
                    inJSONString = false
                    pending.append(current)
                    index += 1
                    continue
                }
                if let (name, end) = placeholder(at: index) {
                    flush()
                    body(.placeholder(name: name, context: .bare, range: SourceRange(start: index, end: end), raw: Array(bytes[index..<end])))
                    index = end
                    continue
                }
                pending.append(current)
                index += 1
                continue
            }
            // Inside a SQL string.
            if current == UInt8(ascii: "'") {
                if byte(index + 1) == UInt8(ascii: "'") {
                    pending.append(contentsOf: [current, current])
                    index += 2
                    continue
                }
                inSQLString = false
                pending.append(current)
                index += 1
                continue
            }
            if current == UInt8(ascii: "\""), !inJSONString, let (name, end) = placeholder(at: index + 1), byte(end) == UInt8(ascii: "\"") {
                flush()
                body(.placeholder(name: name, context: .wholeJSONString, range: SourceRange(start: index, end: end + 1),
                                  raw: Array(bytes[index..<end + 1])))
                index = end + 1
                continue
            }
            if current == UInt8(ascii: "\\"), inJSONString {
                pending.append(current)
                if index + 1 < bytes.count { pending.append(bytes[index + 1]) }
                index += 2
                continue
            }
            if current == UInt8(ascii: "\"") {
                inJSONString.toggle()
                pending.append(current)
                index += 1
                continue
            }
            if let (name, end) = placeholder(at: index) {
                flush()
                body(.placeholder(name: name, context: inJSONString ? .jsonString : .sqlString, range: SourceRange(start: index, end: end),
                                  raw: Array(bytes[index..<end])))
                index = end
                continue
            }
            pending.append(current)
            index += 1
        }
        flush()
    }
}
