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
            var outcomes = [OperationOutcome?](repeating: nil, count: requests.count)
            var next = 0
            func launch() {
                guard next < requests.count else { return }
                let index = next
                let request = requests[index]
                next += 1
                group.addTask {
                    do { return (index, .success(try await api.send(request, idempotent: idempotent))) } catch {
                        return (index, .failure(error as? RTKQLError ?? .invalid(message: "\(error)")))
                    }
                }
            }
            for _ in 0..<min(window, requests.count) { launch() }
            while let (index, result) = await group.next() {
                outcomes[index] = OperationOutcome(request: requests[index], result: result)
                launch()
            }
            return outcomes.compactMap { $0 }
        }
    }
}
