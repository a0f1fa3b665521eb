/// The deterministic rest of an app's service around its meetings and recordings: presets, meeting
/// participants, one session per recording's `session_id` (LIVE while the recording is active, with its
/// participants present), webhooks and livestreams. Drawn from its own SplitMix64 stream, so the meetings and
/// recordings `DemoData` makes are the same with or without it.
struct ServiceData {
    var presets: [PresetRecord] = []
    var participants: [String: [ParticipantRecord]] = [:]
    var sessions: [SessionRecord] = []
    var webhooks: [WebhookRecord] = []
    var livestreams: [LivestreamRecord] = []

    static let presetNames = ["group_call_host", "group_call_participant", "webinar_presenter", "webinar_viewer"]
    static let people = [
        "Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Linus Torvalds", "Margaret Hamilton",
        "Dennis Ritchie", "Barbara Liskov", "Ken Thompson", "Frances Allen", "John McCarthy", "Radia Perlman",
    ]

    init(appID: String, seed: UInt64, meetings: [MeetingRow], recordings: [RecordingRow]) {
        var rng = SplitMix64(seed: seed ^ DemoData.fnv1a("service/" + appID))
        let created = Timestamp.days(fromCivil: 2025, 11, 15) * DemoData.day
        for (index, name) in ServiceData.presetNames.enumerated() {
            let at = created + Millis(index) * 3_600_000
            presets.append(PresetRecord(id: rng.uuid(), name: name, createdAt: at, updatedAt: at,
                                        document: PresetTemplate.document(viewType: index < 2 ? "GROUP_CALL" : "WEBINAR",
                                                                          host: index % 2 == 0)))
        }
        for meeting in meetings {
            var list: [ParticipantRecord] = []
            for index in 0..<rng.int(in: 2...6) {
                let person = rng.pick(ServiceData.people)
                let id = rng.uuid()
                let at = meeting.createdAt + Millis(index + 1) * 60_000
                list.append(ParticipantRecord(
                    id: id, meetingID: meeting.id, customParticipantID: ServiceData.email(person),
                    name: person, picture: rng.chance(0.5) ? "https://avatars.sandbox.invalid/\(DemoData.slug(person)).png" : nil,
                    presetName: index == 0 ? "group_call_host" : "group_call_participant", createdAt: at, updatedAt: at,
                    token: ParticipantRecord.token(participantID: id, issuedAt: at)))
            }
            participants[meeting.id] = list
        }
        let titles = Dictionary(meetings.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        for recording in recordings {
            guard let title = titles[recording.meetingID] else { continue }
            let live = RecordingStatus.active.map(\.rawValue).contains(recording.status)
            let end: Millis? = live ? nil : (recording.stoppedTime ?? recording.startedTime) + Millis(rng.int(in: 5...120)) * 1000
            var present: [SessionParticipant] = []
            for participant in participants[recording.meetingID] ?? [] where present.isEmpty || rng.chance(0.7) {
                let joined = recording.invokedTime - Millis(rng.int(in: 0...300)) * 1000
                var left: Millis? = end.map { $0 - Millis(rng.int(in: 0...60)) * 1000 }
                if live, rng.chance(0.1) { left = recording.invokedTime + Millis(rng.int(in: 60...600)) * 1000 }
                present.append(SessionParticipant(
                    id: rng.uuid(), userID: participant.id, customParticipantID: participant.customParticipantID,
                    displayName: participant.name ?? participant.customParticipantID,
                    email: participant.customParticipantID, presetName: participant.presetName,
                    joinedAt: joined, leftAt: left.map { max($0, joined) }))
            }
            let started = present.map(\.joinedAt).min() ?? recording.invokedTime
            sessions.append(SessionRecord(
                id: recording.sessionID, meetingID: recording.meetingID, meetingTitle: title, organizationID: appID,
                createdAt: started, startedAt: started, endedAt: end, participants: present,
                summaryGenerated: !live && rng.chance(0.5)))
        }
        let hookAt = created + 86_400_000
        webhooks = [
            WebhookRecord(id: rng.uuid(), name: "Recordings to archive", url: "https://hooks.sandbox.invalid/recordings",
                          events: ["recording.statusUpdate"], enabled: true, createdAt: hookAt, updatedAt: hookAt),
            WebhookRecord(id: rng.uuid(), name: "Meeting lifecycle", url: "https://hooks.sandbox.invalid/meetings",
                          events: ["meeting.started", "meeting.ended", "meeting.participantJoined", "meeting.participantLeft"],
                          enabled: rng.chance(0.5), createdAt: hookAt + 60_000, updatedAt: hookAt + 60_000),
        ]
        livestreams = ServiceData.livestreams(sessions: sessions, rng: &rng, created: created)
    }

    /// A livestream of the first live session's meeting (LIVE), one of an ended session (IDLE, one past
    /// run), and an independent one that never streamed.
    private static func livestreams(sessions: [SessionRecord], rng: inout SplitMix64, created: Millis) -> [LivestreamRecord] {
        var streams: [LivestreamRecord] = []
        if let live = sessions.first(where: \.isLive) {
            let id = rng.uuid()
            let run = LivestreamSession(id: rng.uuid(), livestreamID: id, sessionID: live.id, startedAt: live.startedAt + 30_000,
                                        stoppedAt: nil, viewerSeconds: Int64(rng.int(in: 100...50_000)))
            streams.append(LivestreamRecord(id: id, name: live.meetingTitle + " (live)", meetingID: live.meetingID,
                                            status: "LIVE", streamKey: rng.uuid(), createdAt: run.startedAt,
                                            updatedAt: run.startedAt, sessions: [run]))
        }
        if let ended = sessions.last(where: { !$0.isLive }), let end = ended.endedAt {
            let id = rng.uuid()
            let run = LivestreamSession(id: rng.uuid(), livestreamID: id, sessionID: ended.id, startedAt: ended.startedAt,
                                        stoppedAt: end, viewerSeconds: Int64(rng.int(in: 100...50_000)))
            streams.append(LivestreamRecord(id: id, name: ended.meetingTitle, meetingID: ended.meetingID, status: "IDLE",
                                            streamKey: rng.uuid(), createdAt: ended.startedAt, updatedAt: end, sessions: [run]))
        }
        streams.append(LivestreamRecord(id: rng.uuid(), name: "Company radio", meetingID: nil, status: "IDLE",
                                        streamKey: rng.uuid(), createdAt: created, updatedAt: created, sessions: []))
        return streams
    }

    /// `Ada Lovelace` → `ada.lovelace@example.com`.
    static func email(_ person: String) -> String {
        String(DemoData.slug(person).map { $0 == "-" ? "." : $0 }) + "@example.com"
    }
}
