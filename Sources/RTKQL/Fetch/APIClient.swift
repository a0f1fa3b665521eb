import RTKQLJSON
import RTKQLTransport

/// Sends API requests with credentials and turns error answers into `APIError`s.
struct APIClient: Sendable {
    let http: HTTPClient
    let credentials: Credentials
    let governor: RequestGovernor
    let retry: RetryPolicy
    /// Called with one line per request sent (`--http.log.enabled`); never sees credentials.
    let log: (@Sendable (String) -> Void)?

    /// Tells credentials apart without keeping them: answers cached under one set of credentials never
    /// serve another.
    var credentialsFingerprint: Int {
        var hasher = Hasher()
        for header in credentials.headers {
            hasher.combine(header.name.lowercased())
            hasher.combine(header.value)
        }
        return hasher.finalize()
    }

    /// The request with credentials and standard headers added.
    func request(method: String, url: String, body: [UInt8]?) -> HTTPRequest {
        var headers = [HTTPHeader("Accept", "application/json")] + credentials.headers
        if body != nil { headers.append(HTTPHeader("Content-Type", "application/json")) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// Sends and returns a successful response; throws `RTKQLError.api` for error statuses
    /// and `success: false` bodies, `RTKQLError.transport` when no response came.
    ///
    /// Idempotent requests (GET, and PUT actions) are retried on connection failures, timeouts,
    /// 408, 429 and 5xx, with exponential backoff and jitter, honouring `Retry-After`; a 429 holds
    /// the whole pool back. Other requests are sent once.
    func send(_ request: HTTPRequest, idempotent: Bool? = nil) async throws(RTKQLError) -> HTTPResponse {
        let retryable = idempotent ?? (request.method == "GET")
        let label = "\(request.method) \(request.url)"
        let started = ContinuousClock.now
        var attempt = 0
        while true {
            let outcome = await sendOnce(request, label: label)
            let delay: Double
            switch outcome {
            case .success(let response):
                return response
            case .failure(let error):
                guard retryable, attempt < retry.maximumRetries, !Task.isCancelled else { throw error }
                switch error {
                case .transport(let failure) where failure.kind != .cancelled:
                    delay = backoff(attempt)
                case .api(let api) where api.status == 429 || api.status == 408 || api.status >= 500:
                    delay = api.retryAfterSeconds ?? backoff(attempt)
                    if api.status == 429 { await governor.close(for: delay) }
                default:
                    throw error
                }
                let elapsed = ContinuousClock.now - started
                if Double(elapsed.components.seconds) + delay > retry.maximumTotalSeconds { throw error }
                log?("retrying \(label) in \(String(format: "%.2f", delay))s (\(error))")
            }
            do { try await Task.sleep(for: .seconds(delay)) } catch {
                throw .transport(TransportError(kind: .cancelled, curlCode: 42, message: "cancelled", request: label))
            }
            attempt += 1
        }
    }

    /// `send`, as a value: for task groups.
    func result(of request: HTTPRequest, idempotent: Bool? = nil) async -> Result<HTTPResponse, RTKQLError> {
        do { return .success(try await send(request, idempotent: idempotent)) } catch { return .failure(error) }
    }

    private func backoff(_ attempt: Int) -> Double {
        let base = retry.initialBackoffSeconds * Double(1 << min(attempt, 10))
        return base + Double.random(in: 0...(base / 2))
    }

    private func sendOnce(_ request: HTTPRequest, label: String) async -> Result<HTTPResponse, RTKQLError> {
        do { try await governor.acquire() } catch {
            return .failure(.transport(TransportError(kind: .cancelled, curlCode: 42, message: "cancelled", request: label)))
        }
        let started = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as TransportError {
            log?("\(label) → \(error.message)")
            return .failure(.transport(error))
        } catch {
            return .failure(.transport(TransportError(kind: .other, curlCode: -1, message: "\(error)", request: label)))
        }
        if let log {
            let elapsed = ContinuousClock.now - started
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            log("\(label) → \(response.status) (\(response.body.count) bytes, \(milliseconds) ms)")
        }
        if (200..<300).contains(response.status), !response.body.isEmpty,
           let type = response.headers["content-type"], !type.lowercased().contains("json") {
            return .failure(.malformedResponse(request: label, message: "expected JSON, got \(type): "
                                               + String(decoding: response.body.prefix(80), as: UTF8.self)))
        }
        if !(200..<300).contains(response.status) || APIClient.reportsFailure(response.body) {
            var error = APIClient.apiError(from: response, request: label)
            if let retryAfter = response.headers["retry-after"].flatMap(Double.init) { error.retryAfterSeconds = retryAfter }
            return .failure(.api(error))
        }
        return .success(response)
    }

    /// True when a 2xx body starts with `{"success": false`.
    static func reportsFailure(_ body: [UInt8]) -> Bool {
        let head = String(decoding: body.prefix(64), as: UTF8.self).filter { !$0.isWhitespace }
        return head.hasPrefix(#"{"success":false"#)
    }

    /// Reads both error shapes: RealtimeKit's `{"error": {"code", "message"}}` and the v4
    /// `{"errors": [{"code", "message"}]}`; falls back to the body text.
    static func apiError(from response: HTTPResponse, request: String) -> APIError {
        if let json = try? JSONValue.parse(response.bodyText) {
            if let error = json["error"] {
                if let message = error["message"]?.stringValue {
                    return APIError(status: response.status, message: message, code: error["code"]?.intValue, request: request)
                }
                if let message = error.stringValue {
                    return APIError(status: response.status, message: message, request: request)
                }
            }
            if case .array(let errors)? = json["errors"], !errors.isEmpty {
                let messages = errors.compactMap { $0["message"]?.stringValue }
                return APIError(status: response.status, message: messages.joined(separator: "; "),
                                code: errors.first?["code"]?.intValue, request: request)
            }
            if let message = json["message"]?.stringValue {
                return APIError(status: response.status, message: message, request: request)
            }
        }
        let text = response.bodyText.trimmingCharacters(limit: 300)
        return APIError(status: response.status, message: text.isEmpty ? "(empty body)" : text, request: request)
    }
}

extension String {
    func trimmingCharacters(limit: Int) -> String {
        let trimmed = String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        return trimmed.count > limit ? String(trimmed.prefix(limit)) + "…" : trimmed
    }
}
