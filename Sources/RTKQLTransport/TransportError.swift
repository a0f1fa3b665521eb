/// A failure to exchange a request and response (not an HTTP error status).
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure it was.
    public enum Kind: Sendable, Equatable {
        case couldNotConnect
        case timedOut
        case cancelled
        case tls
        case other
    }

    public var kind: Kind
    /// libcurl's result code.
    public var curlCode: Int
    /// libcurl's explanation.
    public var message: String
    /// The request's method and URL (never its headers).
    public var request: String

    public init(kind: Kind, curlCode: Int, message: String, request: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
        self.request = request
    }

    public var description: String { "\(request): \(message)" }
}
