import RTKQLJSON
/// Deterministic demo meetings and recordings: the same seed, app ID and counts give the same rows, byte for byte.
///
/// Invoked times are spread over 2026-01-01...2026-10-31 UTC at whole seconds; nothing depends on the clock.
struct DemoData {
    static let rangeStart: Millis = Timestamp.days(fromCivil: 2026, 1, 1) * Timestamp.millisPerDay
    static let rangeEnd: Millis = Timestamp.days(fromCivil: 2026, 11, 1) * Timestamp.millisPerDay - 1000
    static let day: Millis = Timestamp.millisPerDay

    static let titles = [
        "Weekly standup", "Customer call: Acme", "Design review", "Sprint planning", "All hands",
        "Customer call: Globex", "1:1 Alice / Bob", "Product demo", "Retrospective", "Interview: backend engineer",
        "Customer call: Initech", "Board prep", "Support escalation", "Onboarding: new hires", "Architecture sync",
        "Customer call: Umbrella", "Marketing review", "Incident postmortem", "Town hall Q&A", "Office hours",
    ]

    var meetings: [MeetingRow] = []
    var recordings: [RecordingRow] = []

    /// Generates one app's data.
    init(appID: String, seed: UInt64, meetingCount: Int, recordingCount: Int) {
        var rng = SplitMix64(seed: seed ^ DemoData.fnv1a(appID))
        let meetingCount = max(meetingCount, recordingCount > 0 ? 1 : 0)
        for index in 0..<meetingCount {
            meetings.append(DemoData.meeting(index: index, appID: appID, rng: &rng))
        }
        var hasActive = Set<String>()
        let activeCap = meetings.count / 2
        for _ in 0..<recordingCount {
            let meeting = meetings[rng.int(in: 0...(meetings.count - 1))]
            recordings.append(DemoData.recording(appID: appID, meeting: meeting, hasActive: &hasActive,
                                                 activeCap: activeCap, rng: &rng))
        }
    }

    private static func meeting(index: Int, appID: String, rng: inout SplitMix64) -> MeetingRow {
        let round = index / titles.count
        let title = titles[index % titles.count] + (round > 0 ? " #\(round + 1)" : "")
        let created = Timestamp.days(fromCivil: 2025, 12, 1) * day + Millis(rng.int(in: 0...(25 * 86_400))) * 1000
        let updated = created + Millis(rng.int(in: 0...(30 * 86_400))) * 1000
        let prefix: JSONValue = rng.chance(0.5) ? .string(slug(title)) : .null
        let maxSeconds = rng.pick([3600, 7200, 14_400, 86_400])
        let recordingConfig: JSONValue = .object([
            ("audio_config", .object([("channel", .string("stereo")), ("codec", .string("AAC")), ("export_file", .bool(true))])),
            ("video_config", .object([
                ("codec", .string("H264")), ("width", .int(1280)), ("height", .int(720)), ("export_file", .bool(true)),
            ])),
            ("storage_config", .null),
            ("realtimekit_bucket_config", .object([("enabled", .bool(true))])),
            ("live_streaming_config", .object([("rtmp_url", .null)])),
            ("file_name_prefix", prefix),
            ("max_seconds", .int(Int64(maxSeconds))),
        ])
        return MeetingRow(
            id: rng.uuid(), appID: appID, title: title, status: rng.chance(0.7) ? "ACTIVE" : "INACTIVE",
            createdAt: created, updatedAt: updated, recordOnStart: rng.chance(0.2), liveStreamOnStart: rng.chance(0.05),
            persistChat: rng.chance(0.5), summarizeOnEnd: rng.chance(0.3), transcribeOnEnd: rng.chance(0.3),
            sessionKeepAliveTimeInSecs: Int64(rng.pick([60, 120, 300, 600])),
            recordingConfig: recordingConfig.serialized)
    }

