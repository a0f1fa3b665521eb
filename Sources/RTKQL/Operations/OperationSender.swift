import RTKQLJSON
import RTKQLPlanning
import RTKQLTransport

/// The outcome of one REPLACE/EXEC request.
struct OperationOutcome: Sendable {
    var request: HTTPRequest
    var result: Result<HTTPResponse, RTKQLError>
}

/// Sends the requests of REPLACE and EXEC, at most `concurrency` at once, keeping their order.
struct OperationSender {
    let engine: Engine

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
        return outcomes
    }
}
