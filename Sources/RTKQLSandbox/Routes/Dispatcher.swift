/// Maps `/client/v4/accounts/{account_id}/realtime/kit/{app_id}/recordings[...]` to the six endpoints.
struct Dispatcher: Sendable {
    let store: RecordingStore
    let perPageCap: Int

    /// A status and a JSON body.
    struct Reply: Sendable {
        var status: Int
        var body: String
    }

    /// Whether the path is one of the sandbox's routes (anything else is Cloudflare's 7000 "No route").
    static func isKnownRoute(_ segments: [String]) -> Bool {
        segments.count >= 8 && segments[0] == "client" && segments[1] == "v4" && segments[2] == "accounts"
            && segments[4] == "realtime" && segments[5] == "kit" && segments[7] == "recordings" && segments.count <= 10
            && (segments.count != 10 || segments[8] == "active-recording")
    }

    func dispatch(method: String, segments: [String], query: String?, body: [UInt8]) async throws -> Reply {
        guard Dispatcher.isKnownRoute(segments) else { throw APIError.noRoute }
        let accountID = segments[3]
        let appID = segments[6]
        let rest = Array(segments.dropFirst(8))
        let allowed: [String]
        switch rest.count {
        case 0: allowed = ["GET", "POST"]
        case 1 where rest[0] == "track": allowed = ["POST"]
        case 1: allowed = ["GET", "PUT"]
        default: allowed = ["GET"]
        }
        guard allowed.contains(method) else { throw APIError.methodNotAllowed }
        guard await store.accountExists(accountID) else { throw APIError.notFound("account \(accountID) not found") }
        guard await store.appExists(accountID: accountID, appID: appID) else {
            throw APIError.notFound("app \(appID) not found")
        }
        let now = Timestamp.now()
        switch (method, rest.count) {
        case ("GET", 0):
            let list = try ListRoute.parse(QueryString(query), perPageCap: perPageCap)
            return Reply(status: 200, body: Envelope.list(try await store.list(appID: appID, query: list, now: now)))
        case ("POST", 0):
            let request = try StartRoute.parse(body)
            return Reply(status: 201, body: Envelope.single(try await store.start(appID: appID, request: request, now: now)))
        case ("POST", 1):
            let request = try TrackRoute.parse(body)
            let recording = try await store.start(appID: appID, request: request, now: now)
            return Reply(status: 200, body: Envelope.single("{\"recording\":" + recording + "}"))
        case ("GET", 1):
            return Reply(status: 200, body: Envelope.single(try await store.recording(appID: appID, id: rest[0], now: now)))
        case ("PUT", 1):
            let action = try ActionRoute.parse(body)
            let recording = try await store.apply(action, appID: appID, id: rest[0], now: now)
            return Reply(status: 200, body: Envelope.single(recording))
        default:
            let recording = try await store.activeRecording(appID: appID, meetingID: rest[1], now: now)
            return Reply(status: 200, body: Envelope.single(recording))
        }
    }
}
