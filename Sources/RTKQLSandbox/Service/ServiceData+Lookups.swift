/// Finding (404 otherwise) and changing the things of one app's service data.
extension ServiceData {
    /// A meeting's participant, or 404.
    func participant(_ meetingID: String, _ participantID: String) throws -> ParticipantRecord {
        guard let found = participants[meetingID]?.first(where: { $0.id == participantID }) else {
            throw APIError.notFound("participant \(participantID) not found")
        }
        return found
    }

    /// Stores a changed participant in place.
    mutating func replace(_ participant: ParticipantRecord) throws {
        guard let index = participants[participant.meetingID]?.firstIndex(where: { $0.id == participant.id }) else {
            throw APIError.notFound("participant \(participant.id) not found")
        }
        participants[participant.meetingID]?[index] = participant
    }

    /// The meeting's LIVE session, or 404.
    func liveSession(_ meetingID: String) throws -> SessionRecord {
        guard let session = sessions.last(where: { $0.meetingID == meetingID && $0.isLive }) else {
            throw APIError.notFound("meeting \(meetingID) has no active session")
        }
        return session
    }

    /// Applies `change` to the participants present in the meeting's LIVE session that `matching` selects,
    /// and returns them as changed.
    mutating func updatePresent(_ meetingID: String, matching: (SessionParticipant) -> Bool,
                                _ change: (inout SessionParticipant) -> Void) throws -> [SessionParticipant] {
        let session = try liveSession(meetingID)
        guard let index = sessions.firstIndex(where: { $0.id == session.id }) else { return [] }
        var changed: [SessionParticipant] = []
        for position in sessions[index].participants.indices {
            let participant = sessions[index].participants[position]
            guard participant.leftAt == nil, matching(participant) else { continue }
            change(&sessions[index].participants[position])
            changed.append(sessions[index].participants[position])
        }
        return changed
    }

    /// A session, or 404.
    func session(_ sessionID: String) throws -> SessionRecord {
        guard let found = sessions.first(where: { $0.id == sessionID }) else { throw APIError.notFound("session \(sessionID) not found") }
        return found
    }

    /// A preset, or 404.
    func preset(_ presetID: String) throws -> PresetRecord {
        guard let found = presets.first(where: { $0.id == presetID }) else { throw APIError.notFound("preset \(presetID) not found") }
        return found
    }

    /// A webhook, or 404.
    func webhook(_ hookID: String) throws -> WebhookRecord {
        guard let found = webhooks.first(where: { $0.id == hookID }) else { throw APIError.notFound("webhook \(hookID) not found") }
        return found
    }

    /// A livestream, or 404.
    func livestream(_ id: String) throws -> LivestreamRecord {
        guard let found = livestreams.first(where: { $0.id == id }) else { throw APIError.notFound("livestream \(id) not found") }
        return found
    }

    /// The meeting's LIVE livestream, or 404.
    func liveLivestream(_ meetingID: String) throws -> LivestreamRecord {
        guard let found = livestreams.first(where: { $0.meetingID == meetingID && $0.status == "LIVE" }) else {
            throw APIError.notFound("meeting \(meetingID) has no active livestream")
        }
        return found
    }
}
