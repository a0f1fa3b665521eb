import RTKQLTransport
import Synchronization

/// How one statement's GET pages are answered — from the session's cache when held and fresh (or fetched
/// by this statement), else by a request shared with identical ones in flight — and how many were sent
/// and answered without sending.
final class StatementReads: Sendable {
    /// Where the statement's answers are kept: the session's cache, or one of its own when caching is off.
    let cache: ResponseCache
    /// The session's cache (which a mutation invalidates even while caching is off).
    let sessionCache: ResponseCache
    /// How old a held answer may be to serve this statement (zero: only its own fetches).
    let maxAge: Duration
    /// This statement's identity in the cache.
    let statement: UInt64
    private let coalescer: RequestCoalescer
    private let sent = Atomic<Int>(0)
    private let answered = Atomic<Int>(0)

    init(cache: ResponseCache, sessionCache: ResponseCache, maxAge: Duration, coalescer: RequestCoalescer) {
        self.cache = cache
        self.sessionCache = sessionCache
        self.maxAge = maxAge
        self.coalescer = coalescer
        statement = cache.beginStatement()
    }

    /// Requests this statement sent (mutations included).
    var requestsSent: Int { sent.load(ordering: .relaxed) }
    /// Pages answered from the cache or by another asker's identical request.
    var answeredFromCache: Int { answered.load(ordering: .relaxed) }

    /// Drops what the caches hold under `prefix` for `credentials` (after a mutation there).
    func invalidate(credentials: Int, under prefix: String) {
        cache.invalidate(credentials: credentials, under: prefix)
        if sessionCache !== cache { sessionCache.invalidate(credentials: credentials, under: prefix) }
    }

    /// Counts requests sent outside `page` (mutations, and the reads of EXEC and RETURNING).
    func countSent(_ requests: Int) {
        sent.add(requests, ordering: .relaxed)
    }

    /// The cache key of `request` as `api` sends it.
    func key(_ request: HTTPRequest, api: APIClient) -> ResponseCache.Key {
        ResponseCache.Key(credentials: api.credentialsFingerprint, url: request.url)
    }

    /// The answer held for `request`, if any may serve this statement, with its age.
    func held(_ request: HTTPRequest, api: APIClient) -> (response: HTTPResponse, age: Duration)? {
        cache.lookup(key(request, api: api), maxAge: maxAge, statement: statement, counting: false)
    }

    /// Where a page's answer came from.
    enum Origin: Sendable {
        /// A request this statement sent.
        case sent
        /// An answer held in the cache.
        case cache
        /// An identical request in flight for another asker.
        case shared
    }

    /// The answer to the GET `request` of `resource`: held, shared, or sent (and then kept when `keep`).
    func page(_ request: HTTPRequest, api: APIClient, resource: String,
              keep: Bool) async -> (answer: Result<HTTPResponse, RTKQLError>, origin: Origin) {
        let key = key(request, api: api)
        if let (response, age) = cache.lookup(key, maxAge: maxAge, statement: statement) {
            answered.add(1, ordering: .relaxed)
            api.log?("\(request.method) \(request.url) → \(response.status) from the cache (\(StatementReads.seconds(age)) old)")
            return (.success(response), .cache)
        }
        let (answer, shared) = await coalescer.answer(key) { await api.result(of: request) }
        if shared {
            answered.add(1, ordering: .relaxed)
            api.log?("\(request.method) \(request.url) → shared the answer of an identical request in flight")
        } else {
            sent.add(1, ordering: .relaxed)
        }
        if keep, case .success(let response) = answer {
            cache.store(key, response: response, resource: resource, statement: statement)
        }
        return (answer, shared ? .shared : .sent)
    }

    /// `12.3 s`.
    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let tenths = (value * 10).rounded() / 10
        return "\(tenths) s"
    }
}
