import RTKQLJSON
import RTKQLTransport

/// Sends API requests with credentials and turns error answers into `APIError`s.
struct APIClient: Sendable {
    let http: HTTPClient
    let credentials: Credentials

    /// The request with credentials and standard headers added.
    func request(method: String, url: String, body: [UInt8]?) -> HTTPRequest {
        var headers = [HTTPHeader("Accept", "application/json")] + credentials.headers
        if body != nil { headers.append(HTTPHeader("Content-Type", "application/json")) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// Sends and returns a successful response; throws `RTKQLError.api` for error statuses
    /// and `success: false` bodies, `RTKQLError.transport` when no response came.
    func send(_ request: HTTPRequest) async throws(RTKQLError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as TransportError {
            throw .transport(error)
        } catch {
            throw .transport(TransportError(kind: .other, curlCode: -1, message: "\(error)", request: "\(request.method) \(request.url)"))
        }
        let label = "\(request.method) \(request.url)"
        if !(200..<300).contains(response.status) {
            throw .api(APIClient.apiError(from: response, request: label))
        }
        return response
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
