/// The errors of the MoQ relay routes: Cloudflare's v4 shape (`moqApiResponseError`) with the codes the
/// published schema lists (21001 body too large … 21011 empty name).
extension APIError {
    /// An error of the relay routes with its status, schema code and message.
    static func moq(_ status: Int, _ code: Int, _ message: String) -> APIError {
        APIError(status: status, message: message, shape: .cloudflare(code: code))
    }

    /// 400, 21003: a `relay_id` that is not 32 hex characters.
    static let relayIDMalformed = moq(400, 21003, "Relay ID should be 32 hex characters")

    /// 404, 21007: no relay with this ID in the account (the schema's example message).
    static let relayNotFound = moq(404, 21007, "A MoQ relay with this ID was not found.")

    /// 404 (the sandbox's own choice: the schema declares no answer for it): an account the sandbox does not serve.
    static func moqAccountNotFound(_ accountID: String) -> APIError {
        moq(404, 7003, "account \(accountID) not found")
    }

    /// 413, 21001: a body larger than the sandbox reads.
    static let moqBodyTooLarge = moq(413, 21001, "Request body too large: larger than 1 MiB")

    /// 500, 21006, or the gateway's 502 / 503: an injected failure.
    static func moqInjectedFailure(status: Int) -> APIError {
        let name = status == 502 ? "Bad gateway" : status == 503 ? "Service unavailable" : "Unexpected server error"
        return moq(status, 21006, "\(name): injected failure (sandbox fail rate)")
    }

    /// The same failure of the shared body checks (`"name" must be a string`), in the relay routes' shape with
    /// `code`, without RealtimeKit's `BAD_REQUEST: ` prefix.
    func asMoQ(code: Int) -> APIError {
        guard case .realtimeKit = shape else { return self }
        let text = message.hasPrefix("BAD_REQUEST: ") ? String(message.dropFirst("BAD_REQUEST: ".count)) : message
        return APIError.moq(status, code, text)
    }
}
