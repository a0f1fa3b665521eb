import RTKQLJSON
/// `/presets`: list (paged), create, get, update (PATCH, merged key by key), delete.
enum PresetRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        let presets = app.group("presets")
        let state = services.state
        presets.get { _, context in
            let appID = try await services.app(context)
            let paging = try Paging(context.query, cap: services.perPageCap)
            let page = paging.page(try await state.withApp(appID) { $0.presets })
            return .list(page.items.map(\.summaryJSON), paging: page.paging)
        }
        presets.post { _, context in
            let appID = try await services.app(context)
            let body = try BodyValidator.parseObject(context.body)
            let name = try body.requiredString("name")
            _ = try body.required("config")
            _ = try body.required("ui")
            let document = try PresetRoutes.document(body)
            let now = context.now
            let preset = try await state.withApp(appID) { data in
                guard !data.presets.contains(where: { $0.name == name }) else {
                    throw APIError.conflict("a preset named \(name) already exists")
                }
                let preset = PresetRecord(id: randomUUID(), name: name, createdAt: now, updatedAt: now, document: document)
                data.presets.append(preset)
                return preset
            }
            return .data(preset.json)
        }
        presets.get(":preset_id") { _, context in
            let (appID, presetID) = try await scope(context, services)
            return .data(try await state.withApp(appID) { try $0.preset(presetID) }.json)
        }
        presets.patch(":preset_id") { _, context in
            let (appID, presetID) = try await scope(context, services)
            let body = try BodyValidator.parseObject(context.body)
            let name = try BodyValidator.string(body.value("name"), "name")
            let changes = try PresetRoutes.document(body)
            let now = context.now
            let preset = try await state.withApp(appID) { data in
                var preset = try data.preset(presetID)
                if let name { preset.name = name }
                preset.document = preset.document.merging(changes)
                preset.updatedAt = now
                if let index = data.presets.firstIndex(where: { $0.id == preset.id }) { data.presets[index] = preset }
                return preset
            }
            return .data(preset.json)
        }
        presets.delete(":preset_id") { _, context in
            let (appID, presetID) = try await scope(context, services)
            let preset = try await state.withApp(appID) { data in
                let preset = try data.preset(presetID)
                data.presets.removeAll { $0.id == preset.id }
                return preset
            }
            return .data(preset.json)
        }
    }

    private static func scope(_ context: SandboxContext, _ services: Services) async throws -> (String, String) {
        (try await services.app(context), context.parameter("preset_id").lowercased())
    }

    /// The `config`, `permissions` and `ui` a body gives, each checked member by member against the types of
    /// the default preset's (a boolean where it has a boolean, an object where it has an object, ...) and
    /// against the schema's enums.
    static func document(_ body: BodyValidator) throws -> JSONValue {
        let template = PresetTemplate.document(viewType: "GROUP_CALL", host: true)
        var members: [(String, JSONValue)] = []
        for key in ["config", "permissions", "ui"] {
            guard let value = body.value(key) else { continue }
            try checkShape(value, like: template[key] ?? .null, path: key)
            members.append((key, value))
        }
        return .object(members)
    }

    private static func checkShape(_ value: JSONValue, like template: JSONValue, path: String) throws {
        switch template {
        case .object(let expected):
            guard let given = value.objectMembers else { throw APIError.badRequest("\"\(path)\" must be of type object") }
            for (key, member) in given {
                guard let model = expected.first(where: { $0.0 == key })?.1 else { continue }
                try checkShape(member, like: model, path: path + "." + key)
            }
        case .null:
            return
        default:
            guard value.typeName == template.typeName else {
                throw APIError.badRequest("\"\(path)\" must be a \(template.typeName)")
            }
            if let allowed = enums[path] { _ = try BodyValidator.oneOf(value, path, allowed) }
            if path == "config.media.video.frame_rate" { _ = try BodyValidator.integer(value, path, in: 0...30) }
        }
    }

    /// The enumerated members of a preset, by path.
    static let enums: [String: [String]] = {
        let quality = ["hd", "vga", "qvga"]
        let produce = ["ALLOWED", "NOT_ALLOWED", "CAN_REQUEST"]
        return [
            "config.view_type": ["GROUP_CALL", "WEBINAR", "AUDIO_ROOM"],
            "config.media.video.quality": quality, "config.media.screenshare.quality": quality,
            "permissions.recorder_type": ["RECORDER", "LIVESTREAMER", "NONE"],
            "permissions.waiting_room_type": ["SKIP", "ON_PRIVILEGED_USER_ENTRY", "SKIP_ON_ACCEPT"],
            "permissions.media.audio.can_produce": produce, "permissions.media.video.can_produce": produce,
            "permissions.media.screenshare.can_produce": produce,
            "ui.design_tokens.border_radius": ["rounded"], "ui.design_tokens.border_width": ["thin"],
            "ui.design_tokens.theme": ["dark"],
        ]
    }()
}
