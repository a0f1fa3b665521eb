/// The MoQ relays of an account, on the actor that holds the rest of the service.
extension ServiceState {
    /// Runs `body` on the account's relays (seeded first if needed); a `body` that throws changes nothing.
    func withRelays<T: Sendable>(_ accountID: String, _ body: @Sendable (inout RelayRegistry) throws -> T) throws -> T {
        var registry = relayRegistries[accountID] ?? RelayRegistry(accountID: accountID, seed: seed)
        let result = try body(&registry)
        relayRegistries[accountID] = registry
        return result
    }
}
