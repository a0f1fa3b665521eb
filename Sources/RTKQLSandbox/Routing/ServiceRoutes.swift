/// Every route of the service, by resource area, under `/client/v4/accounts/:account_id/realtime/kit` (and the
/// account's MoQ relays under `/client/v4/accounts/:account_id/moq/relays`).
enum ServiceRoutes {
    static func table(_ services: Services, pipeline: Pipeline) -> RouteTable {
        let table = RouteTable(pipeline: pipeline)
        let account = table.group("/client/v4/accounts/:account_id")
        let kit = account.group("realtime/kit")
        let app = kit.group(":app_id")
        AppRoutes.register(on: kit, services)
        MeetingRoutes.register(on: app, services)
        ParticipantRoutes.register(on: app, services)
        ActiveSessionRoutes.register(on: app, services)
        SessionRoutes.register(on: app, services)
        RecordingRoutes.register(on: app, services)
        PresetRoutes.register(on: app, services)
        WebhookRoutes.register(on: app, services)
        LivestreamRoutes.register(on: app, services)
        AnalyticsRoutes.register(on: app, services)
        RelayRoutes.register(on: account, services)
        return table
    }
}
