import RTKQLJSON
/// A webhook (`/webhooks`).
struct WebhookRecord: Sendable {
    var id: String
    var name: String
    var url: String
    var events: [String]
    var enabled: Bool
    var createdAt: Millis
    var updatedAt: Millis

    static let eventNames = [
        "meeting.started", "meeting.ended", "meeting.participantJoined", "meeting.participantLeft", "meeting.chatSynced",
        "recording.statusUpdate", "livestreaming.statusUpdate", "meeting.transcript", "meeting.summary",
    ]

    var json: JSONValue {
        .object([
            ("id", .string(id)), ("name", .string(name)), ("url", .string(url)), ("events", .array(events.map(JSONValue.string))),
            ("enabled", .bool(enabled)), ("created_at", .time(createdAt)), ("updated_at", .time(updatedAt)),
        ])
    }
}
