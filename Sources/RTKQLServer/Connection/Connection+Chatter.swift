import RTKQL
import RTKQLStorage

extension Connection {
    /// Answers what clients send besides queries.
    func answer(_ chatter: ClientChatter) throws(ServerError) -> LocalResult {
        switch chatter {
        case .begin:
            if transaction == .idle { transaction = .inTransaction }
            return .command("BEGIN")
        case .commit:
            let tag = transaction == .failed ? "ROLLBACK" : "COMMIT"
            transaction = .idle
            return .command(tag)
        case .rollback:
            transaction = .idle
            return .command("ROLLBACK")
        case .reset(let tag):
            return .command(tag)
        case .set(let name, let value):
            if name == "statement_timeout" {
                guard let timeout = ConnectionSettings.duration(value) else {
                    throw ServerError(code: "22023", message: "invalid value for parameter \"statement_timeout\": \"\(value)\"")
                }
                session?.update { $0.settings.statementTimeout = timeout }
            }
            let spelled = settings.set(name, to: value)
            if ConnectionSettings.reported.contains(spelled) { send(.parameterStatus(name: spelled, value: value)) }
            return .command("SET")
        case .show(let name):
            if name == "all" {
                return .rows([.init(name: "name", type: .text), .init(name: "setting", type: .text)],
                             settings.all.map { [.text($0.name), .text($0.value)] })
            }
            guard let value = settings.value(name) else {
                throw ServerError(code: "42704", message: "unrecognized configuration parameter \"\(name)\"")
            }
            return .rows([.init(name: name, type: .text)], [[.text(value)]])
        case .sessionFunction(let name):
            let value: SQLValue
            switch name {
            case "version": value = .text("PostgreSQL 15.0 (rtkql): SQL over the Cloudflare RealtimeKit API")
            case "current_database": value = .text(session?.current.defaultProvider ?? "rtkql")
            case "current_schema": value = .text("public")
            case "pg_backend_pid": value = .integer(Int64(control?.processID ?? 0))
            default: value = .text(user)
            }
            return .rows([.init(name: name, type: name == "pg_backend_pid" ? .int4 : .text)], [[value]])
        }
    }
}
