/// An HTTP request as rtkql sends it.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    /// Header name/value pairs, in the order they are sent.
    public var headers: [HTTPHeader]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }
}

/// One header line. `sensitive` headers (credentials) are never printed.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public var sensitive: Bool

    public init(_ name: String, _ value: String, sensitive: Bool = false) {
        self.name = name
        self.value = value
        self.sensitive = sensitive
    }

    /// `Name: value`, with a sensitive value replaced by `<redacted>`.
    public var redactedLine: String { "\(name): \(sensitive ? "<redacted>" : value)" }
}

/// An HTTP response: status, headers (names lower-cased) and body bytes.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    /// The protocol it came over: `1.1`, `2` (or `1.0`, `3`); empty when not known.
    public var httpVersion: String
    /// How many new connections the request opened (0 when it reused one, HTTP/2 multiplexing included).
    public var newConnections: Int

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = [], httpVersion: String = "", newConnections: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
        self.newConnections = newConnections
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
