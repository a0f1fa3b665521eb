import RTKQLJSON
/// A participant added to a meeting (`/meetings/{id}/participants`).
struct ParticipantRecord: Sendable {
    var id: String
    var meetingID: String
    var customParticipantID: String
    var name: String?
    var picture: String?
    var presetName: String
    var createdAt: Millis
    var updatedAt: Millis
    var token: String

    /// The participant object; with `token` as the create, edit and token answers carry it.
    func json(token withToken: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("custom_participant_id", .string(customParticipantID)), ("name", .text(name)),
            ("picture", .text(picture)), ("preset_name", .string(presetName)),
            ("created_at", .time(createdAt)), ("updated_at", .time(updatedAt)),
        ]
        if withToken { members.append(("token", .string(token))) }
        return .object(members)
    }

    /// A participant's auth token: opaque, three dot-separated base64url parts, like a JWT.
    static func token(participantID: String, issuedAt: Millis) -> String {
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + Base64URL.encode("{\"sub\":\"\(participantID)\",\"iat\":\(issuedAt / 1000)}")
            + ".c2FuZGJveA"
    }
}
