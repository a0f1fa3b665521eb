import HTTPTypes
import Hummingbird

/// The middleware every request passes through before its route, outermost first: the request log
/// (which reads the body), error rendering, the query string and clock, latency (and the fault plan), the rate limit, authentication,
/// injected failures. Installed on the router before any route is declared, so unrouted requests
/// (answered 400 / 7000 or 405) pass through it too.
struct Pipeline: Sendable {
    let auth: Auth
    let faults: FaultInjector
    let limiter: RateLimiter?
    let log: RequestLog

    /// Adds the middleware to `router`, in order.
    func install(on router: Router<SandboxContext>) {
        router.add(middleware: RequestLogMiddleware(log: log, auth: auth))
        router.add(middleware: ErrorRenderingMiddleware())
        router.add(middleware: RequestParsingMiddleware())
        router.add(middleware: LatencyMiddleware(faults: faults))
        if let limiter { router.add(middleware: RateLimitMiddleware(limiter: limiter)) }
        router.add(middleware: AuthenticationMiddleware(auth: auth))
        router.add(middleware: InjectedFailureMiddleware())
    }
}

/// Turns what a step threw into the answer Cloudflare would give: an `APIError` its own status and
/// envelope, anything else a RealtimeKit-shaped 500.
func renderingErrors(_ body: () async throws -> Response) async -> Response {
    do {
        return try await body()
    } catch let error as APIError {
        return Reply.error(error).response(malformed: nil)
    } catch {
        let failure = APIError(status: 500, message: "INTERNAL_SERVER_ERROR: \(error)", shape: .realtimeKit)
        return Reply.error(failure).response(malformed: nil)
    }
}

/// Renders errors thrown by the steps inside it.
struct ErrorRenderingMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: SandboxContext,
                next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        await renderingErrors { try await next(request, context) }
    }
}

/// Reads the query string and the clock into the context.
struct RequestParsingMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: SandboxContext,
                next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        var context = context
        context.query = QueryString(RequestTarget.split(request.uri.string).query)
        context.now = Timestamp.now()
        return try await next(request, context)
    }
}

/// The latency knob: draws the request's fault plan, waits its delay, and leaves the plan in the context.
struct LatencyMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let faults: FaultInjector

    func handle(_ request: Request, context: SandboxContext,
                next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        var context = context
        let plan = faults.next()
        if plan.delayMs > 0 { try? await Task.sleep(for: .milliseconds(plan.delayMs)) }
        context.faultPlan = plan
        return try await next(request, context)
    }
}

/// The rate-limit knob: admits or refuses (429, Cloudflare code 971, Retry-After), and puts the
/// `Ratelimit` / `Ratelimit-Policy` headers on every answer, refused or not.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: SandboxContext,
                next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        let decision = await limiter.admit()
        var response: Response
        if decision.allowed {
            response = await renderingErrors { try await next(request, context) }
        } else {
            response = Reply.error(APIError(status: 429, message: "Please wait and consider throttling your request speed",
                                            shape: .cloudflare(code: 971))).response(malformed: nil)
            response.headers[.retryAfter] = String(decision.retryAfterSeconds)
        }
        response.headers[RateLimitMiddleware.rateLimitPolicy] = "\"default\";q=\(limiter.limit);w=\(limiter.windowSeconds)"
        response.headers[RateLimitMiddleware.rateLimit] = "\"default\";r=\(decision.remaining);t=\(decision.retryAfterSeconds)"
        return response
    }

    static let rateLimit = HTTPField.Name("Ratelimit")!
    static let rateLimitPolicy = HTTPField.Name("Ratelimit-Policy")!
}

/// Refuses a request without valid credentials (401, Cloudflare code 10000).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let auth: Auth

    func handle(_ request: Request, context: SandboxContext,
                next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        guard auth.isAuthorized(request) else { throw APIError.authentication }
        return try await next(request, context)
    }
}

/// The fail-rate and malformed-rate knobs: fails the request as its fault plan says (after
/// authentication, as a real upstream failure would be), refuses an oversized body, and marks a
/// successful answer to be spoiled.
struct InjectedFailureMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: SandboxContext,
                next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        var context = context
        let family = APIFamily(path: request.uri.path)
        if let failure = context.faultPlan?.failure { throw FaultInjector.error(status: failure, family: family) }
        if context.bodyTooLarge {
            if family == .moq { throw APIError.moqBodyTooLarge }
            throw APIError(status: 413, message: "PAYLOAD_TOO_LARGE: request body is larger than 1 MiB", shape: .realtimeKit)
        }
        context.malformed = context.faultPlan?.malformed
        return try await next(request, context)
    }
}
