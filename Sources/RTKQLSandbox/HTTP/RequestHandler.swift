import HTTPTypes
import Hummingbird

/// The request pipeline: latency, rate limit, authentication, injected failures, then the endpoint;
/// every request, whatever its fate, lands in the request log.
struct RequestHandler: Sendable {
    let routes: RouterResponder<SandboxContext>
    let auth: Auth
    let faults: FaultInjector
    let limiter: RateLimiter?
    let log: RequestLog
    static let maxBodyBytes = 1 << 20

    func respond(to incoming: Request, context: SandboxContext) async -> Response {
        await log.began()
        let response = await answer(incoming, context: context)
        await log.ended()
        return response
    }

    private func answer(_ incoming: Request, context incomingContext: SandboxContext) async -> Response {
        var request = incoming
        var context = incomingContext
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
        var response: Response
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
            context.body = body
            context.query = QueryString(query)
            context.now = Timestamp.now()
            context.malformed = plan.malformed
            response = try await routes.respond(to: request, context: context)
        } catch let error as APIError {
            response = Reply.error(error).response(malformed: nil)
        } catch {
            let failure = APIError(status: 500, message: "INTERNAL_SERVER_ERROR: \(error)", shape: .realtimeKit)
            response = Reply.error(failure).response(malformed: nil)
        }
        for (name, value) in extraHeaders { response.headers[name] = value }

        await log.append(SandboxRequestRecord(
            method: method, path: path, query: query,
            body: body.isEmpty ? nil : String(decoding: body, as: UTF8.self),
            status: Int(response.status.code), authenticated: authenticated))
        return response
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
