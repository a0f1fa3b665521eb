/// Every route of the service, by resource area, under `/client/v4/accounts/:account_id/realtime/kit`.
enum ServiceRoutes {
    static func table(_ services: Services, pipeline: Pipeline) -> RouteTable {
        let table = RouteTable(pipeline: pipeline)
        let kit = table.group("/client/v4/accounts/:account_id/realtime/kit")
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
        return table
    }
}
