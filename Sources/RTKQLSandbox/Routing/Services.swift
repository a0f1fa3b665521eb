/// What the routes work on: the stores, and the limits of the configuration.
struct Services: Sendable {
    let recordings: RecordingStore
    let state: ServiceState
    let perPageCap: Int

    /// The `:app_id` of a route under `/accounts/:account_id/realtime/kit/:app_id`, once the account and the
    /// app are known to exist (404 otherwise).
    func app(_ context: SandboxContext) async throws -> String {
        let accountID = try await account(context)
        let appID = context.parameter("app_id")
        guard await recordings.appExists(accountID: accountID, appID: appID) else {
            throw APIError.notFound("app \(appID) not found")
        }
        return appID
    }

    /// The `:meeting_id` of a route, once the meeting is known to exist in the app (404 otherwise).
    func meeting(_ context: SandboxContext, appID: String) async throws -> String {
        let meetingID = context.parameter("meeting_id").lowercased()
        guard await recordings.meetingTitle(appID: appID, meetingID: meetingID) != nil else {
            throw APIError.notFound("meeting \(meetingID) not found")
        }
        return meetingID
    }

    /// The `:account_id` of a route, once known to exist (404 otherwise).
    func account(_ context: SandboxContext) async throws -> String {
        let accountID = context.parameter("account_id")
        guard await recordings.accountExists(accountID) else { throw APIError.notFound("account \(accountID) not found") }
        return accountID
    }
}
