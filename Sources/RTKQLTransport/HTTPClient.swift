import Foundation
import Synchronization

/// Settings of the HTTP transport.
public struct TransportOptions: Sendable {
    public var connectTimeoutMilliseconds: Int = 10_000
    public var totalTimeoutMilliseconds: Int = 60_000
    public var verifyTLS: Bool = true
    public var userAgent: String = "rtkql/0.1"

    public init() {}
}

/// Sends HTTP requests with libcurl. Connections are kept alive and reused through a pool of easy
/// handles; requests run on background threads so callers can await them concurrently.
public final class HTTPClient: Sendable {
    public let options: TransportOptions
    private let idleHandles = Mutex<[UnsafeSendableBox<CurlEasyHandle>]>([])

    public init(options: TransportOptions = TransportOptions()) {
        self.options = options
    }

    /// Sends one request and returns its response (any status). Throws `TransportError` when no
    /// response arrived; cancelling the calling task aborts the transfer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                // A blocking transfer gets its own thread: blocking the shared dispatch pool starves
                // it (libdispatch adds threads for blocked work only after a delay).
                let thread = Thread {
                    let easy = self.takeHandle()
                    defer { self.returnHandle(easy) }
                    do {
                        let response = try easy.value.perform(request, options: self.options) {
                            flag.isSet
                        }
                        continuation.resume(returning: response)
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
        } onCancel: {
            flag.set()
        }
    }

    private func takeHandle() -> UnsafeSendableBox<CurlEasyHandle> {
        idleHandles.withLock { $0.popLast() } ?? UnsafeSendableBox(CurlEasyHandle())
    }

    private func returnHandle(_ handle: UnsafeSendableBox<CurlEasyHandle>) {
        idleHandles.withLock { $0.append(handle) }
    }
}

/// Carries a non-Sendable value across a concurrency boundary where the code guarantees exclusive use.
final class UnsafeSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A flag raised when the awaiting task is cancelled, read by libcurl's progress callback.
final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    var isSet: Bool { raised.load(ordering: .relaxed) }
    func set() { raised.store(true, ordering: .relaxed) }
}
