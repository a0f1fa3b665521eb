import RTKQLJSON
import RTKQLPlanning
import RTKQLTransport

/// The outcome of one REPLACE/EXEC request.
struct OperationOutcome: Sendable {
    var request: HTTPRequest
    var result: Result<HTTPResponse, RTKQLError>
}

/// Sends the requests of REPLACE and EXEC, at most `concurrency` at once, keeping their order; then drops
/// what the session's cache holds under the accounts they changed, so the next read fetches.
struct OperationSender {
    let engine: Engine
    /// The statement's reads, whose caches a mutation invalidates (nil: listing requests only).
    var reads: StatementReads?

    /// Drops the cached answers under the account (the first path parameter) of each operation: whatever a
    /// mutation changes lies under it, and any listing there may show the change.
    func invalidate(after operations: [OperationRequest]) {
        guard let reads else { return }
        let credentials = engine.apiClient.credentialsFingerprint
        for operation in operations {
            let base = engine.baseURL(for: operation.resource.provider)
            reads.invalidate(credentials: credentials, under: OperationSender.scope(of: operation, base: base))
        }
    }

    /// The URL of the operation's path up to its first path parameter (`…/accounts/a`), or the base URL.
    static func scope(of operation: OperationRequest, base: String) -> String {
        var method = operation.method
        guard let close = method.http.path.firstIndex(of: "}") else { return RequestBuilder.url(base: base, method: method, parameters: [:]) }
        method.http.path = String(method.http.path[...close])
        method.parameters = method.parameters.filter { $0.in == .path }
        let url = RequestBuilder.url(base: base, method: method, parameters: operation.parameters)
        return url.contains("{") ? (base.hasSuffix("/") ? String(base.dropLast()) : base) : url
    }

    func httpRequest(for operation: OperationRequest) throws(RTKQLError) -> HTTPRequest {
        let baseURL = engine.baseURL(for: operation.resource.provider)
        try engine.checkTransportSecurity(baseURL)
        let url = RequestBuilder.url(base: baseURL, method: operation.method, parameters: operation.parameters)
        return engine.apiClient.request(method: operation.method.http.verb, url: url, body: operation.bodyText.map { Array($0.utf8) })
    }

    func send(_ operations: [OperationRequest]) async throws(RTKQLError) -> [OperationOutcome] {
        var requests: [HTTPRequest] = []
        for operation in operations { requests.append(try httpRequest(for: operation)) }
        let api = engine.apiClient
        let idempotent = operations.first?.method.isIdempotent ?? false
        var outcomes: [OperationOutcome] = []
        outcomes.reserveCapacity(requests.count)
        await orderedConcurrentMap(requests, limit: engine.configuration.concurrency, { request in
            await api.result(of: request, idempotent: idempotent)
        }, consume: { index, result in
            outcomes.append(OperationOutcome(request: requests[index], result: result))
            return true
        })
        invalidate(after: operations)
        return outcomes
    }
}
