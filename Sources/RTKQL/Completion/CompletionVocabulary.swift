import RTKQLProvider

/// The words the interactive shell completes: SQL keywords, every resource's full and short name,
/// its columns, its parameters (the resource's, its methods', and the top-level properties of its
/// request bodies), and `resource.method` for EXEC. Methods are offered only once the resource's
/// name and its dot are typed, so completing a resource name lists resources, not their methods.
public struct CompletionVocabulary: Sendable {
    /// The SQL keywords completed (in the case the typed prefix starts with).
    public static let keywords: Set<String> = [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "GLOB", "BETWEEN", "GROUP", "BY",
        "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "AS", "JOIN", "LEFT", "INNER", "CROSS", "ON", "USING",
        "WITH", "UNION", "ALL", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "EXISTS", "REPLACE", "SET",
        "RETURNING", "EXEC", "SHOW", "PROVIDERS", "SERVICES", "RESOURCES", "METHODS", "DESCRIBE", "EXTENDED",
        "EXPLAIN", "USE", "COUNT", "SUM", "AVG", "MIN", "MAX", "json_extract", "INSERT", "INTO", "VALUES", "UPDATE",
        "DELETE",
    ]

    /// Keywords, resource names, columns, parameters and the extra words, sorted.
    public let words: [String]
    /// `resource.method` words, keyed by the resource name they extend (full and short).
    private let methods: [(resource: String, word: String)]

    /// The vocabulary of every resource in `registry`, with `extraWords` (such as the shell's commands).
    public init(registry: ProviderRegistry, extraWords: [String] = []) {
        var words = Self.keywords.union(extraWords)
        var methods: [(resource: String, word: String)] = []
        for resolved in registry.allResources {
            let resource = resolved.resource
            let names = [resolved.fullName, "\(resolved.service.name).\(resource.name)"]
            words.formUnion(names)
            resource.fields.forEach { words.insert($0.name) }
            resource.parameters.forEach { words.insert($0.name) }
            for method in resource.methods {
                method.parameters.forEach { words.insert($0.name) }
                if let body = method.body { words.formUnion(body.properties.keys) }
                for name in names { methods.append((name, "\(name).\(method.name)")) }
            }
        }
        self.words = words.sorted()
        self.methods = methods.sorted { $0.word < $1.word }
    }

    /// The words that complete `prefix`, sorted; keywords in lower case when the prefix starts in lower case.
    public func candidates(for prefix: String) -> [String] {
        let lower = prefix.lowercased()
        let upperCaseKeywords = prefix.first.map { $0.isUppercase } ?? true
        var matches = words.filter { $0.lowercased().hasPrefix(lower) }.map { word in
            Self.keywords.contains(word) && !upperCaseKeywords ? word.lowercased() : word
        }
        matches += methods.filter { lower.hasPrefix($0.resource.lowercased() + ".") && $0.word.lowercased().hasPrefix(lower) }.map(\.word)
        return matches
    }
}
