/// `/webhooks`: list (no paging), create, get, edit (PATCH), replace (PUT), delete.
enum WebhookRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        let webhooks = app.group("webhooks")
        let state = services.state
        webhooks.get { _, context in
            let appID = try await services.app(context)
            return .data(.array(try await state.withApp(appID) { $0.webhooks }.map(\.json)))
        }
        webhooks.post { _, context in
            let appID = try await services.app(context)
            let fields = try Fields(context.body, replacing: true)
            let now = context.now
            let hook = try await state.withApp(appID) { data in
                let hook = WebhookRecord(id: randomUUID(), name: fields.name ?? "", url: fields.url ?? "", events: fields.events ?? [],
                                         enabled: fields.enabled ?? true, createdAt: now, updatedAt: now)
                data.webhooks.append(hook)
                return hook
            }
            return .data(hook.json, status: 201)
        }
        webhooks.get(":webhook_id") { _, context in
            let (appID, hookID) = try await scope(context, services)
            return .data(try await state.withApp(appID) { try $0.webhook(hookID) }.json)
        }
        /// PATCH changes what the body gives; PUT requires the whole webhook.
        func edit(replacing: Bool) -> RouteTable.Handler {
            { _, context in
                let (appID, hookID) = try await scope(context, services)
                let fields = try Fields(context.body, replacing: replacing)
                let now = context.now
                let hook = try await state.withApp(appID) { data in
                    var hook = try data.webhook(hookID)
                    hook.name = fields.name ?? hook.name
                    hook.url = fields.url ?? hook.url
                    hook.events = fields.events ?? hook.events
                    hook.enabled = fields.enabled ?? (replacing ? true : hook.enabled)
                    hook.updatedAt = now
                    if let index = data.webhooks.firstIndex(where: { $0.id == hook.id }) { data.webhooks[index] = hook }
                    return hook
                }
                return .data(hook.json)
            }
        }
        webhooks.patch(":webhook_id", edit(replacing: false))
        webhooks.put(":webhook_id", edit(replacing: true))
        webhooks.delete(":webhook_id") { _, context in
            let (appID, hookID) = try await scope(context, services)
            let hook = try await state.withApp(appID) { data in
                let hook = try data.webhook(hookID)
                data.webhooks.removeAll { $0.id == hook.id }
                return hook
            }
            return .data(hook.json)
        }
    }

    private static func scope(_ context: SandboxContext, _ services: Services) async throws -> (String, String) {
        (try await services.app(context), context.parameter("webhook_id").lowercased())
    }

    /// A webhook body; create and replace require `name`, `url` and `events`.
    private struct Fields: Sendable {
        var name: String?
        var url: String?
        var events: [String]?
        var enabled: Bool?

        init(_ bytes: [UInt8], replacing: Bool) throws {
            let body = try BodyValidator.parseObject(bytes)
            if replacing { for key in ["name", "url", "events"] { _ = try body.required(key) } }
            name = try BodyValidator.string(body.value("name"), "name")
            url = try BodyValidator.uri(body.value("url"), "url")
            events = try BodyValidator.strings(body.value("events"), "events", allowed: WebhookRecord.eventNames)
            if let events, events.isEmpty { throw APIError.badRequest("\"events\" must contain at least 1 items") }
            enabled = try BodyValidator.bool(body.value("enabled"), "enabled")
        }
    }
}
