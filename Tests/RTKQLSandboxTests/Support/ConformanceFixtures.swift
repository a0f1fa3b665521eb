import RTKQLJSON
import Foundation
@testable import RTKQLSandbox

/// IDs of the seeded data to call every operation with, found through the API itself: a live meeting (its
/// live session with people present and a LIVE livestream), an idle meeting, an ended session, a recording
/// being recorded, a preset, a webhook, a MoQ relay.
struct ConformanceFixtures: Sendable {
    var liveMeeting = ""
    var liveSession = ""
    var presentUser = ""
    var presentPeer = ""
    var idleMeeting = ""
    var idleParticipant = ""
    var endedSession = ""
    var recording = ""
    var preset = ""
    var webhook = ""
    var livestream = ""
    var livestreamSession = ""
    var relay = ""

    static func discover(_ client: TestClient) async throws -> ConformanceFixtures {
        var fixtures = ConformanceFixtures()
        let app = "\(client.baseURL)/accounts/\(client.account)/realtime/kit/\(client.app)"
        func get(_ path: String) async throws -> JSONValue { try await client.send("GET", app + path).json["data"] ?? .null }
        let streams = try await get("/livestreams?status=LIVE")["livestreams"]?.arrayValue ?? []
        fixtures.livestream = streams.first?["id"]?.stringValue ?? ""
        fixtures.liveMeeting = streams.first?["meeting_id"]?.stringValue ?? ""
        fixtures.livestreamSession = try await get("/livestreams/\(fixtures.livestream)")["session"]?["id"]?.stringValue ?? ""
        let live = try await get("/sessions?status=LIVE&associated_id=\(fixtures.liveMeeting)")["sessions"]?[0]
        fixtures.liveSession = live?["id"]?.stringValue ?? ""
        let people = try await get("/sessions/\(fixtures.liveSession)/participants")["participants"]?.arrayValue ?? []
        let present = people.first { $0["left_at"] == nil }
        fixtures.presentUser = present?["user_id"]?.stringValue ?? ""
        fixtures.presentPeer = present?["id"]?.stringValue ?? ""
        let liveMeetings = Set((try await get("/sessions?status=LIVE&per_page=100")["sessions"]?.arrayValue ?? [])
            .compactMap { $0["associated_id"]?.stringValue })
        let meetings = try await client.send("GET", app + "/meetings?per_page=100").json["data"]?.arrayValue ?? []
        fixtures.idleMeeting = meetings.compactMap { $0["id"]?.stringValue }.first { !liveMeetings.contains($0) } ?? ""
        fixtures.idleParticipant = try await client.send("GET", app + "/meetings/\(fixtures.idleMeeting)/participants")
            .json["data"]?[0]?["id"]?.stringValue ?? ""
        fixtures.endedSession = try await get("/sessions?status=ENDED&per_page=1")["sessions"]?[0]?["id"]?.stringValue ?? ""
        fixtures.recording = try await client.send("GET", app + "/recordings?status=RECORDING&per_page=1")
            .json["data"]?[0]?["id"]?.stringValue ?? ""
        fixtures.preset = try await client.send("GET", app + "/presets").json["data"]?[0]?["id"]?.stringValue ?? ""
        fixtures.webhook = try await get("/webhooks")[0]?["id"]?.stringValue ?? ""
        fixtures.relay = try await client.send("GET", "\(client.baseURL)/accounts/\(client.account)/moq/relays")
            .json["result"]?[0]?["uid"]?.stringValue ?? ""
        return fixtures
    }

    /// Whether every ID was found (the seeded data has each kind of thing).
    var isComplete: Bool {
        [liveMeeting, liveSession, presentUser, presentPeer, idleMeeting, idleParticipant, endedSession, recording, preset,
         webhook, livestream, livestreamSession, relay].allSatisfy { !$0.isEmpty }
    }

