import RTKQLStorage
import Synchronization

/// The rows of one statement's result, produced only as they are asked for.
///
/// For a SELECT, each request for rows steps SQLite for a small batch (one row at first, then up to 64 as
/// the consumer keeps reading), so memory stays flat however large the result and however slow the
/// consumer, and nothing is ever dropped. Stopping early — leaving the loop, `close()`, dropping the
/// cursor — finalizes the statement and frees its rows. Task cancellation, `Session.cancel()` and the
/// statement time limit interrupt a step that is running.
///
/// A cursor is read once: iterating it again continues where the last iteration stopped.
public final class RowCursor: AsyncSequence, Sendable {
    public typealias Element = [SQLValue]

    private enum Source: Sendable {
        /// Rows already in memory (in `State.pending`).
        case memory
        case sqlite(RowSource, StatementControl)
    }

    private struct State {
        var pending: [[SQLValue]] = []
        var pendingIndex = 0
        var delivered = 0
        var finished = false
    }

    private let source: Source
    private let state = Mutex(State())

    /// A cursor over rows already in memory.
    public init(rows: [[SQLValue]]) {
        source = .memory
        state.withLock { $0.pending = rows }
    }

    init(source: RowSource, control: StatementControl) {
        self.source = .sqlite(source, control)
    }

    deinit {
        close()
    }

    /// The next row, or nil once the result is exhausted or the cursor closed.
    public func next() async throws(RTKQLError) -> [SQLValue]? {
        let (row, batchSize): ([SQLValue]?, Int) = state.withLock { state in
            if state.pendingIndex < state.pending.count {
                defer { state.pendingIndex += 1 }
                state.delivered += 1
                return (state.pending[state.pendingIndex], 0)
            }
            state.pending = []
            state.pendingIndex = 0
            if state.finished { return (nil, 0) }
            return (nil, Swift.min(64, Swift.max(1, state.delivered)))
        }
        if let row { return row }
        guard batchSize > 0, case .sqlite(let rows, let control) = source else {
            state.withLock { $0.finished = true }
            return nil
        }
        let batch: [[SQLValue]]
        do {
            try control.check()
            batch = try await withTaskCancellationHandler {
                try await SQLiteWork.run { try rows.next(batchSize) }
            } onCancel: {
                control.cancel()
            }
        } catch {
            close()
            throw control.translate(error)
        }
        if batch.count < batchSize { control.finish() }
        return state.withLock { state in
            state.pending = batch
            state.pendingIndex = 0
            state.finished = batch.count < batchSize
            guard !batch.isEmpty else { return nil }
            state.pendingIndex = 1
            state.delivered += 1
            return batch[0]
        }
    }

    /// Every remaining row, stepped in one go.
    public func collect() async throws(RTKQLError) -> [[SQLValue]] {
        var rows: [[SQLValue]] = state.withLock { state in
            defer { state.pending = []; state.pendingIndex = 0 }
            return Array(state.pending[state.pendingIndex...])
        }
        guard case .sqlite(let source, let control) = source, !state.withLock({ $0.finished }) else {
            state.withLock { $0.finished = true }
            return rows
        }
        do {
            try control.check()
            rows += try await withTaskCancellationHandler {
                try await SQLiteWork.run {
                    var all: [[SQLValue]] = []
                    while true {
                        let batch = try source.next(4096)
                        all += batch
                        if batch.count < 4096 { return all }
                    }
                }
            } onCancel: {
                control.cancel()
            }
        } catch {
            close()
            throw control.translate(error)
        }
        control.finish()
        state.withLock { $0.finished = true }
        return rows
    }

    /// Stops reading: finalizes the statement and frees its database. Safe to call more than once.
    public func close() {
        state.withLock {
            $0.finished = true
            $0.pending = []
            $0.pendingIndex = 0
        }
        if case .sqlite(let source, let control) = source {
            source.close()
            control.finish()
        }
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(cursor: self)
    }

    /// Reads the cursor row by row.
    public struct Iterator: AsyncIteratorProtocol {
        let cursor: RowCursor

        public mutating func next() async throws(RTKQLError) -> [SQLValue]? {
            try await cursor.next()
        }
    }
}
