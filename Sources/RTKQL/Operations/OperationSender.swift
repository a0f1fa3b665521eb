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
        let window = max(1, engine.configuration.concurrency)
        return await withTaskGroup(of: (Int, Result<HTTPResponse, RTKQLError>).self) { group in
            // Tasks are added inline (no nested function capturing `group`; see ResourceLoader).
            var outcomes = [OperationOutcome?](repeating: nil, count: requests.count)
            var launched = 0
            while launched < min(window, requests.count) {
                let (index, request) = (launched, requests[launched])
                launched += 1
                group.addTask { [index, request] in (index, await api.result(of: request, idempotent: idempotent)) }
            }
            while let (index, result) = await group.next() {
                outcomes[index] = OperationOutcome(request: requests[index], result: result)
                if launched < requests.count {
                    let (nextIndex, nextRequest) = (launched, requests[launched])
                    launched += 1
                    group.addTask { [nextIndex, nextRequest] in (nextIndex, await api.result(of: nextRequest, idempotent: idempotent)) }
                }
            }
            return outcomes.compactMap { $0 }
        }
    }
}
