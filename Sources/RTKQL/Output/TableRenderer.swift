import RTKQLStorage

/// An ASCII box table: aligned columns, numbers right-aligned, NULL shown as `NULL`. With a
/// maximum width (the terminal's), the widest columns are narrowed and long values cut with `…`;
/// with colour, the header is bold and NULL dim.
enum TableRenderer {
    static func render(_ result: QueryResult, header: Bool, maximumWidth: Int? = nil, colour: Bool = false) -> String {
        guard !result.columns.isEmpty else { return "" }
        let cells = result.rows.map { row in row.map { ($0.displayText ?? "NULL").replacingNewlines() } }
        var widths = result.columns.map { header ? $0.displayWidth : 0 }
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.displayWidth) }
        }
        if let maximumWidth { widths = fit(widths, into: maximumWidth) }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+\n"
        var output = rule
        if header {
            output += "|" + result.columns.enumerated().map { index, name in
                let text = name.truncated(to: widths[index]).padded(to: widths[index])
                return " " + (colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text) + " "
            }.joined(separator: "|") + "|\n"
            output += rule
        }
        for (rowIndex, row) in cells.enumerated() {
            output += "|"
            for (index, cell) in row.enumerated() {
                let value = result.rows[rowIndex][index]
                let text = cell.truncated(to: widths[index])
                let padded = value.isNumeric ? text.padded(to: widths[index], right: true) : text.padded(to: widths[index])
                output += " " + (colour && value.isNull ? "\u{1B}[2m\(padded)\u{1B}[0m" : padded) + " |"
            }
            output += "\n"
        }
        if !cells.isEmpty { output += rule }
        return output
    }
}

extension TableRenderer {
    /// The width of the table's lines when no column is cut.
    static func naturalWidth(_ result: QueryResult, header: Bool) -> Int {
        var widths = result.columns.map { header ? $0.displayWidth : 0 }
        for row in result.rows {
            for (index, value) in row.enumerated() {
                widths[index] = max(widths[index], (value.displayText ?? "NULL").replacingNewlines().displayWidth)
            }
        }
        return widths.reduce(1) { $0 + $1 + 3 }
    }

    /// Narrows the widest columns, one column of width at a time, until the table fits (each
    /// column keeps at least 4 columns of width).
    static func fit(_ widths: [Int], into maximum: Int) -> [Int] {
        var widths = widths
        func total() -> Int { widths.reduce(1) { $0 + $1 + 3 } }
        while total() > maximum, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 4 {
            widths[widest] -= 1
        }
        return widths
    }
}

extension String {
    /// The text cut to `width` terminal columns, ending in `…` when it was cut.
    func truncated(to width: Int) -> String {
        guard displayWidth > width else { return self }
        var output = ""
        var used = 0
        for character in self {
            let characterWidth = String(character).displayWidth
            if used + characterWidth > width - 1 { break }
            output.append(character)
            used += characterWidth
        }
        return output + "…"
    }

    /// Columns the text occupies in a terminal (wide East Asian characters count two).
    var displayWidth: Int {
        unicodeScalars.reduce(0) { width, scalar in
            if scalar.properties.generalCategory == .nonspacingMark || scalar.value == 0x200B { return width }
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }

    func padded(to width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - displayWidth))
        return right ? padding + self : self + padding
    }

    /// Newlines and tabs shown as `\n` and `\t` so a cell stays on one line.
    func replacingNewlines() -> String {
        guard contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }) else { return self }
        var output = ""
        for character in self {
            switch character {
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\r\n": output += "\\r\\n"
            case "\t": output += "\\t"
            default: output.append(character)
            }
        }
        return output
    }
}
