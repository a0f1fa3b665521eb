import Dispatch
import Foundation
import Synchronization

/// Runs `body` so that SIGINT or SIGTERM cancels it (aborting in-flight requests) instead of
/// killing the process mid-write; reports whether it was interrupted.
enum Interruption {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> (value: T, interrupted: Bool) {
        let task = Task { await body() }
        let flag = InterruptFlag()
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                flag.raise()
                task.cancel()
            }
            source.resume()
            sources.append(source)
        }
        let value = await task.value
        for source in sources { source.cancel() }
        return (value, flag.isRaised)
    }
}

/// Set once a signal arrived.
final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
