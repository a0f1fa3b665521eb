import MCP

/// Runs one client's tool calls one after another, in the order they arrived.
///
/// A `Session` runs one statement at a time and cancels the one running when another starts; MCP clients
/// may send several calls at once (agents run tools in parallel), so each waits for the previous one here
/// instead of cancelling it. Cancelling a waiting or running call cancels only that call.
actor CallQueue {
    private var tail: Task<Void, Never>?

    func run(_ body: @escaping @Sendable () async -> CallTool.Result) async -> CallTool.Result {
        let task = enqueue(body)
        return await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
    }

    private func enqueue(_ body: @escaping @Sendable () async -> CallTool.Result) -> Task<CallTool.Result, Never> {
        let previous = tail
        let task = Task {
            await previous?.value
            return await body()
        }
        tail = Task { _ = await task.value }
        return task
    }
}
