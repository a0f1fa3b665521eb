/// Everything of the service besides meetings and recordings (which `RecordingStore` keeps in SQLite):
/// apps' names, meeting participants, sessions, presets, webhooks and livestreams. Held in memory, generated
/// from the seed at start; one actor, so a mutation is never seen half-applied.
actor ServiceState {
    /// One app's state.
    struct AppState: Sendable {
        var record: AppRecord
        var data: ServiceData
    }

    let seed: UInt64
    /// Apps by ID, and each account's app IDs in creation order.
    var apps: [String: AppState] = [:]
    var accountApps: [String: [String]] = [:]

    /// Builds the state of every app the recording store holds, from its meetings and recordings.
    init(seed: UInt64, recordings: RecordingStore) async throws {
        self.seed = seed
        for (index, entry) in try await recordings.appList().enumerated() {
            let meetings = try await recordings.meetings(appID: entry.appID)
            let sources = try await recordings.sessionSources(appID: entry.appID)
            let created = Timestamp.days(fromCivil: 2025, 11, 1) * DemoData.day + Millis(index) * 3_600_000
            let record = AppRecord(id: entry.appID, name: "rtkql demo app \(index + 1)", createdAt: created)
            apps[entry.appID] = AppState(record: record, data: ServiceData(appID: entry.appID, seed: seed,
                                                                             meetings: meetings, recordings: sources))
            accountApps[entry.accountID, default: []].append(entry.appID)
        }
    }

    /// Runs `body` on an app's state (404 when the app has none).
    func withApp<T: Sendable>(_ appID: String, _ body: @Sendable (inout ServiceData) throws -> T) throws -> T {
        guard var state = apps[appID] else { throw APIError.notFound("app \(appID) not found") }
        let result = try body(&state.data)
        apps[appID] = state
        return result
    }

    /// A meeting created with `POST /meetings`: no participants yet.
    func meetingCreated(appID: String, meetingID: String) {
        apps[appID]?.data.participants[meetingID] = []
    }

    /// The meeting's LIVE session, if any: where a recording started now belongs.
    func liveSessionID(appID: String, meetingID: String) -> String? {
        apps[appID]?.data.sessions.last(where: { $0.meetingID == meetingID.lowercased() && $0.isLive })?.id
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
