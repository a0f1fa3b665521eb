import RTKQLJSON
/// Renders a recording in the seed's field order.
enum RecordingJSON {
    /// The 14 fields, in order; `stopped_time` null until stopped. With `reasons`, `start_reason` and
    /// (once stopped) `stop_reason` follow, as single-recording responses carry them.
    static func render(_ row: RecordingRow, meetingJSON: String, reasons: Bool) -> String {
        let (head, tail) = parts(row, reasons: reasons)
        return head + meetingJSON + tail
    }

    /// The rendering in two parts around the meeting object: `{…,"meeting":` and `,"recording_duration":…}`.
    static func parts(_ row: RecordingRow, reasons: Bool) -> (head: String, tail: String) {
        var writer = JSONWriter(capacity: 700)
        writer.raw("{\"id\":")
        writer.string(row.id)
        writer.raw(",\"session_id\":")
        writer.string(row.sessionID)
        writer.raw(",\"output_file_name\":")
        writer.string(row.outputFileName)
        writer.raw(",\"audio_download_url\":")
        optional(&writer, row.audioDownloadURL)
        writer.raw(",\"download_url\":")
        optional(&writer, row.downloadURL)
        writer.raw(",\"download_url_expiry\":")
        optional(&writer, row.downloadURLExpiry.map(Timestamp.format))
        writer.raw(",\"file_size\":" + String(row.fileSize))
        writer.raw(",\"invoked_time\":")
        writer.string(Timestamp.format(row.invokedTime))
        writer.raw(",\"meeting\":")
        let head = writer.text
        writer = JSONWriter(capacity: 300)
        writer.raw(",\"recording_duration\":" + String(row.recordingDuration))
        writer.raw(",\"started_time\":")
        writer.string(Timestamp.format(row.startedTime))
        writer.raw(",\"status\":")
        writer.string(row.status)
        writer.raw(",\"stopped_time\":")
        optional(&writer, row.stoppedTime.map(Timestamp.format))
        writer.raw(",\"storage_config\":" + (row.storageConfig ?? "null"))
        if reasons {
            if let start = row.startReason { writer.raw(",\"start_reason\":" + start) }
            if row.stoppedTime != nil, let stop = row.stopReason { writer.raw(",\"stop_reason\":" + stop) }
        }
        writer.raw("}")
        return (head, writer.text)
    }

    private static func optional(_ writer: inout JSONWriter, _ value: String?) {
        if let value { writer.string(value) } else { writer.raw("null") }
    }

    /// A `start_reason` / `stop_reason` object; the caller is included for API calls and record-on-start.
    static func reason(_ reason: String, callerID: String?) -> String {
        var writer = JSONWriter()
        writer.raw("{\"reason\":")
        writer.string(reason)
        if let callerID {
            writer.raw(",\"caller\":{\"name\":\"rtkql sandbox\",\"type\":\"ORGANIZATION\",\"user_Id\":")
            writer.string(callerID)
            writer.raw("}")
        }
        writer.raw("}")
        return writer.text
    }

    /// The download URL of a recording's file on the sandbox's pretend bucket.
    static func downloadURL(appID: String, recordingID: String, file: String) -> String {
        "https://rtk-recordings.sandbox.invalid/\(appID)/\(recordingID)/\(file)"
    }
}
