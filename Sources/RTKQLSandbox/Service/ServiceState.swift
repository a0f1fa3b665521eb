/// Everything of the service besides meetings and recordings (which `RecordingStore` keeps in SQLite):
/// apps' names, meeting participants, sessions, presets, webhooks, livestreams and each account's MoQ
/// relays. Held in memory and generated from the seed the first time a route needs an app's (or an
/// account's relays), so a sandbox used for recordings alone, or with a million of them, starts as fast as
/// before; one actor, so a mutation is never seen half-applied.
actor ServiceState {
    /// One app's state; `data` is nil until first needed.
    struct AppState: Sendable {
        var record: AppRecord
        var data: ServiceData?
    }

    let seed: UInt64
    let recordings: RecordingStore
    /// Apps by ID, and each account's app IDs in creation order.
    var apps: [String: AppState] = [:]
    var accountApps: [String: [String]] = [:]
    /// Each account's MoQ relays, seeded the first time a relay route asks for them.
    var relayRegistries: [String: RelayRegistry] = [:]
    /// The generation of an app's data while it runs, so concurrent first requests share one.
    private var loading: [String: Task<ServiceData, any Error>] = [:]

    /// Names every app the recording store holds; their data is generated on first use.
    init(seed: UInt64, recordings: RecordingStore) async throws {
        self.seed = seed
        self.recordings = recordings
        for (index, entry) in try await recordings.appList().enumerated() {
            let created = Timestamp.days(fromCivil: 2025, 11, 1) * DemoData.day + Millis(index) * 3_600_000
            apps[entry.appID] = AppState(record: AppRecord(id: entry.appID, name: "rtkql demo app \(index + 1)", createdAt: created))
            accountApps[entry.accountID, default: []].append(entry.appID)
        }
    }

    /// Runs `body` on an app's state (404 when the app is unknown), generating the state first if needed.
    func withApp<T: Sendable>(_ appID: String, _ body: @Sendable (inout ServiceData) throws -> T) async throws -> T {
        guard apps[appID] != nil else { throw APIError.notFound("app \(appID) not found") }
        if apps[appID]?.data == nil {
            let data = try await load(appID)
            if apps[appID]?.data == nil { apps[appID]?.data = data }
        }
        guard var data = apps[appID]?.data else { throw APIError.notFound("app \(appID) not found") }
        let result = try body(&data)
        apps[appID]?.data = data
        return result
    }

    /// Generates an app's data from its meetings and recordings as they are now (once, however many ask).
    private func load(_ appID: String) async throws -> ServiceData {
        if let running = loading[appID] { return try await running.value }
        let task = Task { [recordings, seed] in
            let meetings = try await recordings.meetings(appID: appID)
            let sources = try await recordings.sessionSources(appID: appID)
            return ServiceData(appID: appID, seed: seed, meetings: meetings, recordings: sources)
        }
        loading[appID] = task
        defer { loading[appID] = nil }
        return try await task.value
    }

    /// Makes sure an app's data exists before a change to its meetings (a created meeting starts with no
    /// participants rather than seeded ones).
    func prepare(_ appID: String) async throws {
        try await withApp(appID) { _ in }
    }

    /// A meeting created with `POST /meetings`: no participants yet.
    func meetingCreated(appID: String, meetingID: String) async throws {
        try await withApp(appID) { $0.participants[meetingID] = [] }
    }

    /// The meeting's LIVE session, if any: where a recording started now belongs.
    func liveSessionID(appID: String, meetingID: String) async throws -> String? {
        try await withApp(appID) { data in data.sessions.last(where: { $0.meetingID == meetingID.lowercased() && $0.isLive })?.id }
    }

    // MARK: Apps

    /// The account's apps, in creation order.
    func apps(accountID: String) -> [AppRecord] {
        (accountApps[accountID] ?? []).compactMap { apps[$0]?.record }
    }

    /// Registers an app created with `POST /apps`: it has the default presets and nothing else.
    func addApp(accountID: String, id: String, name: String, now: Millis) -> AppRecord {
        let record = AppRecord(id: id, name: name, createdAt: now)
        apps[id] = AppState(record: record, data: ServiceData(appID: id, seed: seed, meetings: [], recordings: []))
        accountApps[accountID, default: []].append(id)
        return record
    }
}