    private static func recording(appID: String, meeting: MeetingRow, hasActive: inout Set<String>,
                                  activeCap: Int, rng: inout SplitMix64) -> RecordingRow {
        let id = rng.uuid()
        let sessionID = rng.uuid()
        let roll = rng.unit()
        var status: RecordingStatus
        switch roll {
        case ..<0.84: status = .uploaded
        case ..<0.94: status = .errored
        case ..<0.96: status = .uploading
        case ..<0.98: status = .recording
        case ..<0.99: status = .paused
        default: status = .invoked
        }
        if RecordingStatus.active.contains(status) {
            // At most one active recording per meeting, and at least half the meetings left idle.
            if hasActive.contains(meeting.id) || hasActive.count >= activeCap {
                status = .uploaded
            } else {
                // Rotate so every app with a few active recordings has each active status.
                status = [RecordingStatus.recording, .paused, .invoked][hasActive.count % 3]
                hasActive.insert(meeting.id)
            }
        }
        let recent = status != .uploaded && status != .errored
        let invoked: Millis = recent
            ? rangeEnd - Millis(rng.int(in: 0...(3 * 86_400))) * 1000
            : rangeStart + Millis(rng.int(in: 0...Int((rangeEnd - rangeStart) / 1000))) * 1000
        let started = status == .invoked ? invoked : invoked + Millis(rng.int(in: 2...15)) * 1000
        let fileName = "\(slug(meeting.title))_\(Timestamp.format(invoked).prefix(10))_\(id.prefix(8)).mp4"
        let callerReason = meeting.recordOnStart && rng.chance(0.5) ? "RECORD_ON_START" : "API_CALL"
        var row = RecordingRow(
            id: id, appID: appID, meetingID: meeting.id, sessionID: sessionID, kind: "composite",
            outputFileName: fileName, invokedTime: invoked, startedTime: started, status: status.rawValue,
            startReason: RecordingJSON.reason(callerReason, callerID: appID))
        if rng.chance(0.2) {
            row.storageConfig = rng.chance(0.6)
                ? JSONValue.object([
                    ("type", .string("aws")), ("bucket", .string("acme-recordings")), ("region", .string("us-east-1")),
                    ("path", .string("rtk/\(slug(meeting.title))")),
                ]).serialized
                : JSONValue.object([
                    ("type", .string("gcs")), ("bucket", .string("rtk-archive")), ("path", .string("recordings")),
                ]).serialized
        }
        switch status {
        case .uploaded, .uploading:
            let duration = Int64(rng.int(in: 60...7200))
            let paused = rng.chance(0.15) ? Int64(rng.int(in: 10...600)) : 0
            row.recordingDuration = duration
            row.pausedTotalMs = paused * 1000
            row.stoppedTime = started + (duration + paused) * 1000
            row.fileSize = duration * Int64(rng.int(in: 80_000...400_000))
            row.stopReason = rng.chance(0.6)
                ? RecordingJSON.reason("API_CALL", callerID: appID) : RecordingJSON.reason("ALL_PEERS_LEFT", callerID: nil)
            if status == .uploaded, let stopped = row.stoppedTime {
                row.downloadURL = RecordingJSON.downloadURL(appID: appID, recordingID: id, file: fileName)
                // Short links (7 days) are long expired; long ones (10 years) are not: a stable mix.
                row.downloadURLExpiry = stopped + (rng.chance(0.3) ? 7 : 3650) * day
                if rng.chance(0.25) {
                    row.audioDownloadURL = RecordingJSON.downloadURL(
                        appID: appID, recordingID: id, file: fileName.replacingSuffix(".mp4", with: ".mp3"))
                    row.audioRequested = true
                }
            }
        case .errored:
            let duration = Int64(rng.int(in: 0...600))
            row.recordingDuration = duration
            row.stoppedTime = started + duration * 1000
            row.stopReason = RecordingJSON.reason("INTERNAL_ERROR", callerID: nil)
        case .paused:
            row.pausedAt = started + Millis(rng.int(in: 60...3600)) * 1000
        case .recording, .invoked:
            break
        }
        return row
    }

    /// `Customer call: Acme` → `customer-call-acme`.
    static func slug(_ title: String) -> String {
        var out = ""
        var dash = false
        for char in title.lowercased() {
            if char.isASCII && (char.isLetter || char.isNumber) {
                if dash && !out.isEmpty { out.append("-") }
                out.append(char)
                dash = false
            } else {
                dash = true
            }
        }
        return out
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

extension String {
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self + replacement
    }
}
