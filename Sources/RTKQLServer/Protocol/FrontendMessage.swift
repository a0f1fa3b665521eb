import NIOCore

/// A message a PostgreSQL client sends (protocol 3.0), decoded.
public enum FrontendMessage: Sendable, Equatable {
    /// The first message of a session: protocol version and parameters (`user`, `database`, …).
    case startup(protocolVersion: Int32, parameters: [String: String])
    /// Asks for TLS before the startup message.
    case sslRequest
    /// Asks for GSSAPI encryption before the startup message (always refused).
    case gssEncryptionRequest
    /// Sent on a new connection to cancel the statement running on another one.
    case cancelRequest(processID: Int32, secretKey: Int32)
    /// `p`: a password, SASL initial response or SASL response; read according to the authentication step.
    case authenticationResponse(ByteBuffer)
    /// `Q`: a script in the simple query protocol.
    case query(String)
    /// `P`: prepares `query` as statement `name` ("" is the unnamed statement).
    case parse(name: String, query: String, parameterTypes: [Int32])
    /// `B`: binds parameter values to a prepared statement, making portal `portal`.
    case bind(Bind)
    /// `D`: describes a statement (`S`) or portal (`P`).
    case describe(kind: ObjectKind, name: String)
    /// `E`: runs a portal, returning at most `maxRows` rows (0 means all).
    case execute(portal: String, maxRows: Int32)
    /// `C`: closes a statement or portal.
    case close(kind: ObjectKind, name: String)
    /// `S`: ends an extended-query cycle.
    case sync
    /// `H`: asks for pending output to be sent.
    case flush
    /// `X`: the client is leaving.
    case terminate
    /// A message this server does not support (COPY data, function calls): its type byte.
    case unsupported(UInt8)

    /// Whether a Describe or Close names a prepared statement or a portal.
    public enum ObjectKind: UInt8, Sendable, Equatable {
        case statement = 0x53  // 'S'
        case portal = 0x50  // 'P'
    }

    /// The content of a Bind message.
    public struct Bind: Sendable, Equatable {
        /// The portal to create ("" is the unnamed portal).
        public var portal: String
        /// The prepared statement to bind ("" is the unnamed statement).
        public var statement: String
        /// Format codes of the parameters: none (all text), one (for all), or one per parameter.
        public var parameterFormats: [Int16]
        /// Parameter values as sent; nil is SQL NULL.
        public var parameters: [ByteBuffer?]
        /// Format codes of the result columns, as for `parameterFormats`.
        public var resultFormats: [Int16]
    }
}

/// Why a byte stream is not a valid sequence of frontend messages.
public struct ProtocolViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, for the client's ErrorResponse (SQLSTATE 08P01, or 54000 for a message too large).
    public var message: String
    /// True when the message was refused for its size.
    public var tooLarge: Bool

    /// A violation described by `message`.
    public init(_ message: String, tooLarge: Bool = false) {
        self.message = message
        self.tooLarge = tooLarge
    }

    /// The message.
    public var description: String { message }
}
