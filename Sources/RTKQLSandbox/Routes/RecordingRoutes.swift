/// `/recordings`: list, start, get, pause/resume/stop, the active recording of a meeting, track recordings.
enum RecordingRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        let recordings = app.group("recordings")
        let store = services.recordings
        recordings.get { _, context in
            let appID = try await services.app(context)
            let list = try ListRoute.parse(context.query, perPageCap: services.perPageCap)
            return Reply(status: 200, body: Envelope.list(try await store.list(appID: appID, query: list, now: context.now)))
        }
        recordings.post { _, context in
            let appID = try await services.app(context)
            var request = try StartRoute.parse(context.body)
            request.sessionID = try await services.state.liveSessionID(appID: appID, meetingID: request.meetingID)
            return .data(try await store.start(appID: appID, request: request, now: context.now))
        }
        recordings.post("track") { _, context in
            let appID = try await services.app(context)
            var request = try TrackRoute.parse(context.body)
            request.sessionID = try await services.state.liveSessionID(appID: appID, meetingID: request.meetingID)
            let recording = try await store.start(appID: appID, request: request, now: context.now)
            return .data("{\"recording\":" + recording + "}")
        }
        recordings.get("active-recording/:meeting_id") { _, context in
            let appID = try await services.app(context)
            return .data(try await store.activeRecording(appID: appID, meetingID: context.parameter("meeting_id"), now: context.now))
        }
        recordings.get(":recording_id") { _, context in
            let appID = try await services.app(context)
            return .data(try await store.recording(appID: appID, id: context.parameter("recording_id"), now: context.now))
        }
        recordings.put(":recording_id") { _, context in
            let appID = try await services.app(context)
            let action = try ActionRoute.parse(context.body)
            return .data(try await store.apply(action, appID: appID, id: context.parameter("recording_id"), now: context.now))
        }
    }
}
