import Foundation

/// The output expressions of a SELECT, cut from its text without parsing PostgreSQL: the top-level
/// comma-separated items between the first SELECT and its FROM, with the column name PostgreSQL would give
/// each. Enough to answer a client's catalog query with the columns it asks for.
struct SelectList {
    /// One output expression.
    struct Item: Equatable {
        /// The expression as written, lower-cased, alias removed.
        var expression: String
        /// The column name: the alias, else the last name of a column reference or function.
        var name: String
    }

    var items: [Item]

    init?(_ query: String) {
        let characters = Array(query)
        var depth = 0
        var inString = false
        var quoted = false
        var start: Int?
        var itemStart = 0
        var parts: [String] = []
        var index = 0
        func keyword(_ word: String, at position: Int) -> Bool {
            let letters = Array(word)
            guard position + letters.count <= characters.count else { return false }
            for (offset, letter) in letters.enumerated() where characters[position + offset].lowercased() != String(letter) {
                return false
            }
            let before = position == 0 ? " " : characters[position - 1]
            let after = position + letters.count < characters.count ? characters[position + letters.count] : " "
            return !(before.isLetter || before == "_" || before == ".") && !(after.isLetter || after == "_" || after.isNumber)
        }
        while index < characters.count {
            let character = characters[index]
            if inString || quoted {
                if (inString && character == "'") || (quoted && character == "\"") { inString = false; quoted = false }
            } else if character == "'" {
                inString = true
            } else if character == "\"" {
                quoted = true
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if depth == 0 {
                if start == nil, keyword("select", at: index) {
                    start = index + 6
                    itemStart = start!
                    index += 6
                    continue
                }
                if let _ = start {
                    if character == "," {
                        parts.append(String(characters[itemStart..<index]))
                        itemStart = index + 1
                    } else if keyword("from", at: index) || character == ";" {
                        break
                    }
                }
            }
            index += 1
        }
        guard start != nil else { return nil }
        parts.append(String(characters[itemStart..<min(index, characters.count)]))
        items = parts.map(SelectList.item)
    }

    private static func item(_ text: String) -> Item {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // `expr AS name`, `expr AS "Name"`
        if let range = trimmed.range(of: #"\s+as\s+("[^"]+"|[A-Za-z_][A-Za-z0-9_]*)$"#, options: [.regularExpression, .caseInsensitive]) {
            var alias = trimmed[range].trimmingCharacters(in: .whitespacesAndNewlines)
            alias = String(alias.dropFirst(2)).trimmingCharacters(in: .whitespacesAndNewlines)
            let name = alias.hasPrefix("\"") ? String(alias.dropFirst().dropLast()) : alias.lowercased()
            return Item(expression: String(trimmed[..<range.lowerBound]).lowercased(), name: name)
        }
        let expression = trimmed.lowercased()
        let head = expression.split(separator: "(", maxSplits: 1).first.map(String.init) ?? expression
        let last = head.split(separator: ".").last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        let isName = !last.isEmpty && last.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(last.first?.isNumber ?? true)
        let isFunctionOrColumn = isName && !["case", "null", "true", "false", "array"].contains(last)
        return Item(expression: expression, name: isFunctionOrColumn ? last.replacingOccurrences(of: "\"", with: "") : "?column?")
    }
}
