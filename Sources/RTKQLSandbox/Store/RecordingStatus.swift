/// The recording status enum of the reference.
enum RecordingStatus: String, CaseIterable, Sendable {
    case invoked = "INVOKED"
    case recording = "RECORDING"
    case uploading = "UPLOADING"
    case uploaded = "UPLOADED"
    case errored = "ERRORED"
    case paused = "PAUSED"

    /// Statuses that make a recording "active" (one per meeting).
    static let active: [RecordingStatus] = [.invoked, .recording, .paused]

    /// `[INVOKED, RECORDING, UPLOADING, UPLOADED, ERRORED, PAUSED]`, for error messages.
    static let listText = "[" + allCases.map(\.rawValue).joined(separator: ", ") + "]"
}
