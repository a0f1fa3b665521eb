import CCurl
import Foundation
import Synchronization

/// Runs every transfer of one `HTTPClient` on one libcurl multi handle, driven by one thread.
///
/// The multi handle owns the connection cache, so connections (and TLS sessions) are reused by every
/// request of the client, whichever easy handle carries it, and HTTP/2 servers get concurrent requests
/// multiplexed over one connection. The thread runs while transfers are pending and ends when there are
/// none; the next request starts it again.
final class CurlMulti: @unchecked Sendable {
    /// A request waiting for, or in, the multi handle.
    private struct Transfer {
        var request: HTTPRequest
        var isCancelled: @Sendable () -> Bool
        var completion: @Sendable (Result<HTTPResponse, TransportError>) -> Void
    }

    /// Guarded by `state`'s lock: what the driving thread picks up.
    private struct Queue {
        var waiting: [Transfer] = []
        var running = false
    }

    private let multi: UnsafeMutableRawPointer
    private let options: TransportOptions
    private let state = Mutex(Queue())
    // Touched only by the driving thread:
    private var active: [UnsafeMutableRawPointer: (CurlEasyHandle, Transfer)] = [:]
    private var idle: [CurlEasyHandle] = []

    init(options: TransportOptions) {
        _ = CurlGlobal.initialised
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed") }
        self.multi = multi
        self.options = options
    }

    deinit {
        idle.removeAll()  // each was removed from the multi handle when its transfer finished
        curl_multi_cleanup(multi)
    }

    /// Queues `request`; `completion` is called once, on the driving thread, with its outcome.
    func submit(_ request: HTTPRequest, isCancelled: @escaping @Sendable () -> Bool,
                completion: @escaping @Sendable (Result<HTTPResponse, TransportError>) -> Void) {
        let start = state.withLock { queue in
            queue.waiting.append(Transfer(request: request, isCancelled: isCancelled, completion: completion))
            defer { queue.running = true }
            return !queue.running
        }
        if start {
            let thread = Thread { self.drive() }
            thread.name = "rtkql-http"
            thread.stackSize = 1 << 20
            thread.start()
        } else {
            curl_multi_wakeup(multi)
        }
    }

    private func drive() {
        while true {
            let waiting = state.withLock { queue -> [Transfer]? in
                if queue.waiting.isEmpty && active.isEmpty {
                    queue.running = false
                    return nil
                }
                defer { queue.waiting.removeAll() }
                return queue.waiting
            }
            guard let waiting else { return }
            for transfer in waiting { start(transfer) }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var easy: UnsafeMutableRawPointer?
            var result = CURLE_OK
            while rtkql_curl_multi_next_done(multi, &easy, &result) != 0 {
                if let easy { finish(easy, result) }
            }
            if !active.isEmpty {
                curl_multi_poll(multi, nil, 0, 100, nil)
            }
        }
    }

    private func start(_ transfer: Transfer) {
        // Cancelled while waiting: never connect for it.
        guard !transfer.isCancelled() else {
            transfer.completion(.failure(TransportError(kind: .cancelled, curlCode: Int(CURLE_ABORTED_BY_CALLBACK.rawValue),
                                                        message: "cancelled before it was sent",
                                                        request: "\(transfer.request.method) \(transfer.request.url)")))
            return
        }
        let easy = idle.popLast() ?? CurlEasyHandle()
        easy.prepare(transfer.request, options: options, isCancelled: transfer.isCancelled)
        let code = curl_multi_add_handle(multi, easy.handle)
        guard code == CURLM_OK else {
            transfer.completion(.failure(TransportError(kind: .other, curlCode: Int(code.rawValue),
                                                        message: String(cString: curl_multi_strerror(code)),
                                                        request: "\(transfer.request.method) \(transfer.request.url)")))
            idle.append(easy)
            return
        }
        active[easy.handle] = (easy, transfer)
    }

    private func finish(_ handle: UnsafeMutableRawPointer, _ code: CURLcode) {
        guard let (easy, transfer) = active.removeValue(forKey: handle) else { return }
        curl_multi_remove_handle(multi, handle)
        let outcome = easy.finish(code, request: transfer.request)
        idle.append(easy)
        transfer.completion(outcome)
    }
}
