import RTKQLJSON
/// The meeting bodies of `POST /meetings`, `PUT /meetings/{id}` and `PATCH /meetings/{id}`, validated and
/// applied to a meeting.
enum MeetingBody {
    /// What each verb may set.
    enum Verb: Sendable {
        case create, replace, update
    }

    static let summaryTypes = ["general", "team_meeting", "sales_call", "client_check_in", "interview", "daily_standup",
                               "one_on_one_meeting", "lecture", "code_review"]
    static let languages = ["en-US", "en-IN", "de", "hi", "sv", "ru", "pl", "el", "fr", "nl"]

    /// Validates `body` and sets what it gives on `meeting`.
    static func apply(_ body: [UInt8], to meeting: inout MeetingRow, verb: Verb) throws {
        let body = try BodyValidator.parseObject(body)
        if let title = try BodyValidator.nullableString(body.value("title"), "title") {
            if verb == .update, title == nil { throw APIError.badRequest("\"title\" must be a string") }
            meeting.title = title ?? ""
        }
        func flag(_ key: String, nullable: Bool) throws -> Bool? {
            guard let value = body.value(key) else { return nil }
            if value.isNull, nullable { return false }
            return try BodyValidator.bool(value, key)
        }
        let nullable = verb != .update
        if let value = try flag("record_on_start", nullable: nullable) { meeting.recordOnStart = value }
        if let value = try flag("live_stream_on_start", nullable: nullable) { meeting.liveStreamOnStart = value }
        if let value = try flag("persist_chat", nullable: false) { meeting.persistChat = value }
        if let value = try flag("summarize_on_end", nullable: false) { meeting.summarizeOnEnd = value }
        if let keepAlive = try BodyValidator.number(body.value("session_keep_alive_time_in_secs"),
                                                    "session_keep_alive_time_in_secs", in: 60...600) {
            meeting.sessionKeepAliveTimeInSecs = Int64(keepAlive)
        }
        if verb == .update {
            if let status = try BodyValidator.oneOf(body.value("status"), "status", ["ACTIVE", "INACTIVE"]) { meeting.status = status }
        } else if let config = try BodyValidator.object(body.value("recording_config"), "recording_config") {
            try validateRecordingConfig(config)
            meeting.recordingConfig = config.rendered
        }
        if let ai = try BodyValidator.object(body.value("ai_config"), "ai_config") {
            if let summary = try BodyValidator.object(ai["summarization"], "ai_config.summarization") {
                _ = try BodyValidator.oneOf(summary["summary_type"], "ai_config.summarization.summary_type", summaryTypes)
                _ = try BodyValidator.oneOf(summary["text_format"], "ai_config.summarization.text_format", ["plain_text", "markdown"])
                _ = try BodyValidator.integer(summary["word_limit"], "ai_config.summarization.word_limit", in: 150...1000)
            }
            if let transcription = try BodyValidator.object(ai["transcription"], "ai_config.transcription") {
                _ = try BodyValidator.strings(transcription["keywords"], "ai_config.transcription.keywords")
                _ = try BodyValidator.oneOf(transcription["language"], "ai_config.transcription.language", languages)
                _ = try BodyValidator.bool(transcription["profanity_filter"], "ai_config.transcription.profanity_filter")
            }
            let current = (try? JSONValue.parseRequest(Array(meeting.aiConfig.utf8))) ?? .object([])
            meeting.aiConfig = current.merging(ai).rendered
        }
    }

    /// A meeting's `recording_config` (the storage secrets are checked, then dropped).
    static func validateRecordingConfig(_ config: JSONValue) throws {
        let path = "recording_config"
        _ = try BodyValidator.number(config["max_seconds"], "\(path).max_seconds", in: 60...86_400)
        _ = try BodyValidator.string(config["file_name_prefix"], "\(path).file_name_prefix")
        if let audio = try BodyValidator.object(config["audio_config"], "\(path).audio_config") {
            _ = try BodyValidator.oneOf(audio["channel"], "\(path).audio_config.channel", ["mono", "stereo"])
            _ = try BodyValidator.oneOf(audio["codec"], "\(path).audio_config.codec", ["MP3", "AAC"])
            _ = try BodyValidator.bool(audio["export_file"], "\(path).audio_config.export_file")
        }
        if let video = try BodyValidator.object(config["video_config"], "\(path).video_config") {
            _ = try BodyValidator.oneOf(video["codec"], "\(path).video_config.codec", ["H264", "VP8"])
            _ = try BodyValidator.integer(video["width"], "\(path).video_config.width", in: 1...1920)
            _ = try BodyValidator.integer(video["height"], "\(path).video_config.height", in: 1...1920)
            _ = try BodyValidator.bool(video["export_file"], "\(path).video_config.export_file")
        }
        if let storage = config["storage_config"], !storage.isNull {
            _ = try StartRoute.sanitizedStorageConfig(try BodyValidator.object(storage, "\(path).storage_config") ?? storage)
        }
        if let bucket = try BodyValidator.object(config["realtimekit_bucket_config"], "\(path).realtimekit_bucket_config") {
            guard bucket["enabled"] != nil else { throw APIError.badRequest("\"\(path).realtimekit_bucket_config.enabled\" is required") }
            _ = try BodyValidator.bool(bucket["enabled"], "\(path).realtimekit_bucket_config.enabled")
        }
        if let live = try BodyValidator.object(config["live_streaming_config"], "\(path).live_streaming_config") {
            _ = try BodyValidator.uri(live["rtmp_url"], "\(path).live_streaming_config.rtmp_url")
        }
    }
}
