import Foundation

/// Writes all of `text` to a file descriptor. A reader that went away (`EPIPE`: `rtkql … | head`) ends the
/// process quietly, as the default SIGPIPE would; other failures are reported once, on stderr.
enum DescriptorWriter {
    static func write(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written >= 0 {
                    offset += written
                    continue
                }
                switch errno {
                case EINTR, EAGAIN: continue
                case EPIPE: exit(141)  // 128 + SIGPIPE: the shell's convention for a closed pipe
                default: return false
                }
            }
            return true
        }
    }
}

/// Writes to standard error.
enum StandardError {
    static func write(_ text: String) {
        _ = DescriptorWriter.write(text, to: STDERR_FILENO)
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// Writes to standard output without buffering surprises between stdout and stderr.
enum StandardOutput {
    static func write(_ text: String) {
        if !DescriptorWriter.write(text, to: STDOUT_FILENO) {
            StandardError.write("error: cannot write to standard output: \(String(cString: strerror(errno)))\n")
            exit(1)
        }
    }
}
