import RTKQLJSON
/// A relay's configuration (`moqRelayConfig`): lingering subscribe and origin fallback, mutually exclusive.
/// A new relay has the defaults the schema gives: lingering subscribe on with a 30 s ceiling, no fallback.
struct RelayConfig: Sendable, Equatable {
    /// `lingering_subscribe`: whether subscribers may wait for a publisher, and for how long at most.
    struct LingeringSubscribe: Sendable, Equatable {
        var enabled = true
        var maxTimeoutMs: Int64 = 30_000
    }

    /// `origin_fallback`: upstream relays asked, in order, for what this one does not have.
    struct OriginFallback: Sendable, Equatable {
        var enabled = false
        var urls: [String] = []
    }

    var lingeringSubscribe = LingeringSubscribe()
    var originFallback = OriginFallback()

    /// Whether both features are on, which the service refuses (21009).
    var isContradictory: Bool { lingeringSubscribe.enabled && originFallback.enabled }

    var json: JSONValue {
        .object([
            ("lingering_subscribe", .object([
                ("enabled", .bool(lingeringSubscribe.enabled)), ("max_timeout_ms", .int(lingeringSubscribe.maxTimeoutMs)),
            ])),
            ("origin_fallback", .object([
                ("enabled", .bool(originFallback.enabled)), ("urls", .array(originFallback.urls.map(JSONValue.string))),
            ])),
        ])
    }
}
