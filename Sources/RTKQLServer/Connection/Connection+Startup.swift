import NIOCore
import RTKQL

extension Connection {
    /// Checks the startup message's user and asks for a password (or, trusted, lets the client in).
    func startup(_ parameters: [String: String]) async throws -> Outcome {
        user = parameters["user"] ?? ""
        let configuration = context.configuration
        guard user == configuration.user else {
            throw ServerError(code: "28000", message: "role \"\(user)\" does not exist (this server serves the user \"\(configuration.user)\")",
                              isFatal: true)
        }
        let state = SessionState(defaultProvider: defaultProvider(database: parameters["database"]),
                                 variables: configuration.sessionVariables)
        guard let control = context.admit(Session(engine: context.engine, state: state)) else {
            throw ServerError(code: "53300", message: "sorry, too many clients already (the server allows \(configuration.maximumConnections))",
                              isFatal: true)
        }
        self.control = control
        settings = ConnectionSettings(user: user, applicationName: parameters["application_name"] ?? "")
        switch configuration.authentication {
        case .trust:
            return try await admitted()
        case .scram:
            phase = .awaitingSASLInitial
            send(.authenticationSASL(mechanisms: ["SCRAM-SHA-256"]))
            return .proceed
        }
    }

    /// One step of the SCRAM-SHA-256 exchange.
    func authenticate(_ body: ByteBuffer) async throws -> Outcome {
        guard case .scram(let verifier) = context.configuration.authentication else { return .close }
        var body = body
        do {
            switch phase {
            case .awaitingSASLInitial:
                guard let mechanism = body.readNullTerminatedString(), let length: Int32 = body.readInteger(),
                      length >= 0, let clientFirst = body.readString(length: Int(length)) else {
                    throw ServerError(code: "08P01", message: "malformed SASL initial response", isFatal: true)
                }
                guard mechanism == "SCRAM-SHA-256" else {
                    throw ServerError(code: "28000", message: "SASL mechanism \(mechanism) is not supported; use SCRAM-SHA-256",
                                      isFatal: true)
                }
                var exchange = SCRAMExchange(verifier: verifier)
                let serverFirst = try exchange.serverFirst(clientFirst: clientFirst)
                phase = .awaitingSASLResponse(exchange)
                send(.authenticationSASLContinue(serverFirst))
                return .proceed
            case .awaitingSASLResponse(let exchange):
                let clientFinal = body.readString(length: body.readableBytes) ?? ""
                send(.authenticationSASLFinal(try exchange.serverFinal(clientFinal: clientFinal)))
                return try await admitted()
            default:
                return .close
            }
        } catch is SCRAMExchange.Failure {
            throw ServerError(code: "28P01", message: "password authentication failed for user \"\(user)\"", isFatal: true)
        }
    }

    /// Tells an authenticated client about the server and that it may send queries.
    private func admitted() async throws -> Outcome {
        phase = .ready
        send(.authenticationOk)
        for name in ConnectionSettings.reported {
            send(.parameterStatus(name: name, value: settings.value(name) ?? ""))
        }
        if let control { send(.backendKeyData(processID: control.processID, secretKey: control.secretKey)) }
        send(.readyForQuery(.idle))
        return .proceed
    }

    /// The provider unqualified names resolve under: the database named at connect time when it is a
    /// provider, else the only provider there is.
    private func defaultProvider(database: String?) -> String? {
        let registry = context.engine.registry
        if let database, registry.provider(named: database) != nil { return database }
        return registry.providers.count == 1 ? registry.providers[0].name : nil
    }
}
