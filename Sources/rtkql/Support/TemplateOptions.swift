import ArgumentParser
import Foundation

/// Values for `{{ name }}` placeholders.
struct TemplateOptions: ParsableArguments {
    @Option(name: .customLong("var"), help: ArgumentHelp("Template variable NAME=VALUE (repeatable; also a,b lists: a=1,b=2).", valueName: "NAME=VALUE"))
    var assignments: [String] = []

    @Option(name: .customLong("vars"), help: "JSON file with an object of template variables.")
    var varsFile: String?

    /// The variables, later sources overriding earlier ones: --vars file, then each --var.
    func variables() throws -> [String: String] {
        var variables: [String: String] = [:]
        if let varsFile {
            guard let data = FileManager.default.contents(atPath: varsFile),
                  let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
                throw ValidationError("--vars \(varsFile): expected a readable JSON file holding an object")
            }
            for (name, value) in object {
                if let text = value as? String {
                    variables[name] = text
                } else if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
                    variables[name] = String(decoding: data, as: UTF8.self)
                }
            }
        }
        for assignment in assignments {
            for (name, value) in try TemplateOptions.split(assignment) { variables[name] = value }
        }
        return variables
    }

    /// `a=1` → [(a, 1)]; `a=1,b=2` → [(a, 1), (b, 2)] when every comma-separated part is itself `name=value`.
    static func split(_ assignment: String) throws -> [(String, String)] {
        func pair(_ text: Substring) -> (String, String)? {
            guard let equals = text.firstIndex(of: "=") else { return nil }
            let name = text[..<equals].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
            return (name, String(text[text.index(after: equals)...]))
        }
        let parts = assignment.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count > 1, parts.allSatisfy({ pair($0) != nil }) {
            return parts.compactMap(pair)
        }
        guard let single = pair(Substring(assignment)) else {
            throw ValidationError("--var expects NAME=VALUE, got \(assignment)")
        }
        return [single]
    }
}
