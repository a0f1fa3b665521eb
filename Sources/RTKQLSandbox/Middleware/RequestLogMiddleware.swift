import HTTPTypes
import Hummingbird

/// Records every request, whatever its fate (refused, failed, unrouted), with its body and the status it
/// was answered; counts requests in flight for the concurrency gauge. It reads the body (up to 1 MiB) for
/// the log and hands it to the steps inside through the context.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let log: RequestLog
    let auth: Auth
    static let maxBodyBytes = 1 << 20

    func handle(_ request: Request, context: SandboxContext,
                next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        await log.began()
        var request = request
        var context = context
        do {
            context.body = Array(try await request.collectBody(upTo: RequestLogMiddleware.maxBodyBytes).readableBytesView)
        } catch {
            context.bodyTooLarge = true
        }
        let body = context.body
        let response = await renderingErrors { try await next(request, context) }
        let (path, query) = RequestTarget.split(request.uri.string)
        await log.append(SandboxRequestRecord(
            method: request.method.rawValue, path: path, query: query,
            body: body.isEmpty ? nil : String(decoding: body, as: UTF8.self),
            status: Int(response.status.code), authenticated: auth.isAuthorized(request)))
        await log.ended()
        return response
    }
}

/// A request target's parts.
enum RequestTarget {
    /// Splits a request target into the path and the raw query string (nil without `?`).
    static func split(_ target: String) -> (path: String, query: String?) {
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}

extension Auth {
    /// Whether `request` carries valid credentials.
    func isAuthorized(_ request: Request) -> Bool {
        isAuthorized(authorization: request.headers[.authorization],
                     email: request.headers[Auth.email], key: request.headers[Auth.key])
    }

    static let email = HTTPField.Name("X-Auth-Email")!
    static let key = HTTPField.Name("X-Auth-Key")!
}
