import RTKQLSyntax

extension Engine {
    /// Fills `{{ name }}` placeholders in `script` from `variables`.
    public static func expandTemplates(_ script: String, variables: [String: String]) throws(RTKQLError) -> String {
        guard script.contains("{{") else { return script }
        var output = ""
        var rest = Substring(script)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            output += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters()
            guard let value = variables[name] else {
                throw .template(message: "template variable {{ \(name) }} has no value (pass --var \(name)=VALUE)")
            }
            output += value
            rest = rest[close.upperBound...]
        }
        return output + rest
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        firstRange(of: needle)
    }

    func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// TEMPORARY until the syntax module's splitter lands.
public enum StatementSplitter {
    public static func isComplete(_ text: String) -> Bool {
        text.trimmingCharacters().hasSuffix(";")
    }
}

extension String {
    func trimmingCharacters() -> String { Substring(self).trimmingCharacters().trimmingNewlines() }
    func trimmingNewlines() -> String { String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()) }
}
