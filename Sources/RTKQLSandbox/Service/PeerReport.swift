import RTKQLJSON
/// What the sandbox reports about one participant's stay: a plausible, fixed device and network.
enum PeerReport {
    /// `/sessions/{id}/participants/{id}`: the participant with `peer_stats` and `quality_stats`.
    static func details(_ participant: SessionParticipant, now: Millis) -> JSONValue {
        var members = participant.json(now: now).objectMembers ?? []
        members.append(("peer_stats", .object([
            ("status", .string(participant.leftAt == nil ? "CONNECTED" : "DISCONNECTED")),
            ("device_info", device), ("ip_information", .object([("city", .string("Lisbon")), ("country", .string("PT"))])),
            ("events", .array([.object([("type", .string("joined")), ("timestamp", .time(participant.joinedAt))])])),
        ])))
        members.append(("quality_stats", .array([.object([
            ("peer_id", .string(participant.id)), ("average_quality", .int(4)), ("audio_bandwidth", .int(48)),
            ("video_bandwidth", .int(1200)), ("start", .time(participant.joinedAt)), ("end", .time(participant.leftAt ?? now)),
        ])])))
        return .object(members)
    }

    /// `/sessions/peer-report/{peer_id}`: the participant with `peer_report` and `quality_stats`.
    static func participant(_ participant: SessionParticipant, now: Millis) -> JSONValue {
        var members = participant.json(now: now).objectMembers ?? []
        members.removeAll { $0.0 == "preset_name" || $0.0 == "muted" }
        members.append(("role", .string(participant.presetName)))
        members.append(("peer_report", .object([("metadata", .object([
            ("sdk_name", .string("web-core")), ("sdk_version", .string("1.0.0")),
            ("device_info", .object([("os", .string("macOS")), ("os_version", .string("14.5")), ("cpus", .int(8)), ("is_mobile", .bool(false))])),
            ("events", .array([.object([("name", .string("joined")), ("timestamp", .time(participant.joinedAt))])])),
        ]))])))
        members.append(("quality_stats", .object([
            ("average_quality", .int(4)), ("audio_bandwidth", .int(48)), ("video_bandwidth", .int(1200)),
            ("peer_ids", .array([.string(participant.id)])), ("start", .time(participant.joinedAt)), ("end", .time(participant.leftAt)),
        ])))
        return .object(members)
    }

    private static let device: JSONValue = .object([
        ("browser", .string("Chrome")), ("browser_version", .string("126.0")), ("os", .string("macOS")),
        ("os_version", .string("14.5")), ("cpus", .int(8)), ("is_mobile", .bool(false)),
        ("sdk_name", .string("web-core")), ("sdk_version", .string("1.0.0")),
    ])
}
