import Foundation

/// Where results go: standard output, or a file that appears only when every statement succeeded
/// (written to a temporary file beside it and renamed into place, so it is never half-written).
final class ResultSink: @unchecked Sendable {
    private let path: String?
    private let temporaryPath: String?
    private let handle: FileHandle

    init(outfile: String?) throws {
        path = outfile
        guard let outfile else {
            temporaryPath = nil
            handle = FileHandle.standardOutput
            return
        }
        let temporary = outfile + ".rtkql-\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw SinkError(message: "cannot write \(outfile)")
        }
        temporaryPath = temporary
        self.handle = handle
    }

    func write(_ text: String) {
        handle.write(Data(text.utf8))
    }

    /// Publishes the file (when writing one) on success, removes the partial one otherwise.
    func finish(success: Bool) {
        guard let path, let temporaryPath else { return }
        try? handle.close()
        if success {
            if rename(temporaryPath, path) != 0 {
                StandardError.write("error: cannot move the results into \(path)\n")
            }
        } else {
            unlink(temporaryPath)
            StandardError.write("\(path) was not written because a statement failed\n")
        }
    }

    struct SinkError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
