import RTKQL
import Synchronization

/// What every connection of one server shares: the engine (its rate budget), the configuration, the
/// catalogue as relations, and the table of running connections that cancel requests look up.
final class ServerContext: Sendable {
    let engine: Engine
    let configuration: ServerConfiguration
    let catalog: CatalogSnapshot
    let fieldTypes: FieldTypes
    private let connections = Mutex<[Int32: ConnectionControl]>([:])
    private let nextProcessID = Atomic<Int32>(1000)

    init(engine: Engine, configuration: ServerConfiguration) {
        self.engine = engine
        self.configuration = configuration
        catalog = CatalogSnapshot(registry: engine.registry)
        fieldTypes = FieldTypes(registry: engine.registry)
    }

    /// Registers a connection that has started, unless the server already holds `maximumConnections`.
    func admit(_ session: Session) -> ConnectionControl? {
        let processID = nextProcessID.add(1, ordering: .relaxed).newValue
        var generator = SystemRandomNumberGenerator()
        let control = ConnectionControl(processID: processID, secretKey: Int32.random(in: .min ... .max, using: &generator),
                                        session: session)
        return connections.withLock { connections in
            guard connections.count < configuration.maximumConnections else { return nil }
            connections[processID] = control
            return control
        }
    }

    /// Forgets a connection that has ended.
    func remove(_ control: ConnectionControl) {
        _ = connections.withLock { $0.removeValue(forKey: control.processID) }
    }

    /// Cancels the statement running on the connection with this process ID, if the secret matches
    /// (otherwise nothing happens, as in PostgreSQL).
    func cancel(processID: Int32, secretKey: Int32) {
        let control = connections.withLock { $0[processID] }
        guard let control, control.secretKey == secretKey else { return }
        control.cancel()
    }

    /// How many connections are open.
    var connectionCount: Int { connections.withLock { $0.count } }
}

/// A connection's handle for cancel requests: its key, its session, and the task running its statement.
final class ConnectionControl: Sendable {
    let processID: Int32
    let secretKey: Int32
    let session: Session
    private let running = Mutex<(@Sendable () -> Void)?>(nil)

    init(processID: Int32, secretKey: Int32, session: Session) {
        self.processID = processID
        self.secretKey = secretKey
        self.session = session
    }

    /// Records the task running the connection's current message (nil when idle).
    func setRunning<Success: Sendable>(task: Task<Success, Never>) {
        let cancel: @Sendable () -> Void = { task.cancel() }
        running.withLock { $0 = cancel }
    }

    /// Records that the connection is idle.
    func setIdle() {
        running.withLock { $0 = nil }
    }

    /// Cancels the running statement: its transfers and SQLite steps stop, and it ends with 57014.
    func cancel() {
        session.cancel()
        let cancel = running.withLock { $0 }
        cancel?()
    }
}
