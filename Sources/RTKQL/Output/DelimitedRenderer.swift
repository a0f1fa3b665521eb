import RTKQLStorage

/// CSV per RFC 4180 (CRLF line ends, fields quoted when they hold the separator, a quote or a
/// line break; quotes doubled), and TSV (tabs and line breaks escaped as `\t`, `\n`).
enum DelimitedRenderer {
    static func render(_ result: QueryResult, separator: Character, header: Bool) -> String {
        var output = ""
        if header, !result.columns.isEmpty {
            output += result.columns.map { quote($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
        }
        for row in result.rows {
            output += row.map { quote($0.displayText ?? "", separator: separator) }.joined(separator: String(separator)) + "\r\n"
        }
        return output
    }

    static func quote(_ field: String, separator: Character) -> String {
        guard field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        var output = "\""
        for character in field {
            if character == "\"" { output += "\"\"" } else { output.append(character) }
        }
        return output + "\""
    }

    static func renderTSV(_ result: QueryResult, header: Bool) -> String {
        var output = ""
        if header, !result.columns.isEmpty { output += result.columns.map(escapeTSV).joined(separator: "\t") + "\n" }
        for row in result.rows {
            output += row.map { escapeTSV($0.displayText ?? "") }.joined(separator: "\t") + "\n"
        }
        return output
    }

    static func escapeTSV(_ field: String) -> String {
        var output = ""
        for character in field {
            switch character {
            case "\\": output += "\\\\"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\r\n": output += "\\r\\n"
            default: output.append(character)
            }
        }
        return output
    }
}

/// GitHub-flavoured Markdown tables (`|` escaped, line breaks as `<br>`).
enum MarkdownRenderer {
    static func render(_ result: QueryResult) -> String {
        guard !result.columns.isEmpty else { return "" }
        func cell(_ text: String) -> String {
            var output = ""
            for character in text {
                switch character {
                case "|": output += "\\|"
                case "\n", "\r\n": output += "<br>"
                case "\r": break
                default: output.append(character)
                }
            }
            return output
        }
        var output = "| " + result.columns.map(cell).joined(separator: " | ") + " |\n"
        output += "|" + result.columns.map { _ in " --- |" }.joined() + "\n"
        for row in result.rows {
            output += "| " + row.map { cell($0.displayText ?? "NULL") }.joined(separator: " | ") + " |\n"
        }
        return output
    }
}

/// Plain text: columns separated by two spaces, no borders, NULL as empty.
enum TextRenderer {
    static func render(_ result: QueryResult, header: Bool) -> String {
        var output = ""
        if header, !result.columns.isEmpty { output += result.columns.joined(separator: "  ") + "\n" }
        for row in result.rows {
            output += row.map { ($0.displayText ?? "").replacingNewlines() }.joined(separator: "  ") + "\n"
        }
        return output
    }
}
