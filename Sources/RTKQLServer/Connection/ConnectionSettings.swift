import Foundation

/// The PostgreSQL run-time parameters a connection reports (ParameterStatus) and answers `SHOW` with; `SET`
/// changes them for the connection.
struct ConnectionSettings: Sendable {
    /// Sent to every client after authentication, as PostgreSQL does.
    static let reported = ["server_version", "server_encoding", "client_encoding", "DateStyle", "TimeZone",
                           "integer_datetimes", "standard_conforming_strings", "IntervalStyle", "is_superuser",
                           "session_authorization", "application_name"]

    private var values: [String: (name: String, value: String)]

    init(user: String, applicationName: String) {
        let defaults: [(String, String)] = [
            ("server_version", "15.0 (rtkql)"), ("server_version_num", "150000"),
            ("server_encoding", "UTF8"), ("client_encoding", "UTF8"), ("DateStyle", "ISO, MDY"),
            ("TimeZone", "UTC"), ("integer_datetimes", "on"), ("standard_conforming_strings", "on"),
            ("IntervalStyle", "postgres"), ("is_superuser", "off"), ("session_authorization", user),
            ("application_name", applicationName), ("transaction_isolation", "read committed"),
            ("default_transaction_isolation", "read committed"), ("transaction_read_only", "on"),
            ("default_transaction_read_only", "on"), ("search_path", "\"$user\", public"),
            ("statement_timeout", "0"), ("max_identifier_length", "63"), ("lc_messages", "C"),
        ]
        values = Dictionary(uniqueKeysWithValues: defaults.map { ($0.0.lowercased(), (name: $0.0, value: $0.1)) })
    }

    /// The value of `name` (case-insensitive), if it is a known parameter.
    func value(_ name: String) -> String? {
        values[name.lowercased()]?.value
    }

    /// The parameter's name as PostgreSQL spells it.
    func spelling(_ name: String) -> String {
        values[name.lowercased()]?.name ?? name.lowercased()
    }

    /// Sets a parameter; returns its name as spelled, for a ParameterStatus when it is a reported one.
    @discardableResult
    mutating func set(_ name: String, to value: String) -> String {
        let spelled = spelling(name)
        values[name.lowercased()] = (name: spelled, value: value)
        return spelled
    }

    /// Every parameter, for `SHOW ALL`.
    var all: [(name: String, value: String)] {
        values.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// `statement_timeout` values: a number of milliseconds, or a number with a unit (`5s`, `250ms`, `1min`).
    static func duration(_ text: String) -> Duration?? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let milliseconds: Double
        switch unit {
        case "", "ms": milliseconds = number
        case "s": milliseconds = number * 1000
        case "min": milliseconds = number * 60_000
        case "h": milliseconds = number * 3_600_000
        default: return nil
        }
        return .some(milliseconds == 0 ? nil : .milliseconds(Int64(milliseconds.rounded(.up))))
    }
}
