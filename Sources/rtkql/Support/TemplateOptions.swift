import ArgumentParser
import Foundation
import Yams

/// Values for `{{ name }}` placeholders.
struct TemplateOptions: ParsableArguments {
    @Option(name: .customLong("var"), help: ArgumentHelp("Template variable NAME=VALUE (repeatable; also a,b lists: a=1,b=2).", valueName: "NAME=VALUE"))
    var assignments: [String] = []

    @Option(name: .customLong("vars"), help: "JSON file with an object of template variables.")
    var varsFile: String?

    @Option(name: [.customShort("q"), .customLong("iqldata")], help: "Template context file (StackQL's --iqldata): a JSON or YAML map of variables.")
    var contextFile: String?

    /// The variables, later sources overriding earlier ones: --vars file, then each --var.
    func variables() throws -> [String: String] {
        var variables: [String: String] = [:]
        for (flag, path) in [("--iqldata", contextFile), ("--vars", varsFile)] {
            guard let path else { continue }
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(flag) \(path): cannot read the file") }
            for (name, value) in try TemplateOptions.context(from: String(decoding: data, as: UTF8.self), flag: flag, path: path) {
                variables[name] = value
            }
        }
        for assignment in assignments {
            for (name, value) in try TemplateOptions.split(assignment) { variables[name] = value }
        }
        return variables
    }

    /// Reads a JSON or YAML map; scalars become their text, nested maps and lists compact JSON.
    static func context(from text: String, flag: String, path: String) throws -> [String: String] {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)  // YAML is a superset of JSON
        } catch {
            throw ValidationError("\(flag) \(path): not valid JSON or YAML: \(error)")
        }
        guard let map = loaded as? [String: Any] else { throw ValidationError("\(flag) \(path): expected a map of variables") }
        var variables: [String: String] = [:]
        for (name, value) in map {
            switch value {
            case let text as String: variables[name] = text
            case let flag as Bool: variables[name] = flag ? "true" : "false"
            case let number as Int: variables[name] = String(number)
            case let number as Double: variables[name] = String(number)
            case is NSNull: variables[name] = ""
            default:
                let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
                variables[name] = String(decoding: data, as: UTF8.self)
            }
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
