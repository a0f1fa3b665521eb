import Dispatch

/// Where blocking SQLite work runs: threads of its own, never the cooperative pool, so that a long
/// statement (or fifty of them, one per server connection) cannot starve the tasks that drive transfers,
/// timers and sockets.
enum SQLiteWork {
    private static let queue = DispatchQueue(label: "rtkql.sqlite", qos: .userInitiated, attributes: .concurrent)

    /// Runs `body` on a SQLite thread and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
