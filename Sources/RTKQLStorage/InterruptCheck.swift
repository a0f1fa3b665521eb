import CSQLite

/// A question SQLite asks every few thousand virtual-machine instructions while a statement runs:
/// "must this stop now?" (cancellation, a statement deadline). When it answers yes, the running
/// statement fails with `SQLITE_INTERRUPT`.
///
/// Built on `sqlite3_progress_handler`, which, unlike `sqlite3_interrupt`, also stops a statement that
/// starts after the decision was taken and needs no thread to call it at the right moment.
final class InterruptCheck {
    let shouldStop: @Sendable () -> Bool

    init(_ shouldStop: @escaping @Sendable () -> Bool) {
        self.shouldStop = shouldStop
    }
}

extension Database {
    /// Stops any statement of this connection, within `instructions` SQLite VM steps, once `shouldStop`
    /// returns true (the statement then fails with result code `SQLITE_INTERRUPT`). Replaces an earlier check.
    public func interrupt(every instructions: Int32 = 1_000, when shouldStop: @escaping @Sendable () -> Bool) {
        let check = InterruptCheck(shouldStop)
        interruptCheck = check
        sqlite3_progress_handler(connection, instructions, { context in
            guard let context else { return 0 }
            return Unmanaged<InterruptCheck>.fromOpaque(context).takeUnretainedValue().shouldStop() ? 1 : 0
        }, Unmanaged.passUnretained(check).toOpaque())
    }
}
