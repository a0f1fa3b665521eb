import RTKQLJSON
/// `/meetings/{meeting_id}/active-session`: the meeting's LIVE session, and the actions on the people in it
/// (kick, kick all, mute, mute all) and polls. A kicked participant leaves the session; mute sets their flag.
enum ActiveSessionRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        let active = app.group("meetings/:meeting_id/active-session")
        let state = services.state
        active.get { _, context in
            let (appID, meetingID) = try await scope(context, services)
            let now = context.now
            return .data(try await state.withApp(appID) { try $0.liveSession(meetingID).json(now: now) })
        }
        active.post("kick") { _, context in
            let (appID, meetingID) = try await scope(context, services)
            let targets = try Targets(context.body)
            let now = context.now
            let kicked = try await state.withApp(appID) { data in
                try data.updatePresent(meetingID, matching: targets.matches) { $0.leftAt = now }
            }
            return .data(.object([("action", .string("kick")), ("participants", .array(kicked.map(\.actionJSON)))]))
        }
        active.post("kick-all") { _, context in
            let (appID, meetingID) = try await scope(context, services)
            let now = context.now
            let kicked = try await state.withApp(appID) { data in
                try data.updatePresent(meetingID, matching: { _ in true }) { $0.leftAt = now }
            }
            return .data(.object([("action", .string("kick-all")), ("kicked_participants_count", .int(kicked.count))]))
        }
        active.post("mute") { _, context in
            let (appID, meetingID) = try await scope(context, services)
            let targets = try Targets(context.body)
            let muted = try await state.withApp(appID) { data in
                try data.updatePresent(meetingID, matching: targets.matches) { $0.muted = true }
            }
            return .data(.object([("action", .string("mute")), ("participants", .array(muted.map(\.actionJSON)))]))
        }
        active.post("mute-all") { _, context in
            let (appID, meetingID) = try await scope(context, services)
            let body = try BodyValidator.parseObject(context.body)
            _ = try BodyValidator.bool(try body.required("allow_unmute"), "allow_unmute")
            let muted = try await state.withApp(appID) { data in
                try data.updatePresent(meetingID, matching: { _ in true }) { $0.muted = true }
            }
            return .data(.object([("action", .string("mute-all")), ("muted_participants_count", .int(muted.count))]))
        }
        active.post("poll") { _, context in
            let (appID, meetingID) = try await scope(context, services)
            let body = try BodyValidator.parseObject(context.body)
            let question = try body.requiredString("question")
            let options = try BodyValidator.strings(try body.required("options"), "options") ?? []
            guard !options.isEmpty else { throw APIError.badRequest("\"options\" must contain at least 1 items") }
            let anonymous = try BodyValidator.bool(body.value("anonymous"), "anonymous") ?? false
            let hideVotes = try BodyValidator.bool(body.value("hide_votes"), "hide_votes") ?? false
            let poll: JSONValue = .object([
                ("id", .string(randomUUID())), ("question", .string(question)),
                ("options", .array(options.map { .object([("text", .string($0)), ("votes", .array([])), ("count", .int(0))]) })),
                ("anonymous", .bool(anonymous)), ("hide_votes", .bool(hideVotes)), ("voted", .array([])),
                ("created_by", .string(appID)),
            ])
            try await state.withApp(appID) { data in
                let session = try data.liveSession(meetingID)
                if let index = data.sessions.firstIndex(where: { $0.id == session.id }) { data.sessions[index].polls.append(poll) }
            }
            return .data(.object([("action", .string("create-poll")), ("poll", poll)]), status: 201)
        }
    }

    private static func scope(_ context: SandboxContext, _ services: Services) async throws -> (String, String) {
        let appID = try await services.app(context)
        return (appID, try await services.meeting(context, appID: appID))
    }

    /// The `participant_ids` and `custom_participant_ids` of a kick or mute body (both required, either may be empty).
    private struct Targets: Sendable {
        let ids: Set<String>
        let customIDs: Set<String>

        init(_ body: [UInt8]) throws {
            let body = try BodyValidator.parseObject(body)
            ids = Set(try BodyValidator.strings(try body.required("participant_ids"), "participant_ids") ?? [])
            customIDs = Set(try BodyValidator.strings(try body.required("custom_participant_ids"), "custom_participant_ids") ?? [])
        }

        /// A participant is named by their meeting participant ID, their peer ID or their custom ID.
        func matches(_ participant: SessionParticipant) -> Bool {
            ids.contains(participant.userID) || ids.contains(participant.id) || customIDs.contains(participant.customParticipantID)
        }
    }
}
