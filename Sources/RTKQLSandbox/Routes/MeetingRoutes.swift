/// `/meetings`: list (paged, `search`, `start_time`/`end_time` on `created_at`), create, get, update (PATCH),
/// replace (PUT).
enum MeetingRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        let meetings = app.group("meetings")
        let store = services.recordings
        meetings.get { _, context in
            let appID = try await services.app(context)
            let paging = try Paging(context.query, cap: services.perPageCap)
            let search = context.query.last("search")?.lowercased() ?? ""
            let from = try TimeFilter.parse(context.query, "start_time")
            let to = try TimeFilter.parse(context.query, "end_time")
            let rows = try await store.meetings(appID: appID).filter { meeting in
                (search.isEmpty || meeting.title.lowercased().contains(search) || meeting.id.contains(search))
                    && from.map { meeting.createdAt >= $0 } ?? true && to.map { meeting.createdAt <= $0 } ?? true
            }
            let page = paging.page(rows)
            return .list(page.items.map { $0.apiJSON(full: false) }, paging: page.paging)
        }
        meetings.post { _, context in
            let appID = try await services.app(context)
            var meeting = MeetingRow(
                id: randomUUID(), appID: appID, title: "", status: "ACTIVE", createdAt: context.now, updatedAt: context.now,
                recordOnStart: false, liveStreamOnStart: false, persistChat: false, summarizeOnEnd: false,
                transcribeOnEnd: false, sessionKeepAliveTimeInSecs: 60, recordingConfig: MeetingRoutes.defaultRecordingConfig)
            try MeetingBody.apply(context.body, to: &meeting, verb: .create)
            try await services.state.prepare(appID)
            try await store.save(meeting)
            try await services.state.meetingCreated(appID: appID, meetingID: meeting.id)
            return .data(meeting.apiJSON(full: true), status: 201)
        }
        meetings.get(":meeting_id") { _, context in
            let appID = try await services.app(context)
            return .data(try await store.meeting(appID: appID, id: context.parameter("meeting_id")).apiJSON(full: true))
        }
        meetings.patch(":meeting_id") { _, context in
            let appID = try await services.app(context)
            var meeting = try await store.meeting(appID: appID, id: context.parameter("meeting_id"))
            try MeetingBody.apply(context.body, to: &meeting, verb: .update)
            meeting.updatedAt = context.now
            try await store.save(meeting)
            return .data(meeting.apiJSON(full: true))
        }
        meetings.put(":meeting_id") { _, context in
            let appID = try await services.app(context)
            let current = try await store.meeting(appID: appID, id: context.parameter("meeting_id"))
            var meeting = MeetingRow(
                id: current.id, appID: appID, title: "", status: current.status, createdAt: current.createdAt,
                updatedAt: context.now, recordOnStart: false, liveStreamOnStart: false, persistChat: false,
                summarizeOnEnd: false, transcribeOnEnd: false, sessionKeepAliveTimeInSecs: 60,
                recordingConfig: MeetingRoutes.defaultRecordingConfig)
            try MeetingBody.apply(context.body, to: &meeting, verb: .replace)
            try await store.save(meeting)
            return .data(meeting.apiJSON(full: true))
        }
    }

    /// A new meeting's `recording_config` when the body gives none.
    static let defaultRecordingConfig = """
    {"audio_config":{"channel":"stereo","codec":"AAC","export_file":true},\
    "video_config":{"codec":"H264","width":1280,"height":720,"export_file":true},"storage_config":null,\
    "realtimekit_bucket_config":{"enabled":true},"max_seconds":86400}
    """
}
