import RTKQLJSON
/// Livestreams: the app's list (paging inside `data`), independent livestreams, one livestream and its
/// sessions, and a meeting's livestream (start, the active one, stop, its history); the livestream runs of a
/// session.
enum LivestreamRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        let livestreams = app.group("livestreams")
        let meeting = app.group("meetings/:meeting_id")
        let state = services.state
        livestreams.get { _, context in
            let appID = try await services.app(context)
            let query = context.query
            let paging = try Paging(query, cap: services.perPageCap)
            let status = try BodyValidator.oneOf(query.last("status").map(JSONValue.string), "status", ["LIVE", "IDLE", "ERRORED", "INVOKED"])
            let ascending = try BodyValidator.oneOf(query.last("sort_order").map(JSONValue.string), "sort_order", ["ASC", "DSC"]) == "ASC"
            let excludeMeetings = try BodyValidator.oneOf(query.last("exclude_meetings").map(JSONValue.string),
                                                          "exclude_meetings", ["true", "false"]) == "true"
            let from = try TimeFilter.parse(query, "start_time")
            let to = try TimeFilter.parse(query, "end_time")
            let streams = try await state.withApp(appID) { data in
                let kept = data.livestreams.filter { stream in
                    (status == nil || stream.status == status) && !(excludeMeetings && stream.meetingID != nil)
                        && from.map { stream.createdAt >= $0 } ?? true && to.map { stream.createdAt <= $0 } ?? true
                }
                let sorted = kept.sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.id < $1.id }
                return ascending ? sorted : sorted.reversed()
            }
            let page = paging.page(streams)
            return .data(.object([("livestreams", .array(page.items.map { $0.json() })), ("paging", page.paging)]))
        }
        livestreams.post { _, context in
            let appID = try await services.app(context)
            let body = try BodyValidator.parseObject(context.body)
            let name = try BodyValidator.nullableString(body.value("name"), "name") ?? nil
            let now = context.now
            let stream = try await state.withApp(appID) { data in
                let stream = LivestreamRecord(id: randomUUID(), name: name ?? "", meetingID: nil, status: "IDLE",
                                              streamKey: randomUUID(), createdAt: now, updatedAt: now, sessions: [])
                data.livestreams.append(stream)
                return stream
            }
            return .data(stream.json(.created), status: 201)
        }
        livestreams.get("sessions/:livestream_session_id") { _, context in
            let appID = try await services.app(context)
            let runID = context.parameter("livestream_session_id").lowercased()
            let now = context.now
            let run = try await state.withApp(appID) { data in
                guard let run = data.livestreams.flatMap(\.sessions).first(where: { $0.id == runID }) else {
                    throw APIError.notFound("livestream session \(runID) not found")
                }
                return run
            }
            return .data(run.json(now: now))
        }
        livestreams.get(":livestream_id") { _, context in
            let appID = try await services.app(context)
            let paging = try Paging(context.query, cap: services.perPageCap)
            let stream = try await state.withApp(appID) { try $0.livestream(context.parameter("livestream_id").lowercased()) }
            let runs = paging.page(stream.sessions.reversed())
            var members: [(String, JSONValue)] = [("livestream", stream.json(.single))]
            if let latest = runs.items.first { members.append(("session", latest.json(now: context.now))) }
            members.append(("paging", runs.paging))
            return .data(.object(members))
        }
        livestreams.get(":livestream_id/active-livestream-session") { _, context in
            let appID = try await services.app(context)
            let stream = try await state.withApp(appID) { try $0.livestream(context.parameter("livestream_id").lowercased()) }
            guard let run = stream.activeSession else { throw APIError.notFound("livestream \(stream.id) is not live") }
            return .data(.object([("livestream", stream.json(.single)), ("session", run.json(now: context.now, countsAsText: true))]))
        }
        meeting.post("livestreams") { _, context in
            let appID = try await services.app(context)
            let meetingID = try await services.meeting(context, appID: appID)
            let body = try BodyValidator.parseObject(context.body)
            let name = try BodyValidator.nullableString(body.value("name"), "name") ?? nil
            if let video = try BodyValidator.object(body.value("video_config"), "video_config") {
                _ = try BodyValidator.integer(video["width"], "video_config.width")
                _ = try BodyValidator.integer(video["height"], "video_config.height")
            }
            let title = await services.recordings.meetingTitle(appID: appID, meetingID: meetingID) ?? ""
            let now = context.now
            let stream = try await state.withApp(appID) { data in
                if let live = data.livestreams.first(where: { $0.meetingID == meetingID && $0.status == "LIVE" }) {
                    throw APIError.conflict("meeting \(meetingID) is already livestreaming (livestream \(live.id))")
                }
                let id = randomUUID()
                let sessionID = data.sessions.last(where: { $0.meetingID == meetingID && $0.isLive })?.id
                let run = LivestreamSession(id: randomUUID(), livestreamID: id, sessionID: sessionID, startedAt: now,
                                            stoppedAt: nil, viewerSeconds: 0)
                let stream = LivestreamRecord(id: id, name: name ?? title, meetingID: meetingID, status: "LIVE",
                                              streamKey: randomUUID(), createdAt: now, updatedAt: now, sessions: [run])
                data.livestreams.append(stream)
                return stream
            }
            return .data(.object([
                ("id", .string(stream.id)), ("status", .string(stream.status)), ("ingest_server", .string(stream.ingestServer)),
                ("stream_key", .string(stream.streamKey)), ("playback_url", .string(stream.playbackURL)),
            ]), status: 201)
        }
        meeting.get("active-livestream") { _, context in
            let appID = try await services.app(context)
            let meetingID = try await services.meeting(context, appID: appID)
            let stream = try await state.withApp(appID) { try $0.liveLivestream(meetingID) }
            return .data(stream.json(.single))
        }
        meeting.post("active-livestream/stop") { _, context in
            let appID = try await services.app(context)
            let meetingID = try await services.meeting(context, appID: appID)
            let now = context.now
            try await state.withApp(appID) { data in
                let stream = try data.liveLivestream(meetingID)
                guard let index = data.livestreams.firstIndex(where: { $0.id == stream.id }) else { return }
                data.livestreams[index].status = "IDLE"
                data.livestreams[index].updatedAt = now
                for run in data.livestreams[index].sessions.indices where data.livestreams[index].sessions[run].stoppedAt == nil {
                    data.livestreams[index].sessions[run].stoppedAt = now
                }
            }
            return .data(.object([("message", .string("livestream stopped"))]))
        }
        meeting.get("livestream") { _, context in
            let appID = try await services.app(context)
            let meetingID = try await services.meeting(context, appID: appID)
            let paging = try Paging(context.query, cap: services.perPageCap)
            let streams = try await state.withApp(appID) { data in data.livestreams.filter { $0.meetingID == meetingID } }
            let page = paging.page(streams)
            var members: [(String, JSONValue)] = [("livestreams", .array(page.items.map { $0.json() })), ("paging", page.paging)]
            if let latest = streams.flatMap(\.sessions).max(by: { $0.startedAt < $1.startedAt }) {
                members.append(("sessions", latest.json(now: context.now, countsAsText: true)))
            }
            return .data(.object(members))
        }
        app.get("sessions/:session_id/livestream-sessions") { _, context in
            let appID = try await services.app(context)
            let sessionID = context.parameter("session_id").lowercased()
            let paging = try Paging(context.query, cap: services.perPageCap)
            let now = context.now
            let runs = try await state.withApp(appID) { data in
                _ = try data.session(sessionID)
                return data.livestreams.flatMap(\.sessions).filter { $0.sessionID == sessionID }
            }
            let page = paging.page(runs)
            guard let run = page.items.first else { throw APIError.notFound("session \(sessionID) was not livestreamed") }
            let members = (run.json(now: now).objectMembers ?? []).filter { $0.0 != "started_time" } + [("paging", page.paging)]
            return .data(.object(members))
        }
    }
}
