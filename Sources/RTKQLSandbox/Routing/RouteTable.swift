import HTTPTypes
import Hummingbird

/// The sandbox's routes on Hummingbird's router. Every route answers a `Reply` or throws an `APIError`;
/// a path no route declares is Cloudflare's 400 "No route for that URI" (code 7000), and a declared path
/// asked with another method is 405 (code 7001).
final class RouteTable {
    /// A route's body: the request and its context in, a reply out.
    typealias Handler = @Sendable (Request, SandboxContext) async throws -> Reply

    /// Every declared route; the handlers.
    let router = Router(context: SandboxContext.self)

    /// A table whose routes (and unrouted requests) pass through `pipeline` first.
    init(pipeline: Pipeline) {
        pipeline.install(on: router)
    }
    /// Every declared path, for every method: tells a wrong method (405) from an unknown path (400 / 7000).
    private let paths = Router(context: SandboxContext.self)
    private var declaredPaths: Set<String> = []
    private static let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .head, .options]

    /// A group of routes under `path` (for example `/client/v4/accounts/:account_id/realtime/kit/:app_id`).
    func group(_ path: RouterPath) -> RouteGroup {
        RouteGroup(table: self, prefix: path.description)
    }

    /// Declares `method path`.
    func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        router.on(RouterPath(path), method: method) { request, context -> Response in
            let reply: Reply
            do {
                reply = try await handler(request, context)
            } catch let error as APIError {
                return Reply.error(error).response(malformed: nil)
            }
            return reply.response(malformed: context.malformed)
        }
        guard declaredPaths.insert(path).inserted else { return }
        for other in RouteTable.methods {
            paths.on(RouterPath(path), method: other) { _, _ -> Response in
                Reply.error(.methodNotAllowed).response(malformed: nil)
            }
        }
    }

    /// The responder serving the declared routes (declare them all first). The middleware added here wraps
    /// only the router's not-found answer, which is all it is for.
    func responder() -> RouterResponder<SandboxContext> {
        router.add(middleware: UnroutedMiddleware(paths: PathsResponder(table: paths)))
        return router.buildResponder()
    }

    /// The path table's responder, built once.
    private struct PathsResponder: Sendable {
        let responder: RouterResponder<SandboxContext>
        init(table: Router<SandboxContext>) { responder = table.buildResponder() }
    }

    /// Answers what no route matched: 405 when the path is declared for other methods, else 7000.
    private struct UnroutedMiddleware: RouterMiddleware {
        typealias Context = SandboxContext
        let paths: PathsResponder

        func handle(_ request: Request, context: SandboxContext,
                    next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
            do {
                return try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound {
                let answer = try await paths.responder.respond(to: request, context: context)
                if answer.status == .methodNotAllowed { return answer }
                return Reply.error(.noRoute).response(malformed: nil)
            }
        }
    }
}

/// Routes sharing a path prefix.
struct RouteGroup {
    let table: RouteTable
    let prefix: String

    /// A nested group.
    func group(_ path: String) -> RouteGroup {
        RouteGroup(table: table, prefix: prefix + "/" + path)
    }

    /// Declares `method prefix/path` (`path` empty: the prefix itself).
    func on(_ method: HTTPRequest.Method, _ path: String = "", _ handler: @escaping RouteTable.Handler) {
        table.on(method, path.isEmpty ? prefix : prefix + "/" + path, handler)
    }

    func get(_ path: String = "", _ handler: @escaping RouteTable.Handler) { on(.get, path, handler) }
    func post(_ path: String = "", _ handler: @escaping RouteTable.Handler) { on(.post, path, handler) }
    func put(_ path: String = "", _ handler: @escaping RouteTable.Handler) { on(.put, path, handler) }
    func patch(_ path: String = "", _ handler: @escaping RouteTable.Handler) { on(.patch, path, handler) }
    func delete(_ path: String = "", _ handler: @escaping RouteTable.Handler) { on(.delete, path, handler) }
}
