/// `PUT /recordings/{id}`: validates `{"action": "stop" | "pause" | "resume"}`.
enum ActionRoute {
    static func parse(_ body: [UInt8]) throws -> RecordingAction {
        let body = try BodyValidator.parseObject(body)
        guard let value = body.value("action"), !value.isNull else { throw APIError.badRequest("\"action\" is required") }
        guard let text = value.stringValue, let action = RecordingAction(rawValue: text) else {
            throw APIError.badRequest("\"action\" must be one of [stop, pause, resume]")
        }
        return action
    }
}
