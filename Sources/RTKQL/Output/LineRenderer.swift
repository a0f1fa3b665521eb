import RTKQLStorage

/// The expanded display (psql's `\x`, sqlite's `.mode line`): each row is a record headed
/// `-[ RECORD n ]`, then one `column | value` line per field, names padded to the longest name.
/// Values are never cut; a value's newlines continue it on the next lines, NULL shows as `NULL`.
/// Each record is laid out on its own, so a result can be written record by record.
enum LineRenderer {
    static func render(_ result: QueryResult, colour: Bool = false) -> String {
        var output = ""
        for (index, row) in result.rows.enumerated() {
            output += record(row, number: index + 1, columns: result.columns, colour: colour)
        }
        return output
    }

    /// One record: its header rule and a line per field.
    static func record(_ values: [SQLValue], number: Int, columns: [String], colour: Bool = false) -> String {
        let nameWidth = columns.map(\.displayWidth).max() ?? 0
        let lines: [[String]] = values.map { value in
            guard let text = value.displayText else { return ["NULL"] }
            return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                .map { String($0).replacingNewlines() }
        }
        let valueWidth = lines.joined().map(\.displayWidth).max() ?? 0
        var rule = "-[ RECORD \(number) ]"
        let width = nameWidth + 3 + valueWidth
        var position = rule.count
        while position < width {
            rule += position == nameWidth + 1 ? "+" : "-"
            position += 1
        }
        var output = rule + "\n"
        for (index, name) in columns.enumerated() {
            let padded = name.padded(to: nameWidth)
            let shownName = colour ? "\u{1B}[1m\(padded)\u{1B}[0m" : padded
            let isNull = values[index].isNull
            for (lineIndex, line) in lines[index].enumerated() {
                let label = lineIndex == 0 ? shownName : String(repeating: " ", count: nameWidth)
                let text = colour && isNull ? "\u{1B}[2m\(line)\u{1B}[0m" : line
                output += (label + " | " + text).trailingSpacesRemoved() + "\n"
            }
        }
        return output
    }
}

extension String {
    /// The text without spaces at its end.
    func trailingSpacesRemoved() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
