/// One account's MoQ relays, and the SplitMix64 stream new relays' IDs are drawn from: the same seed and the
/// same run of requests give the same IDs (and so the same tokens).
struct RelayRegistry: Sendable {
    /// The live relays, in creation order (a deleted relay is gone from every answer).
    var relays: [RelayRecord]
    private var rng: SplitMix64

    /// The account's seeded relays.
    init(accountID: String, seed: UInt64) {
        rng = SplitMix64(seed: seed ^ DemoData.fnv1a("moq/relays/" + accountID))
        relays = RelaySeed.relays(rng: &rng)
    }

    /// A relay, or 404 (21007).
    func relay(_ uid: String) throws -> RelayRecord {
        guard let found = relays.first(where: { $0.uid == uid }) else { throw APIError.relayNotFound }
        return found
    }

    /// A new relay named `name`, with the default configuration and a first generation of both tokens.
    mutating func create(name: String, now: Millis) -> RelayRecord {
        let relay = RelayRecord(uid: rng.hexID(), name: name, createdAt: now, modifiedAt: now, connected: false, config: RelayConfig())
        relays.append(relay)
        return relay
    }

    /// Stores a changed relay in place.
    mutating func store(_ relay: RelayRecord) {
        if let index = relays.firstIndex(where: { $0.uid == relay.uid }) { relays[index] = relay }
    }

    /// Deletes a relay (404 when there is none).
    mutating func delete(_ uid: String) throws {
        _ = try relay(uid)
        relays.removeAll { $0.uid == uid }
    }
}
