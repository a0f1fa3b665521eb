/// `/apps`: the account's apps, and creating one (it starts with the default presets and nothing else).
enum AppRoutes {
    static func register(on kit: RouteGroup, _ services: Services) {
        kit.get("apps") { _, context in
            let accountID = try await services.account(context)
            _ = try Paging(context.query, cap: services.perPageCap)
            return .data(.array(await services.state.apps(accountID: accountID).map(\.json)))
        }
        kit.post("apps") { _, context in
            let accountID = try await services.account(context)
            let name = try BodyValidator.parseObject(context.body).requiredString("name")
            let id = randomUUID()
            try await services.recordings.addApp(accountID: accountID, appID: id)
            let app = await services.state.addApp(accountID: accountID, id: id, name: name, now: context.now)
            return .data(.object([("app", app.json)]))
        }
    }
}
