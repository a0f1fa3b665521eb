import RTKQLJSON
/// `/sessions`: list (rows in `data.sessions`, no paging object; `page_no`/`per_page` honoured), one session,
/// its participants (`data.participants`), one participant, chat, transcript and summary links, asking for a
/// summary, and the peer report of one participant's stay.
enum SessionRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        let sessions = app.group("sessions")
        let state = services.state
        sessions.get { _, context in
            let appID = try await services.app(context)
            let filter = try SessionFilter(context.query)
            let paging = try Paging(context.query, cap: services.perPageCap)
            let now = context.now
            let rows = try await state.withApp(appID) { data in filter.apply(data.sessions, now: now) }
            return .data(.object([("sessions", .array(paging.page(rows).items.map { $0.json(now: now) }))]))
        }
        sessions.get("peer-report/:peer_id") { _, context in
            let appID = try await services.app(context)
            _ = try BodyValidator.oneOf(context.query.last("filters").map(JSONValue.string), "filters", SessionRoutes.reportFilters)
            let peerID = context.parameter("peer_id").lowercased()
            let now = context.now
            let report = try await state.withApp(appID) { data -> JSONValue in
                for session in data.sessions {
                    if let participant = session.participants.first(where: { $0.id == peerID }) {
                        return PeerReport.participant(participant, now: now)
                    }
                }
                throw APIError.notFound("peer \(peerID) not found")
            }
            return .data(.object([("participant", report)]))
        }
        sessions.get(":session_id") { _, context in
            let (appID, sessionID) = try await scope(context, services)
            _ = try BodyValidator.oneOf(context.query.last("include_breakout_rooms").map(JSONValue.string),
                                        "include_breakout_rooms", ["true", "false"])
            let now = context.now
            return .data(.object([("session", try await state.withApp(appID) { try $0.session(sessionID).json(now: now) })]))
        }
        sessions.get(":session_id/participants") { _, context in
            let (appID, sessionID) = try await scope(context, services)
            let query = context.query
            let paging = try Paging(query, cap: services.perPageCap)
            let descending = try BodyValidator.oneOf(query.last("sort_order").map(JSONValue.string), "sort_order", ["ASC", "DESC"]) == "DESC"
            let byDuration = try BodyValidator.oneOf(query.last("sort_by").map(JSONValue.string), "sort_by", ["joinedAt", "duration"]) == "duration"
            _ = try BodyValidator.oneOf(query.last("view").map(JSONValue.string), "view", ["raw", "consolidated"])
            let search = query.last("search")?.lowercased() ?? ""
            let now = context.now
            let rows = try await state.withApp(appID) { data in
                var rows = try data.session(sessionID).participants.filter {
                    search.isEmpty || $0.displayName.lowercased().contains(search) || $0.customParticipantID.contains(search)
                }
                rows.sort { byDuration ? $0.duration(now: now) < $1.duration(now: now) : $0.joinedAt < $1.joinedAt }
                return descending ? rows.reversed() : rows
            }
            return .data(.object([("participants", .array(paging.page(rows).items.map { $0.json(now: now) }))]))
        }
        sessions.get(":session_id/participants/:participant_id") { _, context in
            let (appID, sessionID) = try await scope(context, services)
            _ = try BodyValidator.oneOf(context.query.last("filters").map(JSONValue.string), "filters", SessionRoutes.reportFilters)
            let participantID = context.parameter("participant_id").lowercased()
            let now = context.now
            let participant = try await state.withApp(appID) { data in
                guard let found = try data.session(sessionID).participants.first(where: { $0.id == participantID || $0.userID == participantID })
                else { throw APIError.notFound("participant \(participantID) not found in session \(sessionID)") }
                return found
            }
            return .data(.object([("participant", PeerReport.details(participant, now: now))]))
        }
        sessions.get(":session_id/chat") { _, context in
            let (appID, sessionID) = try await scope(context, services)
            let session = try await state.withApp(appID) { try $0.session(sessionID) }
            let link = SessionRoutes.link(appID, session, "chat.csv", context.now)
            return .data(.object([("chat_download_url", .string(link.url)), ("chat_download_url_expiry", .time(link.expiry))]))
        }
        sessions.get(":session_id/transcript") { _, context in
            let (appID, sessionID) = try await scope(context, services)
            let session = try await state.withApp(appID) { try $0.session(sessionID) }
            guard !session.isLive else { throw APIError.notFound("session \(sessionID) is still live: no transcript yet") }
            let link = SessionRoutes.link(appID, session, "transcript.csv", context.now)
            return .data(.object([("sessionId", .string(session.id)), ("transcript_download_url", .string(link.url)),
                                  ("transcript_download_url_expiry", .time(link.expiry))]))
        }
        sessions.get(":session_id/summary") { _, context in
            let (appID, sessionID) = try await scope(context, services)
            let session = try await state.withApp(appID) { try $0.session(sessionID) }
            guard session.summaryGenerated else {
                throw APIError.notFound("session \(sessionID) has no summary: POST /sessions/\(sessionID)/summary generates one")
            }
            let link = SessionRoutes.link(appID, session, "summary.md", context.now)
            return .data(.object([("sessionId", .string(session.id)), ("summaryDownloadUrl", .string(link.url)),
                                  ("summaryDownloadUrlExpiry", .time(link.expiry))]))
        }
        sessions.post(":session_id/summary") { _, context in
            let (appID, sessionID) = try await scope(context, services)
            try await state.withApp(appID) { data in
                let session = try data.session(sessionID)
                guard !session.isLive else { throw APIError.badRequest("session \(sessionID) is still live") }
                if let index = data.sessions.firstIndex(where: { $0.id == session.id }) { data.sessions[index].summaryGenerated = true }
            }
            return .data(.object([("message", .string("summary generation started")), ("success", .bool(true))]))
        }
    }

    static let reportFilters = ["device_info", "ip_information", "precall_network_information", "events", "quality_stats"]

    private static func scope(_ context: SandboxContext, _ services: Services) async throws -> (String, String) {
        (try await services.app(context), context.parameter("session_id").lowercased())
    }

    /// A download link on the sandbox's pretend bucket, valid for a day from now.
    private static func link(_ appID: String, _ session: SessionRecord, _ file: String, _ now: Millis) -> (url: String, expiry: Millis) {
        ("https://rtk-sessions.sandbox.invalid/\(appID)/\(session.id)/\(file)", now + Timestamp.millisPerDay)
    }
}
