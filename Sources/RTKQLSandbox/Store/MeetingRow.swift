import RTKQLJSON
import RTKQLStorage

/// One row of the `meetings` table.
struct MeetingRow: Sendable {
    var id: String
    var appID: String
    var title: String
    var status: String
    var createdAt: Millis
    var updatedAt: Millis
    var recordOnStart: Bool
    var liveStreamOnStart: Bool
    var persistChat: Bool
    var summarizeOnEnd: Bool
    var transcribeOnEnd: Bool
    var sessionKeepAliveTimeInSecs: Int64
    /// The meeting's `recording_config` object, as JSON text.
    var recordingConfig: String
    /// The meeting's `ai_config` object, as JSON text.
    var aiConfig: String = MeetingRow.defaultAIConfig

    static let defaultAIConfig = """
    {"summarization":{"summary_type":"general","text_format":"markdown","word_limit":500},\
    "transcription":{"keywords":[],"language":"en-US","profanity_filter":false}}
    """

    static let columns = """
    id, app_id, title, status, created_at, updated_at, record_on_start, live_stream_on_start, persist_chat, \
    summarize_on_end, transcribe_on_end, session_keep_alive_time_in_secs, recording_config, ai_config
    """

    init(id: String, appID: String, title: String, status: String, createdAt: Millis, updatedAt: Millis,
         recordOnStart: Bool, liveStreamOnStart: Bool, persistChat: Bool, summarizeOnEnd: Bool, transcribeOnEnd: Bool,
         sessionKeepAliveTimeInSecs: Int64, recordingConfig: String) {
        self.id = id
        self.appID = appID
        self.title = title
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.recordOnStart = recordOnStart
        self.liveStreamOnStart = liveStreamOnStart
        self.persistChat = persistChat
        self.summarizeOnEnd = summarizeOnEnd
        self.transcribeOnEnd = transcribeOnEnd
        self.sessionKeepAliveTimeInSecs = sessionKeepAliveTimeInSecs
        self.recordingConfig = recordingConfig
    }

    /// Reads a row selected with `MeetingRow.columns`.
    init(statement: PreparedStatement) {
        let values = statement.row()
        id = values[0].textValue ?? ""
        appID = values[1].textValue ?? ""
        title = values[2].textValue ?? ""
        status = values[3].textValue ?? ""
        createdAt = values[4].integerValue ?? 0
        updatedAt = values[5].integerValue ?? 0
        recordOnStart = values[6].integerValue == 1
        liveStreamOnStart = values[7].integerValue == 1
        persistChat = values[8].integerValue == 1
        summarizeOnEnd = values[9].integerValue == 1
        transcribeOnEnd = values[10].integerValue == 1
        sessionKeepAliveTimeInSecs = values[11].integerValue ?? 60
        recordingConfig = values[12].textValue ?? "{}"
        aiConfig = values[13].textValue ?? MeetingRow.defaultAIConfig
    }

    var insertValues: [SQLValue] {
        [
            .text(id), .text(appID), .text(title), .text(status), .integer(createdAt), .integer(updatedAt),
            .integer(recordOnStart ? 1 : 0), .integer(liveStreamOnStart ? 1 : 0), .integer(persistChat ? 1 : 0),
            .integer(summarizeOnEnd ? 1 : 0), .integer(transcribeOnEnd ? 1 : 0), .integer(sessionKeepAliveTimeInSecs),
            .text(recordingConfig), .text(aiConfig),
        ]
    }

    /// The meeting as the meetings endpoints answer it: the list item's fields, and with `full` the
    /// `recording_config` and `ai_config` objects (members the schema does not allow to be null left out).
    func apiJSON(full: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("title", .string(title)), ("status", .string(status)),
            ("created_at", .time(createdAt)), ("updated_at", .time(updatedAt)),
            ("record_on_start", .bool(recordOnStart)), ("live_stream_on_start", .bool(liveStreamOnStart)),
            ("persist_chat", .bool(persistChat)), ("summarize_on_end", .bool(summarizeOnEnd)),
            ("transcribe_on_end", .bool(transcribeOnEnd)),
            ("session_keep_alive_time_in_secs", .int(sessionKeepAliveTimeInSecs)),
        ]
        if full {
            let recording = (try? JSONValue.parseRequest(Array(recordingConfig.utf8))) ?? .object([])
            members.append(("recording_config", recording.droppingNulls(keeping: ["storage_config"])))
            members.append(("ai_config", (try? JSONValue.parseRequest(Array(aiConfig.utf8))) ?? .object([])))
        }
        return .object(members)
    }

    /// The full meeting object of the reference, keys in its order.
    var json: String {
        var writer = JSONWriter()
        writer.raw("{\"id\":")
        writer.string(id)
        writer.raw(",\"created_at\":")
        writer.string(Timestamp.format(createdAt))
        writer.raw(",\"updated_at\":")
        writer.string(Timestamp.format(updatedAt))
        writer.raw(",\"title\":")
        writer.string(title)
        writer.raw(",\"status\":")
        writer.string(status)
        writer.raw(",\"record_on_start\":" + String(recordOnStart))
        writer.raw(",\"live_stream_on_start\":" + String(liveStreamOnStart))
        writer.raw(",\"persist_chat\":" + String(persistChat))
        writer.raw(",\"summarize_on_end\":" + String(summarizeOnEnd))
        writer.raw(",\"transcribe_on_end\":" + String(transcribeOnEnd))
        writer.raw(",\"session_keep_alive_time_in_secs\":" + String(sessionKeepAliveTimeInSecs))
        writer.raw(",\"recording_config\":" + recordingConfig + "}")
        return writer.text
    }
}
