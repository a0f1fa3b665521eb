import RTKQLJSON
/// A livestream (`/livestreams`): of a meeting, or independent (no meeting).
struct LivestreamRecord: Sendable {
    var id: String
    var name: String
    var meetingID: String?
    /// `LIVE`, `IDLE`, `ERRORED` or `INVOKED`.
    var status: String
    var streamKey: String
    var createdAt: Millis
    var updatedAt: Millis
    var sessions: [LivestreamSession]

    var ingestServer: String { "rtmps://live.sandbox.invalid:443/live" }
    var playbackURL: String { "https://live.sandbox.invalid/\(id)/index.m3u8" }

    /// The livestream object. The schemas disagree on `disabled` (a boolean in lists and creates, a string in
    /// the single-livestream answers) and on whether `meeting_id` may be null; `schema` says which one to follow.
    func json(_ schema: Shape = .list) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(id)), ("name", .string(name))]
        if let meetingID { members.append(("meeting_id", .string(meetingID))) }
        else if schema == .created { members.append(("meeting_id", .null)) }
        members += [
            ("status", .string(status)), ("ingest_server", .string(ingestServer)), ("stream_key", .string(streamKey)),
            ("playback_url", .string(playbackURL)),
            ("disabled", schema == .single ? .string("false") : .bool(false)),
            ("created_at", .time(createdAt)), ("updated_at", .time(updatedAt)),
        ]
        return .object(members)
    }

    /// Which answer a livestream is rendered for.
    enum Shape: Sendable {
        case list, created, single
    }

    /// The session being streamed now, if any.
    var activeSession: LivestreamSession? { status == "LIVE" ? sessions.last(where: { $0.stoppedAt == nil }) : nil }
}

/// One run of a livestream, from start to stop.
struct LivestreamSession: Sendable {
    var id: String
    var livestreamID: String
    /// The meeting session streamed, when the livestream belongs to a meeting.
    var sessionID: String?
    var startedAt: Millis
    var stoppedAt: Millis?
    var viewerSeconds: Int64

    func ingestSeconds(now: Millis) -> Int64 { ((stoppedAt ?? now) - startedAt) / 1000 }

    /// The session object; `countsAsText` renders the two counters as strings, as the active-session and
    /// per-meeting answers declare them.
    func json(now: Millis, countsAsText: Bool = false) -> JSONValue {
        func count(_ value: Int64) -> JSONValue { countsAsText ? .string(String(value)) : .int(value) }
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("livestream_id", .string(livestreamID)),
            ("ingest_seconds", count(ingestSeconds(now: now))), ("viewer_seconds", count(viewerSeconds)),
            ("invoked_time", .time(startedAt)), ("started_time", .time(startedAt)),
        ]
        if let stoppedAt { members.append(("stopped_time", .time(stoppedAt))) }
        members += [("created_at", .time(startedAt)), ("updated_at", .time(stoppedAt ?? startedAt))]
        return .object(members)
    }
}
