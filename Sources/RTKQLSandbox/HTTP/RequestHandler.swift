import HTTPTypes
import Hummingbird

/// The request pipeline: latency, rate limit, authentication, injected failures, then the endpoint;
/// every request, whatever its fate, lands in the request log.
struct RequestHandler: Sendable {
    let dispatcher: Dispatcher
    let auth: Auth
    let faults: FaultInjector
    let limiter: RateLimiter?
    let log: RequestLog
    static let maxBodyBytes = 1 << 20

    func respond(to incoming: Request) async -> Response {
        await log.began()
        let response = await answer(incoming)
        await log.ended()
        return response
    }

    private func answer(_ incoming: Request) async -> Response {
        var request = incoming
        let method = request.method.rawValue
        let (path, query) = RequestHandler.split(request.uri.string)
        var body: [UInt8] = []
        var bodyError: APIError?
        do {
            let buffer = try await request.collectBody(upTo: RequestHandler.maxBodyBytes)
            body = Array(buffer.readableBytesView)
        } catch {
            bodyError = APIError(status: 413, message: "PAYLOAD_TOO_LARGE: request body is larger than 1 MiB", shape: .realtimeKit)
        }
        let authenticated = auth.isAuthorized(
            authorization: request.headers[.authorization],
            email: request.headers[RequestHandler.authEmail],
            key: request.headers[RequestHandler.authKey])

        let plan = faults.next()
        if plan.delayMs > 0 { try? await Task.sleep(for: .milliseconds(plan.delayMs)) }

        var extraHeaders: [(HTTPField.Name, String)] = []
        let reply: Dispatcher.Reply
        do {
            if let limiter {
                let decision = await limiter.admit()
                extraHeaders.append((RequestHandler.rateLimitPolicy, "\"default\";q=\(limiter.limit);w=\(limiter.windowSeconds)"))
                extraHeaders.append((RequestHandler.rateLimit, "\"default\";r=\(decision.remaining);t=\(decision.retryAfterSeconds)"))
                if !decision.allowed {
                    extraHeaders.append((.retryAfter, String(decision.retryAfterSeconds)))
                    throw APIError(status: 429, message: "Please wait and consider throttling your request speed",
                                   shape: .cloudflare(code: 971))
                }
            }
            guard authenticated else { throw APIError.authentication }
            if let failure = plan.failure { throw FaultInjector.error(status: failure) }
            if let bodyError { throw bodyError }
            let segments = path.split(separator: "/").map { QueryString.decode($0) }
            reply = try await dispatcher.dispatch(method: method, segments: segments, query: query, body: body)
        } catch let error as APIError {
            reply = Dispatcher.Reply(status: error.status, body: Envelope.error(error))
        } catch {
            let failure = APIError(status: 500, message: "INTERNAL_SERVER_ERROR: \(error)", shape: .realtimeKit)
            reply = Dispatcher.Reply(status: 500, body: Envelope.error(failure))
        }

        await log.append(SandboxRequestRecord(
            method: method, path: path, query: query,
            body: body.isEmpty ? nil : String(decoding: body, as: UTF8.self),
            status: reply.status, authenticated: authenticated))

        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        for (name, value) in extraHeaders { headers[name] = value }
        var text = reply.body
        switch (plan.malformed, reply.status) {
        case (.truncated?, 200..<300):
            text = String(text.prefix(text.count / 2))
        case (.html?, 200..<300):
            headers[.contentType] = "text/html; charset=utf-8"
            text = "<html><body><h1>502 Bad Gateway</h1></body></html>"
        default:
            break
        }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Splits a request target into the path and the raw query string (nil without `?`).
    static func split(_ target: String) -> (String, String?) {
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    static let authEmail = HTTPField.Name("X-Auth-Email")!
    static let authKey = HTTPField.Name("X-Auth-Key")!
    static let rateLimit = HTTPField.Name("Ratelimit")!
    static let rateLimitPolicy = HTTPField.Name("Ratelimit-Policy")!
}
