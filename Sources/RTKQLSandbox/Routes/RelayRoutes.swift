import RTKQLJSON
/// `/moq/relays` of an account (Cloudflare's MoQ relays, beside RealtimeKit): list (no paging; `result_info`
/// counts), create (201, both tokens shown once), get, update (PUT, partial), delete, and token rotation. Every
/// answer is Cloudflare's v4 envelope; every error `moqApiResponseError` with its schema code.
enum RelayRoutes {
    static func register(on accountRoutes: RouteGroup, _ services: Services) {
        let relays = accountRoutes.group("moq/relays")
        let state = services.state
        relays.get { _, context in
            let accountID = try await account(context, services)
            let items = try await state.withRelays(accountID) { $0.relays.map(\.listJSON) }
            return .result(.array(items), info: .object([("count", .int(items.count)), ("total", .int(items.count))]))
        }
        relays.post { _, context in
            let accountID = try await account(context, services)
            let name = try RelayBody.create(context.body)
            let now = context.now
            let relay = try await state.withRelays(accountID) { $0.create(name: name, now: now) }
            return .result(relay.createdJSON, status: 201)
        }
        relays.get(":relay_id") { _, context in
            let (accountID, relayID) = try await scope(context, services)
            return .result(try await state.withRelays(accountID) { try $0.relay(relayID) }.json)
        }
        relays.put(":relay_id") { _, context in
            let (accountID, relayID) = try await scope(context, services)
            let update = try RelayBody.update(context.body)
            let now = context.now
            let relay = try await state.withRelays(accountID) { registry in
                let relay = try update.applied(to: try registry.relay(relayID), now: now)
                registry.store(relay)
                return relay
            }
            return .result(relay.json)
        }
        relays.delete(":relay_id") { _, context in
            let (accountID, relayID) = try await scope(context, services)
            try await state.withRelays(accountID) { try $0.delete(relayID) }
            return .result(.null)
        }
        relays.post(":relay_id/tokens/rotate") { _, context in
            let (accountID, relayID) = try await scope(context, services)
            let type = try RelayBody.rotate(context.body)
            let relay = try await state.withRelays(accountID) { registry in
                var relay = try registry.relay(relayID)
                relay.rotate(type)
                registry.store(relay)
                return relay
            }
            return .result(.object([("type", .string(type.rawValue)), ("token", .string(relay.token(type)))]))
        }
    }

    /// The `:account_id`, once known to the sandbox (404 in the relay routes' shape otherwise).
    private static func account(_ context: SandboxContext, _ services: Services) async throws -> String {
        let accountID = context.parameter("account_id")
        guard await services.recordings.accountExists(accountID) else { throw APIError.moqAccountNotFound(accountID) }
        return accountID
    }

    /// The account and the `:relay_id`, lowercased once it is 32 hex characters (400, 21003, otherwise).
    private static func scope(_ context: SandboxContext, _ services: Services) async throws -> (String, String) {
        let accountID = try await account(context, services)
        let relayID = context.parameter("relay_id").lowercased()
        guard relayID.utf8.count == 32, relayID.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw APIError.relayIDMalformed
        }
        return (accountID, relayID)
    }
}
