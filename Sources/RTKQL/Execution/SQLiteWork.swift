import Foundation

/// Where blocking SQLite work runs: a thread of its own per piece of work, never the cooperative pool
/// nor a Dispatch queue (whose threads Linux limits to about one per core), so that long statements —
/// fifty of them, one per server connection — neither starve the tasks that drive transfers, timers and
/// sockets nor wait behind each other.
enum SQLiteWork {
    /// Runs `body` on a thread of its own and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.qualityOfService = .userInitiated
            thread.start()
        }
    }
}
