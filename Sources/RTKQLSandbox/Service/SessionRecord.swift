import RTKQLJSON
/// A session of a meeting (`/sessions`): one per recording's `session_id`, plus the live ones.
struct SessionRecord: Sendable {
    var id: String
    var meetingID: String
    var meetingTitle: String
    var organizationID: String
    var createdAt: Millis
    var startedAt: Millis
    /// Nil while the session is LIVE.
    var endedAt: Millis?
    var participants: [SessionParticipant]
    var polls: [JSONValue] = []
    /// Set once a summary was asked for (`POST /sessions/{id}/summary`) or generated at the end.
    var summaryGenerated: Bool

    var isLive: Bool { endedAt == nil }

    /// Participants present now (joined, not left).
    var present: [SessionParticipant] { participants.filter { $0.leftAt == nil } }

    /// The most participants present at once.
    var maxConcurrent: Int {
        var events: [(Millis, Int)] = []
        for participant in participants {
            events.append((participant.joinedAt, 1))
            if let left = participant.leftAt { events.append((left, -1)) }
        }
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var current = 0
        var peak = 0
        for (_, delta) in events {
            current += delta
            peak = max(peak, current)
        }
        return peak
    }

    /// Participant-minutes consumed up to `now`.
    func minutesConsumed(now: Millis) -> Double {
        let millis = participants.reduce(Int64(0)) { $0 + (($1.leftAt ?? now) - $1.joinedAt) }
        return (Double(millis) / 60_000 * 100).rounded() / 100
    }

    func json(now: Millis) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("associated_id", .string(meetingID)), ("type", .string("meeting")),
            ("status", .string(isLive ? "LIVE" : "ENDED")), ("meeting_display_name", .string(meetingTitle)),
            ("organization_id", .string(organizationID)), ("live_participants", .int(present.count)),
            ("max_concurrent_participants", .int(maxConcurrent)),
            ("minutes_consumed", .double(minutesConsumed(now: now))),
            ("created_at", .time(createdAt)), ("updated_at", .time(endedAt ?? startedAt)),
            ("started_at", .time(startedAt)),
        ]
        if let endedAt { members.append(("ended_at", .time(endedAt))) }
        members.append(("breakout_rooms", .array([])))
        members.append(("meta", .object([])))
        return .object(members)
    }
}

/// One participant's stay in a session.
struct SessionParticipant: Sendable {
    /// The peer ID of this stay (also what `/sessions/peer-report/{peer_id}` takes).
    var id: String
    /// The meeting participant's ID.
    var userID: String
    var customParticipantID: String
    var displayName: String
    var email: String
    var presetName: String
    var joinedAt: Millis
    var leftAt: Millis?
    var muted = false

    func duration(now: Millis) -> Double {
        (Double((leftAt ?? now) - joinedAt) / 60_000 * 100).rounded() / 100
    }

    func json(now: Millis) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("user_id", .string(userID)), ("custom_participant_id", .string(customParticipantID)),
            ("display_name", .string(displayName)), ("preset_name", .string(presetName)),
            ("joined_at", .time(joinedAt)),
        ]
        if let leftAt { members.append(("left_at", .time(leftAt))) }
        members.append(("duration", .double(duration(now: now))))
        members.append(("created_at", .time(joinedAt)))
        members.append(("updated_at", .time(leftAt ?? joinedAt)))
        members.append(("muted", .bool(muted)))
        return .object(members)
    }

    /// The participant as the kick and mute answers list it.
    var actionJSON: JSONValue {
        .object([
            ("id", .string(userID)), ("name", .string(displayName)), ("email", .string(email)),
            ("created_at", .time(joinedAt)), ("updated_at", .time(leftAt ?? joinedAt)),
        ])
    }
}
