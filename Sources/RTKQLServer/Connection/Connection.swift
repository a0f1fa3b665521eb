import NIOCore
import RTKQL
import RTKQLStorage

/// One client connection: its authentication, its `Session`, its prepared statements and portals, and the
/// messages it has yet to send. Messages are handled one at a time, in order; each runs in its own task
/// so that a cancel request can stop it.
actor Connection {
    /// Whether to keep reading after a message.
    enum Outcome: Sendable {
        case proceed
        case close
    }

    enum Phase {
        case awaitingStartup
        case awaitingSASLInitial
        case awaitingSASLResponse(SCRAMExchange)
        case ready
    }

    let context: ServerContext
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending = ByteBuffer()
    var phase = Phase.awaitingStartup
    var control: ConnectionControl?
    var settings = ConnectionSettings(user: "", applicationName: "")
    var user = ""
    var transaction = BackendMessage.TransactionStatus.idle
    var statements: [String: PreparedQuery] = [:]
    var portals: [String: Portal] = [:]
    /// After an error in the extended protocol, messages are skipped until the next Sync.
    var skippingToSync = false

    init(context: ServerContext, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.context = context
        self.outbound = outbound
    }

    var session: Session? { control?.session }

    /// Handles one message, queueing its answers; the caller flushes them (outside the message's task,
    /// which a cancel request may have cancelled) and stops reading on `.close`.
    func handle(_ message: FrontendMessage) async -> Outcome {
        do {
            return try await dispatch(message)
        } catch let error as ServerError {
            send(.error(error))
            return .close
        } catch {
            return .close
        }
    }

    /// Reports a malformed message and ends the connection.
    func reject(_ violation: ProtocolViolation) async {
        send(.error(.protocolViolation(violation)))
        try? await flush()
    }

    /// Whether the client has authenticated (and may send queries).
    var isAuthenticated: Bool {
        if case .ready = phase { return true }
        return false
    }

    /// Tells a client that took too long to authenticate why it is let go (SQLSTATE 08006).
    func endForAuthenticationTimeout() async {
        send(.error(ServerError(code: "08006", message: "authentication timed out", isFatal: true)))
        try? await flush()
    }

    /// Forgets the connection's session (the client left).
    func finish() {
        for portal in portals.values { portal.result?.close() }
        portals = [:]
        if let control { context.remove(control) }
    }

    private func dispatch(_ message: FrontendMessage) async throws -> Outcome {
        switch (phase, message) {
        case (.awaitingStartup, .startup(_, let parameters)):
            return try await startup(parameters)
        case (.awaitingStartup, .cancelRequest(let processID, let secretKey)):
            context.cancel(processID: processID, secretKey: secretKey)
            return .close
        case (.awaitingStartup, .sslRequest), (.awaitingStartup, .gssEncryptionRequest):
            throw ServerError(code: "08P01", message: "unexpected encryption request", isFatal: true)
        case (.awaitingSASLInitial, .authenticationResponse(let body)),
             (.awaitingSASLResponse, .authenticationResponse(let body)):
            return try await authenticate(body)
        case (.ready, _):
            return try await serve(message)
        default:
            throw ServerError(code: "08P01", message: "unexpected message during authentication", isFatal: true)
        }
    }

    /// Queues a message; `flush()` sends what is queued.
    func send(_ message: BackendMessage) {
        message.write(into: &pending)
    }

    /// Sends the queued messages.
    func flush() async throws {
        guard pending.readableBytes > 0 else { return }
        try await outbound.write(pending)
        pending.clear()
    }

    /// Sends queued messages once they pass 64 KiB, so long results go out as they are read.
    func flushIfLarge() async throws {
        if pending.readableBytes >= 1 << 16 { try await flush() }
    }
}
