import Foundation
import Synchronization

/// Where results go: standard output, or a file that appears only when every statement succeeded
/// (written to a temporary file beside it and renamed into place, so it is never half-written).
final class ResultSink: Sendable {
    private let path: String?
    private let temporaryPath: String?
    private let descriptor: Int32
    /// Set when a write to the file failed (a full disk, say): the file is then never published.
    private let writeFailed = Atomic<Bool>(false)

    init(outfile: String?) throws {
        path = outfile
        guard let outfile else {
            temporaryPath = nil
            descriptor = STDOUT_FILENO
            return
        }
        let temporary = outfile + ".rtkql-\(ProcessInfo.processInfo.processIdentifier).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw SinkError(message: "cannot write \(outfile): \(String(cString: strerror(errno)))")
        }
        temporaryPath = temporary
        self.descriptor = descriptor
    }

    func write(_ text: String) {
        guard path != nil else { return StandardOutput.write(text) }
        if !DescriptorWriter.write(text, to: descriptor), !writeFailed.exchange(true, ordering: .relaxed) {
            StandardError.write("error: cannot write \(path ?? ""): \(String(cString: strerror(errno)))\n")
        }
    }

    /// Publishes the file (when writing one) on success, removes the partial one otherwise.
    func finish(success: Bool) {
        guard let path, let temporaryPath else { return }
        close(descriptor)
        if success, !writeFailed.load(ordering: .relaxed) {
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
