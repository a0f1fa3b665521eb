import Foundation
import RTKQL
import Synchronization

/// A progress line on stderr while a query pages through the API — only on a terminal, and only
/// once the query has taken more than a moment.
final class ProgressLine: Sendable {
    /// The one progress line of the process (stderr is one too).
    static let shared = ProgressLine()
    private let started = Mutex(ContinuousClock.now)
    private let shown = Mutex(false)

    /// Starts timing a new statement.
    func reset() {
        clear()
        started.withLock { $0 = ContinuousClock.now }
    }

    static var enabled: Bool { StandardError.isTerminal }

    func update(_ progress: FetchProgress) {
        let elapsed = ContinuousClock.now - started.withLock({ $0 })
        guard elapsed > .milliseconds(300) else { return }
        shown.withLock { $0 = true }
        StandardError.write("\r\u{1B}[2K" + progress.line(elapsed: elapsed))
    }

    /// Erases the line, if it was shown.
    func clear() {
        let wasShown = shown.withLock { value in
            defer { value = false }
            return value
        }
        if wasShown { StandardError.write("\r\u{1B}[2K") }
    }
}
