/// `/meetings/{meeting_id}/participants`: list (paged), add, get, edit, delete, and a fresh token.
enum ParticipantRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        let participants = app.group("meetings/:meeting_id/participants")
        let state = services.state
        participants.get { _, context in
            let appID = try await services.app(context)
            let meetingID = try await services.meeting(context, appID: appID)
            let paging = try Paging(context.query, cap: services.perPageCap)
            let list = try await state.withApp(appID) { $0.participants[meetingID] ?? [] }
            let page = paging.page(list)
            return .list(page.items.map { $0.json() }, paging: page.paging)
        }
        participants.post { _, context in
            let appID = try await services.app(context)
            let meetingID = try await services.meeting(context, appID: appID)
            let body = try BodyValidator.parseObject(context.body)
            let customID = try body.requiredString("custom_participant_id")
            let presetName = try body.requiredString("preset_name")
            let name = try BodyValidator.nullableString(body.value("name"), "name") ?? nil
            let picture = try BodyValidator.value(body.value("picture"), "picture", BodyValidator.uri)
            let now = context.now
            let added = try await state.withApp(appID) { data in
                guard data.presets.contains(where: { $0.name == presetName }) else {
                    throw APIError.badRequest("preset \(presetName) not found")
                }
                let id = randomUUID()
                let participant = ParticipantRecord(
                    id: id, meetingID: meetingID, customParticipantID: customID, name: name, picture: picture,
                    presetName: presetName, createdAt: now, updatedAt: now, token: ParticipantRecord.token(participantID: id, issuedAt: now))
                data.participants[meetingID, default: []].append(participant)
                return participant
            }
            return .data(added.json(token: true), status: 201)
        }
        participants.get(":participant_id") { _, context in
            let (appID, meetingID, participantID) = try await scope(context, services)
            return .data(try await state.withApp(appID) { try $0.participant(meetingID, participantID) }.json())
        }
        participants.patch(":participant_id") { _, context in
            let (appID, meetingID, participantID) = try await scope(context, services)
            let body = try BodyValidator.parseObject(context.body)
            let name = try BodyValidator.nullableString(body.value("name"), "name")
            let picture = try BodyValidator.value(body.value("picture"), "picture", BodyValidator.uri)
            let presetName = try BodyValidator.nullableString(body.value("preset_name"), "preset_name")
            let now = context.now
            let edited = try await state.withApp(appID) { data in
                var participant = try data.participant(meetingID, participantID)
                if let name { participant.name = name }
                if body.value("picture") != nil { participant.picture = picture }
                if let preset = presetName ?? nil {
                    guard data.presets.contains(where: { $0.name == preset }) else { throw APIError.badRequest("preset \(preset) not found") }
                    participant.presetName = preset
                }
                participant.updatedAt = now
                try data.replace(participant)
                return participant
            }
            return .data(edited.json(token: true))
        }
        participants.delete(":participant_id") { _, context in
            let (appID, meetingID, participantID) = try await scope(context, services)
            let removed = try await state.withApp(appID) { data in
                let participant = try data.participant(meetingID, participantID)
                data.participants[meetingID]?.removeAll { $0.id == participant.id }
                let presetID = data.presets.first(where: { $0.name == participant.presetName })?.id ?? ""
                return (participant, presetID)
            }
            return .data(.object([
                ("created_at", .time(removed.0.createdAt)), ("custom_participant_id", .string(removed.0.customParticipantID)),
                ("preset_id", .string(removed.1)), ("updated_at", .time(removed.0.updatedAt)),
            ]))
        }
        participants.post(":participant_id/token") { _, context in
            let (appID, meetingID, participantID) = try await scope(context, services)
            let now = context.now
            let token = try await state.withApp(appID) { data in
                var participant = try data.participant(meetingID, participantID)
                participant.token = ParticipantRecord.token(participantID: participant.id, issuedAt: now)
                try data.replace(participant)
                return participant.token
            }
            return .data(.object([("token", .string(token))]))
        }
    }

    private static func scope(_ context: SandboxContext, _ services: Services) async throws -> (String, String, String) {
        let appID = try await services.app(context)
        let meetingID = try await services.meeting(context, appID: appID)
        return (appID, meetingID, context.parameter("participant_id").lowercased())
    }
}
