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

/// Sends HTTP requests with libcurl: every request of a client goes through one multi handle, which
/// reuses connections across requests and multiplexes concurrent requests over HTTP/2 where the
/// server offers it. Callers await requests concurrently; one thread drives the transfers.
public final class HTTPClient: Sendable {
    public let options: TransportOptions
    private let driver: CurlMulti

    public init(options: TransportOptions = TransportOptions()) {
        self.options = options
        driver = CurlMulti(options: options)
    }

    /// Sends one request and returns its response (any status). Throws `TransportError` when no
    /// response arrived; cancelling the calling task aborts the transfer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                driver.submit(request, isCancelled: { flag.isSet }) { outcome in
                    continuation.resume(with: outcome.mapError { $0 as any Error })
                }
            }
        } onCancel: {
            flag.set()
        }
    }
}

/// A flag raised when the awaiting task is cancelled, read by libcurl's progress callback.
final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    var isSet: Bool { raised.load(ordering: .relaxed) }
    func set() { raised.store(true, ordering: .relaxed) }
}
