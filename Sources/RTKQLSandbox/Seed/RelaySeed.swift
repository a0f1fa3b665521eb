/// The MoQ relays every account starts with: a connected production relay with the default configuration,
/// an idle staging relay with a shorter lingering ceiling, and one that falls back to two origin relays
/// (lingering subscribe off, as the two are mutually exclusive).
enum RelaySeed {
    static func relays(rng: inout SplitMix64) -> [RelayRecord] {
        let created = Timestamp.days(fromCivil: 2025, 11, 20) * DemoData.day + 9 * 3_600_000
        let hour: Millis = 3_600_000
        var staging = RelayConfig()
        staging.lingeringSubscribe.maxTimeoutMs = 10_000
        var fallback = RelayConfig()
        fallback.lingeringSubscribe.enabled = false
        fallback.originFallback = .init(enabled: true, urls: ["https://relay-eu.moq.sandbox.invalid", "https://relay-us.moq.sandbox.invalid"])
        return [
            RelayRecord(uid: rng.hexID(), name: "Production Live Stream", createdAt: created, modifiedAt: created + 50 * hour,
                        connected: true, config: RelayConfig()),
            RelayRecord(uid: rng.hexID(), name: "Staging", createdAt: created + 24 * hour, modifiedAt: created + 24 * hour,
                        connected: false, config: staging),
            RelayRecord(uid: rng.hexID(), name: "Edge fallback", createdAt: created + 48 * hour, modifiedAt: created + 73 * hour,
                        connected: false, config: fallback),
        ]
    }
}
