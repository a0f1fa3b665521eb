import RTKQLJSON
/// The request bodies of the relay routes, checked as the other routes check theirs (the message names the
/// property) and refused with the codes of the MoQ schema: 21002 a create without a name, 21011 an update to
/// an empty name, 21010 a token type off its enum, 21004 anything else malformed (invalid JSON, a wrong
/// type, a number out of range).
enum RelayBody {
    /// What `PUT /moq/relays/{id}` changes: the name, and each config sub-object given (replaced whole, its
    /// omitted members taking the schema's defaults).
    struct Update: Sendable {
        var name: String?
        var lingeringSubscribe: RelayConfig.LingeringSubscribe?
        var originFallback: RelayConfig.OriginFallback?

        /// The relay with the changes applied, or 21009 when both features would be on.
        func applied(to relay: RelayRecord, now: Millis) throws -> RelayRecord {
            var changed = relay
            if let name { changed.name = name }
            if let lingeringSubscribe { changed.config.lingeringSubscribe = lingeringSubscribe }
            if let originFallback { changed.config.originFallback = originFallback }
            if changed.config.isContradictory {
                throw APIError.moq(400, 21009, "\"config\": origin_fallback and lingering_subscribe are mutually exclusive")
            }
            changed.modifiedAt = now
            return changed
        }
    }

    /// `POST /moq/relays`: the required, non-empty `name`.
    static func create(_ bytes: [UInt8]) throws -> String {
        let body = try parse(bytes)
        guard let value = body.value("name"), !value.isNull else { throw APIError.moq(400, 21002, "\"name\" is required") }
        let name = try checked(21004) { try BodyValidator.string(value, "name") } ?? ""
        guard !name.isEmpty else { throw APIError.moq(400, 21002, "\"name\" is not allowed to be empty") }
        return name
    }

    /// `PUT /moq/relays/{id}`: `name` (non-empty when given) and `config`.
    static func update(_ bytes: [UInt8]) throws -> Update {
        let body = try parse(bytes)
        var update = Update()
        update.name = try checked(21004) { try BodyValidator.string(body.value("name"), "name") }
        if update.name?.isEmpty == true { throw APIError.moq(400, 21011, "\"name\" is not allowed to be empty") }
        guard let config = try checked(21004, { try BodyValidator.object(body.value("config"), "config") }) else { return update }
        if let lingering = try checked(21004, { try BodyValidator.object(config["lingering_subscribe"], "config.lingering_subscribe") }) {
            let path = "config.lingering_subscribe"
            var value = RelayConfig.LingeringSubscribe()
            value.enabled = try checked(21004) { try BodyValidator.bool(lingering["enabled"], path + ".enabled") } ?? value.enabled
            value.maxTimeoutMs = try checked(21004) {
                try BodyValidator.integer(lingering["max_timeout_ms"], path + ".max_timeout_ms", in: 0...300_000)
            } ?? value.maxTimeoutMs
            update.lingeringSubscribe = value
        }
        if let fallback = try checked(21004, { try BodyValidator.object(config["origin_fallback"], "config.origin_fallback") }) {
            let path = "config.origin_fallback"
            var value = RelayConfig.OriginFallback()
            value.enabled = try checked(21004) { try BodyValidator.bool(fallback["enabled"], path + ".enabled") } ?? value.enabled
            value.urls = try checked(21004) { try BodyValidator.strings(fallback["urls"], path + ".urls") } ?? value.urls
            update.originFallback = value
        }
        return update
    }

    /// `POST /moq/relays/{id}/tokens/rotate`: the required token `type`.
    static func rotate(_ bytes: [UInt8]) throws -> RelayTokenType {
        let body = try parse(bytes)
        guard let value = body.value("type"), !value.isNull else { throw APIError.moq(400, 21010, "\"type\" is required") }
        let allowed = RelayTokenType.allCases.map(\.rawValue)
        let text = try checked(21010) { try BodyValidator.oneOf(value, "type", allowed) }
        guard let type = text.flatMap(RelayTokenType.init(rawValue:)) else {
            throw APIError.moq(400, 21010, "\"type\" must be one of [\(allowed.joined(separator: ", "))]")
        }
        return type
    }

    /// The body as a JSON object (21004 otherwise; an empty body is `{}`).
    private static func parse(_ bytes: [UInt8]) throws -> BodyValidator {
        try checked(21004) { try BodyValidator.parseObject(bytes) }
    }

    /// Runs one of the shared checks, its refusal re-issued in the relay routes' shape with `code`.
    private static func checked<T>(_ code: Int, _ check: () throws -> T) throws -> T {
        do {
            return try check()
        } catch let error as APIError {
            throw error.asMoQ(code: code)
        }
    }
}
