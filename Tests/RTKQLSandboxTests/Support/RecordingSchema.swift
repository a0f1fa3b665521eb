import RTKQLJSON
@testable import RTKQLSandbox

/// The recording object of `shared/reference/realtimekit-recordings-api.md`, as executable checks.
/// Returns the list of problems (empty when the recording conforms).
enum RecordingSchema {
    static let fieldOrder = [
        "id", "session_id", "output_file_name", "audio_download_url", "download_url", "download_url_expiry",
        "file_size", "invoked_time", "meeting", "recording_duration", "started_time", "status", "stopped_time",
        "storage_config",
    ]
    static let statuses = ["INVOKED", "RECORDING", "UPLOADING", "UPLOADED", "ERRORED", "PAUSED"]
    static let meetingFields = [
        "id", "created_at", "updated_at", "title", "status", "record_on_start", "live_stream_on_start", "persist_chat",
        "summarize_on_end", "transcribe_on_end", "session_keep_alive_time_in_secs", "recording_config",
    ]
    static let recordingConfigFields = [
        "audio_config", "video_config", "storage_config", "realtimekit_bucket_config", "live_streaming_config",
        "file_name_prefix", "max_seconds",
    ]
    static let storageFields = ["type", "bucket", "region", "path", "host", "port", "username", "auth_method"]
    static let secrets = ["access_key", "secret", "password", "private_key"]

    static func problems(_ recording: JSONValue, single: Bool = false) -> [String] {
        var problems: [String] = []
        guard let members = recording.objectMembers else { return ["not an object"] }
        let keys = members.map(\.0)
        let expected = fieldOrder
        let stopped = recording["stopped_time"]?.isNull == false
        var extras: [String] = []
        if single {
            if keys.contains("start_reason") { extras.append("start_reason") }
            if keys.contains("stop_reason") { extras.append("stop_reason") }
        }
        if keys != expected + extras { problems.append("keys \(keys) != \(expected + extras)") }

        func check(_ ok: Bool, _ message: String) { if !ok { problems.append(message) } }
        check(isUUID(recording["id"]), "id not a uuid")
        check(isUUID(recording["session_id"]), "session_id not a uuid")
        check(recording["output_file_name"]?.stringValue?.isEmpty == false, "output_file_name not a string")
        check(isURIOrNull(recording["audio_download_url"]), "audio_download_url not uri|null")
        check(isURIOrNull(recording["download_url"]), "download_url not uri|null")
        check(recording["download_url_expiry"]?.isNull == true || isDate(recording["download_url_expiry"]),
              "download_url_expiry not date-time|null")
        check(recording["file_size"]?.isNumber == true, "file_size not a number")
        check(isDate(recording["invoked_time"]), "invoked_time not a date-time")
        check(recording["recording_duration"]?.integerValue != nil, "recording_duration not an integer")
        check(isDate(recording["started_time"]), "started_time not a date-time")
        let status = recording["status"]?.stringValue ?? ""
        check(statuses.contains(status), "status \(status) not in enum")
        if stopped { check(isDate(recording["stopped_time"]), "stopped_time not a date-time") }
        check(["UPLOADING", "UPLOADED", "ERRORED"].contains(status) == stopped,
              "stopped_time presence does not match status \(status)")
        if let storage = recording["storage_config"], !storage.isNull {
            problems += storageProblems(storage)
        } else {
            check(recording["storage_config"]?.isNull == true, "storage_config missing")
        }
        problems += meetingProblems(recording["meeting"] ?? .null)
        for key in ["start_reason", "stop_reason"] {
            if let reason = recording[key] { problems += reasonProblems(reason, key: key) }
        }
        return problems
    }

    static func meetingProblems(_ meeting: JSONValue) -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ message: String) { if !ok { problems.append("meeting: " + message) } }
        check(meeting.keys == meetingFields, "keys \(meeting.keys)")
        check(isUUID(meeting["id"]), "id")
        check(isDate(meeting["created_at"]) && isDate(meeting["updated_at"]), "created_at/updated_at")
        check(meeting["title"]?.stringValue != nil, "title")
        check(["ACTIVE", "INACTIVE"].contains(meeting["status"]?.stringValue ?? ""), "status enum")
        for flag in ["record_on_start", "live_stream_on_start", "persist_chat", "summarize_on_end", "transcribe_on_end"] {
            check(meeting[flag]?.boolValue != nil, "\(flag) not boolean")
        }
        let keepAlive = meeting["session_keep_alive_time_in_secs"]?.integerValue ?? 0
        check((60...600).contains(keepAlive), "session_keep_alive_time_in_secs out of 60...600")
        let config = meeting["recording_config"] ?? .null
        check(config.keys == recordingConfigFields, "recording_config keys \(config.keys)")
        return problems
    }

    static func storageProblems(_ storage: JSONValue) -> [String] {
        var problems: [String] = []
        let allowedTypes = ["aws", "azure", "digitalocean", "gcs", "sftp"]
        if !allowedTypes.contains(storage["type"]?.stringValue ?? "") { problems.append("storage_config.type not in enum") }
        for key in storage.keys where !storageFields.contains(key) {
            problems.append("storage_config has \(key)\(secrets.contains(key) ? " (a secret!)" : "")")
        }
        if let method = storage["auth_method"], !["KEY", "PASSWORD"].contains(method.stringValue ?? "") {
            problems.append("storage_config.auth_method not in enum")
        }
        return problems
    }

    static func reasonProblems(_ reason: JSONValue, key: String) -> [String] {
        let allowed = key == "start_reason" ? ["API_CALL", "RECORD_ON_START"] : ["API_CALL", "INTERNAL_ERROR", "ALL_PEERS_LEFT"]
        var problems: [String] = []
        if !allowed.contains(reason["reason"]?.stringValue ?? "") { problems.append("\(key).reason not in enum") }
        if let caller = reason["caller"] {
            if caller["name"]?.stringValue == nil { problems.append("\(key).caller.name") }
            if !["ORGANIZATION", "USER"].contains(caller["type"]?.stringValue ?? "") { problems.append("\(key).caller.type") }
            if caller["user_Id"]?.stringValue == nil { problems.append("\(key).caller.user_Id") }
        }
        return problems
    }

    static func isUUID(_ value: JSONValue?) -> Bool {
        guard let text = value?.stringValue else { return false }
        return UUIDText.isValid(text) && text == text.lowercased()
    }

    /// `2026-03-04T10:11:12.000Z` exactly.
    static func isDate(_ value: JSONValue?) -> Bool {
        guard let text = value?.stringValue, text.count == 24, text.hasSuffix("Z"),
              let millis = Timestamp.parse(text) else { return false }
        return Timestamp.format(millis) == text
    }

    static func isURIOrNull(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        if value.isNull { return true }
        guard let text = value.stringValue else { return false }
        return text.hasPrefix("https://") && !text.contains(" ")
    }
}
