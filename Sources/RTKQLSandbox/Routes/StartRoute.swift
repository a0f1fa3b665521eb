import RTKQLJSON
/// `POST /recordings`: validates the start body of the reference.
enum StartRoute {
    static func parse(_ body: [UInt8]) throws -> StartRequest {
        let body = try BodyValidator.parseObject(body)
        var request = StartRequest(meetingID: try body.requiredGUID("meeting_id"))
        request.allowMultiple = try BodyValidator.bool(body.value("allow_multiple_recordings"), "allow_multiple_recordings") ?? false
        request.maxSeconds = try BodyValidator.integer(body.value("max_seconds"), "max_seconds", in: 60...86_400)
        request.fileNamePrefix = try BodyValidator.string(body.value("file_name_prefix"), "file_name_prefix")
        _ = try BodyValidator.string(body.value("url"), "url")
        if let audio = try BodyValidator.object(body.value("audio_config"), "audio_config") {
            _ = try BodyValidator.oneOf(audio["channel"], "audio_config.channel", ["mono", "stereo"])
            _ = try BodyValidator.oneOf(audio["codec"], "audio_config.codec", ["MP3", "AAC"])
            _ = try BodyValidator.bool(audio["export_file"], "audio_config.export_file")
            request.audioRequested = true
        }
        if let video = try BodyValidator.object(body.value("video_config"), "video_config") {
            _ = try BodyValidator.oneOf(video["codec"], "video_config.codec", ["H264", "VP8"])
            _ = try BodyValidator.integer(video["width"], "video_config.width", in: 1...1920)
            _ = try BodyValidator.integer(video["height"], "video_config.height", in: 1...1920)
            _ = try BodyValidator.bool(video["export_file"], "video_config.export_file")
            _ = try BodyValidator.object(video["watermark"], "video_config.watermark")
        }
        if let storage = try BodyValidator.object(body.value("storage_config"), "storage_config") {
            request.storageConfig = try sanitizedStorageConfig(storage)
        }
        if let bucket = try BodyValidator.object(body.value("realtimekit_bucket_config"), "realtimekit_bucket_config") {
            guard bucket["enabled"] != nil else { throw APIError.badRequest("\"realtimekit_bucket_config.enabled\" is required") }
            request.bucketDisabled = try BodyValidator.bool(bucket["enabled"], "realtimekit_bucket_config.enabled") == false
        }
        if let rtmp = try BodyValidator.object(body.value("rtmp_out_config"), "rtmp_out_config") {
            _ = try BodyValidator.string(rtmp["rtmp_url"], "rtmp_out_config.rtmp_url")
        }
        if let interactive = try BodyValidator.object(body.value("interactive_config"), "interactive_config") {
            _ = try BodyValidator.oneOf(interactive["type"], "interactive_config.type", ["ID3"])
        }
        return request
    }

    static let storageTypes = ["aws", "azure", "digitalocean", "gcs", "sftp"]

    /// Validates a `storage_config` and keeps only its public fields: secrets never come back.
    static func sanitizedStorageConfig(_ storage: JSONValue) throws -> String {
        guard storage["type"] != nil else { throw APIError.badRequest("\"storage_config.type\" is required") }
        var kept: [(String, JSONValue)] = []
        for key in ["type", "bucket", "region", "path", "host", "port", "username", "auth_method"] {
            guard let value = storage[key] else { continue }
            switch key {
            case "type": _ = try BodyValidator.oneOf(value, "storage_config.type", storageTypes)
            case "auth_method": _ = try BodyValidator.oneOf(value, "storage_config.auth_method", ["KEY", "PASSWORD"])
            case "port": _ = try BodyValidator.integer(value, "storage_config.port", in: 1...65_535)
            default: _ = try BodyValidator.string(value, "storage_config.\(key)")
            }
            kept.append((key, value))
        }
        for secret in ["access_key", "secret", "password", "private_key"] {
            _ = try BodyValidator.string(storage[secret], "storage_config.\(secret)")
        }
        return JSONValue.object(kept).serialized
    }
}
