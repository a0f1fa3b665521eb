import RTKQLPlanning
import RTKQLStorage

/// Values for a statement's bound parameters, so values never need quoting:
/// `?` / `?NNN` take positional values, `:name`, `@name` and `$name` take named ones.
///
/// ```swift
/// try await engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = ? AND app_id = :app",
///                        arguments: StatementArguments(["acc"], named: ["app": .text("app-1")]))
/// ```
public struct StatementArguments: Sendable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public var positional: [SQLValue]
    /// Keyed by name without its prefix (`app` for `:app`).
    public var named: [String: SQLValue]

    public init(_ positional: [SQLValue] = [], named: [String: SQLValue] = [:]) {
        self.positional = positional
        self.named = named
    }

    public init(arrayLiteral elements: SQLValue...) {
        self.init(elements)
    }

    public init(dictionaryLiteral elements: (String, SQLValue)...) {
        self.init([], named: Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// True when there are no values.
    public var isEmpty: Bool { positional.isEmpty && named.isEmpty }

    /// The value for a parameter as SQLite names it (`?3`, `:app`, `@app`, `$app`).
    func value(forParameter name: String) -> SQLValue? {
        if name.hasPrefix("?") {
            guard let index = Int(name.dropFirst()), index >= 1, index <= positional.count else { return nil }
            return positional[index - 1]
        }
        return named[String(name.dropFirst())]
    }

    /// The values as the planner reads them, keyed as written in SQL.
    var plannerValues: [String: RawValue] {
        var values: [String: RawValue] = [:]
        for (index, value) in positional.enumerated() { values["?\(index + 1)"] = value.rawValue }
        for (name, value) in named {
            for prefix in [":", "@", "$"] { values[prefix + name] = value.rawValue }
        }
        return values
    }
}

extension SQLValue {
    var rawValue: RawValue {
        switch self {
        case .null: return .null
        case .integer(let number): return .integer(number)
        case .real(let number): return .real(number)
        case .text(let text): return .text(text)
        case .blob(let bytes): return .text(String(decoding: bytes, as: UTF8.self))
        }
    }
}

extension RawValue {
    /// The value as SQLite stores it (booleans as 1 and 0).
    var sqlValue: SQLValue {
        switch self {
        case .null: return .null
        case .integer(let number): return .integer(number)
        case .real(let number): return .real(number)
        case .text(let text): return .text(text)
        case .boolean(let flag): return .integer(flag ? 1 : 0)
        }
    }
}
