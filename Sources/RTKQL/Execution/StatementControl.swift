import Dispatch
import Synchronization

/// What stops one running statement: a cancellation (task cancellation, Ctrl-C, `Session.cancel()`, a
/// client's cancel request) or its time limit. Every long part of a statement consults it: the fetch
/// (its task is cancelled, which aborts in-flight transfers), SQLite (its progress handler asks
/// `shouldStop` every few thousand instructions), and the loops between them.
final class StatementControl: Sendable {
    /// Why the statement was stopped.
    enum Stop: Sendable, Equatable {
        case cancelled
        case timedOut
    }

    private struct State {
        var stop: Stop?
        var tasks: [Int: @Sendable () -> Void] = [:]
        var nextTaskID = 0
    }

    /// The statement's time limit, when it has one.
    let timeLimit: Duration?
    /// When the time limit runs out.
    let deadline: ContinuousClock.Instant?
    /// How the statement's reads are answered (the session's cache, shared requests) and counted.
    let reads: StatementReads
    private let state = Mutex(State())
    /// Read by SQLite's progress handler on every check: an atomic, not the lock.
    private let stopped = Atomic<Bool>(false)
    /// Fires the time limit on a Dispatch queue, not the Swift concurrency pool: a pool kept busy by
    /// other statements cannot delay it.
    private let finished = Atomic<Bool>(false)

    init(timeLimit: Duration?, reads: StatementReads) {
        self.timeLimit = timeLimit
        self.reads = reads
        deadline = timeLimit.map { ContinuousClock.now + $0 }
        if let timeLimit {
            let nanoseconds = Int(StatementDeadline.seconds(timeLimit) * 1e9)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in
                guard let self, !self.finished.load(ordering: .relaxed) else { return }
                self.stop(.timedOut)
            }
        }
    }

    /// Cancels the statement: from any thread, at any time, as often as you like.
    func cancel() {
        stop(.cancelled)
    }

    /// Why the statement was stopped, if it was.
    var stopReason: Stop? { state.withLock { $0.stop } }

    /// True once the statement must stop; cheap enough for SQLite's progress handler, which also sees
    /// the deadline pass by itself.
    var shouldStop: Bool {
        if stopped.load(ordering: .relaxed) { return true }
        guard let deadline, ContinuousClock.now >= deadline else { return false }
        stop(.timedOut)
        return true
    }

    /// Ends the watchdog once the statement is over.
    func finish() {
        finished.store(true, ordering: .relaxed)
    }

    /// Throws the stop's error when the statement must stop.
    func check() throws(RTKQLError) {
        if let error = stopError { throw error }
    }

    /// The error a stopped statement ends with, or nil.
    var stopError: RTKQLError? {
        switch stopReason {
        case .cancelled?: return .cancelled
        case .timedOut?: return .statementTimeout(seconds: timeLimit.map(StatementDeadline.seconds) ?? 0)
        case nil: return nil
        }
    }

    /// The error to report for `error`, raised while the statement ran: once the statement was stopped,
    /// whatever the stop caused (an aborted transfer, an interrupted SQLite step) reads as the stop.
    func translate(_ error: any Error) -> RTKQLError {
        if let stopError { return stopError }
        if error is CancellationError { return .cancelled }
        if case .transport(let failure) = error as? RTKQLError, failure.kind == .cancelled { return .cancelled }
        return RTKQLError.storage(error)
    }

    /// Runs `body` as a task of its own that `cancel()` and the time limit reach, and that the calling
    /// task's cancellation reaches too.
    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws(RTKQLError) -> T {
        try check()
        let task = Task { try await body() }
        let id = register { task.cancel() }
        defer { unregister(id) }
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            self.cancel()
        }
        switch result {
        case .success(let value):
            try check()
            return value
        case .failure(let error):
            throw translate(error)
        }
    }

    private func stop(_ reason: Stop) {
        let cancels: [@Sendable () -> Void] = state.withLock { state in
            guard state.stop == nil else { return [] }
            state.stop = reason
            return Array(state.tasks.values)
        }
        stopped.store(true, ordering: .relaxed)
        cancels.forEach { $0() }
    }

    private func register(_ cancel: @escaping @Sendable () -> Void) -> Int {
        let (id, alreadyStopped) = state.withLock { state -> (Int, Bool) in
            state.nextTaskID += 1
            state.tasks[state.nextTaskID] = cancel
            return (state.nextTaskID, state.stop != nil)
        }
        if alreadyStopped { cancel() }
        return id
    }

    private func unregister(_ id: Int) {
        _ = state.withLock { $0.tasks.removeValue(forKey: id) }
    }
}

/// Formatting of statement time limits.
enum StatementDeadline {
    /// A duration in seconds, as a Double.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `2 s`, `0.5 s`.
    static func format(seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