    /// The operation's path with its parameters filled in.
    func path(_ operation: OpenAPIDocument.Operation, account: String, app: String) -> String {
        let sessionScoped = ["GetSessionChat", "GetSessionTranscript", "GetSessionSummary", "post-sessions-session_id-summary"]
        let meeting = ["/active-session", "livestream", "active-recording"].contains { operation.path.contains($0) } ? liveMeeting : idleMeeting
        let values: [String: String] = [
            "account_id": account, "app_id": app, "meeting_id": meeting,
            "session_id": sessionScoped.contains(operation.id) ? endedSession : liveSession,
            "participant_id": operation.path.contains("/sessions/") ? presentPeer : idleParticipant,
            "peer_id": presentPeer, "recording_id": recording, "preset_id": preset, "webhook_id": webhook,
            "livestream_id": livestream, "livestream_session_id": livestreamSession, "relay_id": relay,
        ]
        var path = operation.path
        for (name, value) in values { path = path.replacingOccurrences(of: "{\(name)}", with: value) }
        return path
    }

    /// Values for body properties whose meaning the schema cannot tell (IDs that must exist, names that must
    /// be unique), by property name.
    func override(_ property: String, operation: String) -> JSONValue? {
        switch property {
        case "meeting_id": return .string(idleMeeting)
        case "preset_name": return .string("group_call_participant")
        case "participant_ids": return .array([.string(presentUser)])
        case "custom_participant_ids": return .array([])
        case "custom_participant_id": return .string("conformance@example.com")
        case "name": return .string("conformance " + operation)
        case "options": return .array([.string("yes"), .string("no")])
        case "url": return .string("https://hooks.example.com/conformance")
        case "events": return .array([.string("meeting.started")])
        case "action": return .string("pause")
        default: return nil
        }
    }
}

/// A valid request body made from a request schema: every required property (recursively) and every one the
/// fixtures have a value for, a valid value
/// for each (the first enum value, the minimum, a uuid, a date-time, a uri), with the fixtures' overrides.
struct BodyMaker {
    let document: OpenAPIDocument
    let fixtures: ConformanceFixtures
    let operation: String

    func make(_ schema: [String: Any], property: String? = nil) -> JSONValue {
        if let property, let value = fixtures.override(property, operation: operation) { return value }
        guard let schema = document.resolve(schema) else { return .null }
        if let all = schema["allOf"] as? [Any] {
            return all.compactMap { document.resolve($0) }.map { make($0) }.reduce(JSONValue.object([])) { $0.merging($1) }
        }
        for key in ["oneOf", "anyOf"] {
            if let first = (schema[key] as? [Any])?.first, let option = document.resolve(first) { return make(option, property: property) }
        }
        if let allowed = schema["enum"] as? [Any], let first = allowed.first {
            if let flag = first as? Bool { return .bool(flag) }
            return .string("\(first)")
        }
        switch schema["type"] as? String {
        case "string":
            switch schema["format"] as? String {
            case "uuid": return .string("00000000-0000-4000-8000-000000000000")
            case "date-time": return .string("2026-06-01T00:00:00.000Z")
            case "uri": return .string("https://example.com/conformance")
            default: return .string((schema["default"] as? String) ?? "conformance")
            }
        case "number", "integer":
            let minimum = schema["minimum"] as? Int ?? (schema["maximum"] as? Int).map { min($0, 1) } ?? 1
            return .int(Int64(minimum))
        case "boolean":
            return .bool(schema["default"] as? Bool ?? false)
        case "array":
            return .array(document.resolve(schema["items"]).map { [make($0)] } ?? [])
        default:
            let properties = OpenAPIDocument.object(schema["properties"]) ?? [:]
            let required = schema["required"] as? [String] ?? []
            let keys = Set(required).union(properties.keys.filter { fixtures.override($0, operation: operation) != nil })
            return .object(keys.sorted().compactMap { key in
                document.resolve(properties[key]).map { (key, make($0, property: key)) }
            })
        }
    }
}
