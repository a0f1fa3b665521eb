import RTKQLJSON
/// `POST /recordings/track`: accepts both body generations of the reference.
///
/// Older: `{meeting_id, layers: {"default": {outputs: [{type: REALTIMEKIT_BUCKET|STORAGE_CONFIG}]}}, max_seconds}`.
/// Newer: `{meeting_id, layers?: {file_name_prefix, media_kind: "audio"}, user_ids?}`. `layers` is optional
/// for both (the newer rule; the older body is a superset) but must be an object when given.
enum TrackRoute {
    static func parse(_ body: [UInt8]) throws -> StartRequest {
        let body = try BodyValidator.parseObject(body)
        var request = StartRequest(meetingID: try body.requiredGUID("meeting_id"))
        request.kind = "track"
        request.allowMultiple = true
        if let layers = try BodyValidator.object(body.value("layers"), "layers"), let members = layers.objectMembers {
            request.fileNamePrefix = try BodyValidator.string(layers["file_name_prefix"], "layers.file_name_prefix")
            _ = try BodyValidator.oneOf(layers["media_kind"], "layers.media_kind", ["audio"])
            for (name, layer) in members where name != "file_name_prefix" && name != "media_kind" {
                try validateLayer(layer, path: "layers.\(name)", request: &request)
            }
        }
        request.maxSeconds = try BodyValidator.integer(body.value("max_seconds"), "max_seconds", in: 60...86_400)
        if let userIDs = try BodyValidator.array(body.value("user_ids"), "user_ids") {
            guard userIDs.count <= 100 else { throw APIError.badRequest("\"user_ids\" must contain less than or equal to 100 items") }
            for (index, item) in userIDs.enumerated() {
                _ = try BodyValidator.string(item, "user_ids[\(index)]")
            }
        }
        return request
    }

    private static func validateLayer(_ layer: JSONValue, path: String, request: inout StartRequest) throws {
        _ = try BodyValidator.object(layer, path)
        if let prefix = try BodyValidator.string(layer["file_name_prefix"], "\(path).file_name_prefix") {
            request.fileNamePrefix = prefix
        }
        _ = try BodyValidator.oneOf(layer["media_kind"], "\(path).media_kind", ["audio"])
        guard let outputs = try BodyValidator.array(layer["outputs"], "\(path).outputs") else { return }
        for (index, output) in outputs.enumerated() {
            let outputPath = "\(path).outputs[\(index)]"
            _ = try BodyValidator.object(output, outputPath)
            guard output["type"] != nil else { throw APIError.badRequest("\"\(outputPath).type\" is required") }
            _ = try BodyValidator.oneOf(output["type"], "\(outputPath).type", ["REALTIMEKIT_BUCKET", "STORAGE_CONFIG"])
            if let storage = try BodyValidator.object(output["storage_config"], "\(outputPath).storage_config") {
                request.storageConfig = try StartRoute.sanitizedStorageConfig(storage)
            }
        }
    }
}
