/// One request as the sandbox received it, and how it was answered. Credentials are never recorded.
public struct SandboxRequestRecord: Sendable, Codable, Equatable {
    /// HTTP method, for example `GET`.
    public var method: String
    /// The path as received, without the query string.
    public var path: String
    /// The query string exactly as received (without `?`), nil when the URL had none.
    public var query: String?
    /// The request body as text, nil when empty.
    public var body: String?
    /// The HTTP status answered.
    public var status: Int
    /// Whether the request carried valid credentials (the token itself is never kept).
    public var authenticated: Bool

    public init(method: String, path: String, query: String?, body: String?, status: Int, authenticated: Bool) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.status = status
        self.authenticated = authenticated
    }
}
