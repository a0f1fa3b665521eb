import NIOSSL

/// How `rtkql serve` listens and whom it lets in.
public struct ServerConfiguration: Sendable {
    /// How clients prove who they are.
    public enum Authentication: Sendable {
        /// SCRAM-SHA-256 against this verifier.
        case scram(SCRAMVerifier)
        /// No password: only allowed on a loopback listener (`--trust-loopback`).
        case trust
    }

    /// The host to listen on (`127.0.0.1`).
    public var host: String
    /// The port (5433 by default; 0 picks a free one).
    public var port: Int
    /// The one user name clients may connect as.
    public var user: String
    /// How clients authenticate.
    public var authentication: Authentication
    /// When set, an SSLRequest is answered `S` and the connection continues over TLS; otherwise `N`.
    public var tls: NIOSSLContext?
    /// Connections beyond this many are refused with SQLSTATE 53300.
    public var maximumConnections: Int
    /// Messages larger than this (bytes, length word included) end the connection with SQLSTATE 54000.
    public var maximumMessageSize: Int
    /// Template variables every session starts with (`{{ account_id }}` under `--sandbox`).
    public var sessionVariables: [String: String] = [:]
    /// A connection that has not finished authenticating this long after it was accepted is closed
    /// (PostgreSQL's `authentication_timeout`, one minute there too), so silent clients cannot hold
    /// connection slots.
    public var authenticationTimeout: Duration = .seconds(60)

    /// A configuration; see the properties for each setting.
    public init(host: String = "127.0.0.1", port: Int = 5433, user: String = "rtkql", authentication: Authentication,
                tls: NIOSSLContext? = nil, maximumConnections: Int = 100, maximumMessageSize: Int = 16 << 20) {
        self.host = host
        self.port = port
        self.user = user
        self.authentication = authentication
        self.tls = tls
        self.maximumConnections = maximumConnections
        self.maximumMessageSize = maximumMessageSize
    }

    /// True for addresses only this machine can reach.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
