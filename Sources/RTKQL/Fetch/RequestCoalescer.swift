import RTKQLTransport
import Synchronization

/// Shares one request among identical GETs in flight at the same time (a self-join, two CTEs, several
/// sessions of a server front end asking the same page): the first asker sends it in its own task, the
/// others wait for its answer. A waiter that is cancelled stops waiting at once; when the sender is
/// cancelled, a waiter that was not sends the request itself.
final class RequestCoalescer: Sendable {
    typealias Answer = Result<HTTPResponse, RTKQLError>

    /// What a waiter is told.
    private enum Outcome {
        case answer(Answer)
        /// The sender was cancelled: ask again.
        case retry
    }

    private struct Flight {
        var waiters: [Int: CheckedContinuation<Outcome, Never>] = [:]
    }

    private struct State {
        var flights: [ResponseCache.Key: Flight] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// The answer to the request identified by `key`, sending it with `send` unless an identical one is in
    /// flight; `shared` tells whether another asker's request answered.
    func answer(_ key: ResponseCache.Key, send: @Sendable () async -> Answer) async -> (answer: Answer, shared: Bool) {
        while true {
            let leads = state.withLock { state -> Bool in
                guard state.flights[key] == nil else { return false }
                state.flights[key] = Flight()
                return true
            }
            if leads {
                let answer = await send()
                let cancelled = Task.isCancelled
                let waiters = state.withLock { $0.flights.removeValue(forKey: key)?.waiters ?? [:] }
                for waiter in waiters.values { waiter.resume(returning: cancelled ? .retry : .answer(answer)) }
                return (answer, false)
            }
            switch await wait(for: key) {
            case .answer(let answer): return (answer, true)
            case .retry: continue
            }
        }
    }

    private func wait(for key: ResponseCache.Key) async -> Outcome {
        let waiter = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let registered = state.withLock { state -> Bool in
                    guard state.flights[key] != nil, !Task.isCancelled else { return false }
                    state.flights[key]!.waiters[waiter] = continuation
                    return true
                }
                // The sender finished in between (ask again), or this waiter is already cancelled.
                if !registered {
                    continuation.resume(returning: Task.isCancelled ? .answer(.failure(RequestCoalescer.cancelled(key))) : .retry)
                }
            }
        } onCancel: {
            let continuation = state.withLock { $0.flights[key]?.waiters.removeValue(forKey: waiter) }
            continuation?.resume(returning: .answer(.failure(RequestCoalescer.cancelled(key))))
        }
    }

    private static func cancelled(_ key: ResponseCache.Key) -> RTKQLError {
        .transport(TransportError(kind: .cancelled, curlCode: 42, message: "cancelled", request: "GET \(key.url)"))
    }
}
