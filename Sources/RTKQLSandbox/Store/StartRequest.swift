/// A validated start (or track) request.
struct StartRequest: Sendable {
    var meetingID: String
    var allowMultiple = false
    var maxSeconds: Int64?
    var fileNamePrefix: String?
    var audioRequested = false
    /// `realtimekit_bucket_config.enabled: false`: the recording gets no download URLs.
    var bucketDisabled = false
    /// Sanitised `storage_config` JSON (secrets dropped), or nil.
    var storageConfig: String?
    /// The session the recording belongs to: the meeting's live session when it has one.
    var sessionID: String?
    /// `composite` or `track`.
    var kind = "composite"
}

/// A lifecycle action of `PUT /recordings/{id}`.
enum RecordingAction: String, Sendable, CaseIterable {
    case stop, pause, resume
}
