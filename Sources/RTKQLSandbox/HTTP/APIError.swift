/// An error answered to the client, in one of the two shapes of the reference.
struct APIError: Error, Sendable {
    /// Which envelope the error uses.
    enum Shape: Sendable {
        /// RealtimeKit's `{"success": false, "error": {"code": <status>, "message": ...}}`.
        case realtimeKit
        /// Cloudflare's v4 gateway shape `{"success": false, "errors": [{"code", "message"}], "messages": [], "result": null}`.
        case cloudflare(code: Int)
    }

    var status: Int
    var message: String
    var shape: Shape

    static func badRequest(_ message: String) -> APIError {
        APIError(status: 400, message: "BAD_REQUEST: " + message, shape: .realtimeKit)
    }

    static func notFound(_ message: String) -> APIError {
        APIError(status: 404, message: "NOT_FOUND: " + message, shape: .realtimeKit)
    }

    static func conflict(_ message: String) -> APIError {
        APIError(status: 409, message: "CONFLICT: " + message, shape: .realtimeKit)
    }

    static let authentication = APIError(status: 401, message: "Authentication error", shape: .cloudflare(code: 10000))

    static let noRoute = APIError(status: 400, message: "No route for that URI", shape: .cloudflare(code: 7000))

    static let methodNotAllowed = APIError(status: 405, message: "Method not allowed", shape: .cloudflare(code: 7001))
}
