import RTKQLStorage

/// One row of the `recordings` table.
struct RecordingRow: Sendable {
    var id: String
    var appID: String
    var meetingID: String
    var sessionID: String
    /// `composite` (POST /recordings) or `track` (POST /recordings/track).
    var kind: String
    var outputFileName: String
    var audioDownloadURL: String?
    var downloadURL: String?
    var downloadURLExpiry: Millis?
    var fileSize: Int64
    var invokedTime: Millis
    var startedTime: Millis
    var stoppedTime: Millis?
    var recordingDuration: Int64
    var status: String
    /// Sanitised storage config JSON (no secrets), or nil.
    var storageConfig: String?
    /// `start_reason` JSON, or nil.
    var startReason: String?
    /// `stop_reason` JSON, or nil.
    var stopReason: String?
    var audioRequested: Bool
    /// The start body said `realtimekit_bucket_config.enabled: false`: no download URLs once uploaded.
    var bucketDisabled = false
    var maxSeconds: Int64?
    var pausedAt: Millis?
    var pausedTotalMs: Int64
    /// When the next automatic transition (INVOKED→RECORDING, UPLOADING→UPLOADED) is due.
    var dueMs: Millis?

    init(id: String, appID: String, meetingID: String, sessionID: String, kind: String, outputFileName: String,
         audioDownloadURL: String? = nil, downloadURL: String? = nil, downloadURLExpiry: Millis? = nil,
         fileSize: Int64 = 0, invokedTime: Millis, startedTime: Millis, stoppedTime: Millis? = nil,
         recordingDuration: Int64 = 0, status: String, storageConfig: String? = nil, startReason: String? = nil,
         stopReason: String? = nil, audioRequested: Bool = false, maxSeconds: Int64? = nil, pausedAt: Millis? = nil,
         pausedTotalMs: Int64 = 0, dueMs: Millis? = nil) {
        self.id = id
        self.appID = appID
        self.meetingID = meetingID
        self.sessionID = sessionID
        self.kind = kind
        self.outputFileName = outputFileName
        self.audioDownloadURL = audioDownloadURL
        self.downloadURL = downloadURL
        self.downloadURLExpiry = downloadURLExpiry
        self.fileSize = fileSize
        self.invokedTime = invokedTime
        self.startedTime = startedTime
        self.stoppedTime = stoppedTime
        self.recordingDuration = recordingDuration
        self.status = status
        self.storageConfig = storageConfig
        self.startReason = startReason
        self.stopReason = stopReason
        self.audioRequested = audioRequested
        self.maxSeconds = maxSeconds
        self.pausedAt = pausedAt
        self.pausedTotalMs = pausedTotalMs
        self.dueMs = dueMs
    }

    /// Reads a row selected with `Schema.recordingColumns`.
    init(statement: PreparedStatement) {
        func text(_ index: Int) -> String { statement.value(at: index).textValue ?? "" }
        func optionalText(_ index: Int) -> String? { statement.value(at: index).textValue }
        func int(_ index: Int) -> Int64 { statement.value(at: index).integerValue ?? 0 }
        func optionalInt(_ index: Int) -> Int64? { statement.value(at: index).integerValue }
        id = text(0)
        appID = text(1)
        meetingID = text(2)
        sessionID = text(3)
        kind = text(4)
        outputFileName = text(5)
        audioDownloadURL = optionalText(6)
        downloadURL = optionalText(7)
        downloadURLExpiry = optionalInt(8)
        fileSize = int(9)
        invokedTime = int(10)
        startedTime = int(11)
        stoppedTime = optionalInt(12)
        recordingDuration = int(13)
        status = text(14)
        storageConfig = optionalText(15)
        startReason = optionalText(16)
        stopReason = optionalText(17)
        audioRequested = int(18) != 0
        maxSeconds = optionalInt(19)
        pausedAt = optionalInt(20)
        pausedTotalMs = int(21)
        dueMs = optionalInt(22)
        bucketDisabled = int(23) != 0
    }

    /// Values for `Schema.insertRecording`, in order.
    var insertValues: [SQLValue] {
        func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
        func int(_ value: Int64?) -> SQLValue { value.map(SQLValue.integer) ?? .null }
        return [
            .text(id), .text(appID), .text(meetingID), .text(sessionID), .text(kind), .text(outputFileName),
            text(audioDownloadURL), text(downloadURL), int(downloadURLExpiry), .integer(fileSize),
            .integer(invokedTime), .integer(startedTime), int(stoppedTime), .integer(recordingDuration),
            .text(status), text(storageConfig), text(startReason), text(stopReason), .integer(audioRequested ? 1 : 0),
            int(maxSeconds), int(pausedAt), .integer(pausedTotalMs), int(dueMs), .integer(bucketDisabled ? 1 : 0),
        ]
    }
}
