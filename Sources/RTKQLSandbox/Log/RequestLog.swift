import RTKQLJSON
import Foundation

/// Every request the sandbox answered, in memory and (optionally) as JSON lines in a file; and how
/// many requests were being served at once, at most.
actor RequestLog {
    private var records: [SandboxRequestRecord] = []
    private let file: FileHandle?
    private var inFlight = 0
    private(set) var peakInFlight = 0

    init(path: String?) throws {
        if let path {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
                }
            }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            handle.seekToEndOfFile()
            file = handle
        } else {
            file = nil
        }
    }

    func append(_ record: SandboxRequestRecord) {
        records.append(record)
        if let file {
            file.write(Data((RequestLog.line(record, time: Timestamp.format(Timestamp.now())) + "\n").utf8))
        }
    }

    /// A request has arrived (before any added latency).
    func began() {
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
    }

    /// A request has been answered.
    func ended() { inFlight -= 1 }

    func all() -> [SandboxRequestRecord] { records }

    func clear() {
        records.removeAll()
        peakInFlight = inFlight
    }

    /// One JSON line: `{"time","method","path","query","body","status","authenticated"}`.
    static func line(_ record: SandboxRequestRecord, time: String) -> String {
        var writer = JSONWriter()
        writer.raw("{\"time\":")
        writer.string(time)
        writer.raw(",\"method\":")
        writer.string(record.method)
        writer.raw(",\"path\":")
        writer.string(record.path)
        writer.raw(",\"query\":")
        if let query = record.query { writer.string(query) } else { writer.raw("null") }
        writer.raw(",\"body\":")
        if let body = record.body { writer.string(body) } else { writer.raw("null") }
        writer.raw(",\"status\":\(record.status),\"authenticated\":\(record.authenticated)}")
        return writer.text
    }
}
