import NIOCore
import RTKQL
import RTKQLStorage
import RTKQLSyntax

extension Connection {
    /// Handles a message of an authenticated connection.
    func serve(_ message: FrontendMessage) async throws -> Outcome {
        if skippingToSync {
            switch message {
            case .sync: break
            case .terminate: return .close
            default: return .proceed
            }
        }
        do {
            switch message {
            case .query(let text):
                await simpleQuery(text)
                send(.readyForQuery(transaction))
            case .parse(let name, let text, let types):
                try parse(name: name, text: text, types: types)
            case .bind(let bind):
                try bindPortal(bind)
            case .describe(let kind, let name):
                try await describe(kind: kind, name: name)
            case .execute(let portal, let maxRows):
                try await execute(portal: portal, maxRows: Int(maxRows))
            case .close(let kind, let name):
                close(kind: kind, name: name)
            case .sync:
                skippingToSync = false
                if portals[""] != nil { closePortal("") }
                send(.readyForQuery(transaction))
            case .flush:
                break
            case .terminate:
                return .close
            case .unsupported(let type):
                throw ServerError.featureNotSupported(
                    "message '\(Character(Unicode.Scalar(type)))' (COPY, function call) is not supported by rtkql")
            case .startup, .sslRequest, .gssEncryptionRequest, .cancelRequest, .authenticationResponse:
                throw ServerError(code: "08P01", message: "unexpected startup message after authentication", isFatal: true)
            }
        } catch let error as ServerError where !error.isFatal {
            send(.error(error))
            if transaction == .inTransaction { transaction = .failed }
            skippingToSync = true
            if case .query = message { skippingToSync = false }
        }
        return .proceed
    }

    // MARK: Simple query

    /// Runs each statement of a simple Query message; the first error ends the message.
    private func simpleQuery(_ text: String) async {
        let pieces = StatementSplitter.split(text).map(\.text)
            .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard !pieces.isEmpty else {
            send(.emptyQueryResponse)
            return
        }
        for piece in pieces {
            do {
                let result = try await open(piece, arguments: [])
                defer { result.close() }
                let columns = result.columns.map { ColumnDescription(name: $0.name, type: $0.type, format: .text) }
                if !columns.isEmpty { send(.rowDescription(columns)) }
                try await sendRows(of: result, formats: columns.map(\.format), limit: 0)
                send(.commandComplete(tag: result.completionTag))
            } catch {
                send(.error(error))
                if transaction == .inTransaction { transaction = .failed }
                return
            }
        }
    }

    // MARK: Extended query

    private func parse(name: String, text: String, types: [Int32]) throws(ServerError) {
        let pieces = StatementSplitter.split(text).filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard pieces.count <= 1 else {
            throw ServerError(code: "42601", message: "cannot insert multiple commands into a prepared statement")
        }
        if !name.isEmpty, statements[name] != nil {
            throw ServerError(code: "42P05", message: "prepared statement \"\(name)\" already exists")
        }
        statements[name] = PreparedQuery(text: text, declaredTypes: types)
        send(.parseComplete)
    }

    private func bindPortal(_ bind: FrontendMessage.Bind) throws(ServerError) {
        guard let query = statements[bind.statement] else {
            throw ServerError(code: "26000", message: "prepared statement \"\(bind.statement)\" does not exist")
        }
        guard bind.parameters.count == query.parameterTypes.count else {
            throw ServerError(code: "08P01", message: "bind message supplies \(bind.parameters.count) parameters, "
                              + "but prepared statement \"\(bind.statement)\" requires \(query.parameterTypes.count)")
        }
        var named: [String: SQLValue] = [:]
        for (index, value) in bind.parameters.enumerated() {
            let format = try ParameterDecoding.format(at: index, codes: bind.parameterFormats)
            named[String(index + 1)] = try ParameterDecoding.decode(value, oid: query.parameterTypes[index], format: format,
                                                                   index: index)
        }
        if !bind.portal.isEmpty, portals[bind.portal] != nil {
            throw ServerError(code: "42P03", message: "cursor \"\(bind.portal)\" already exists")
        }
        closePortal(bind.portal)
        portals[bind.portal] = Portal(query: query, arguments: StatementArguments([], named: named),
                                      resultFormats: bind.resultFormats)
        send(.bindComplete)
    }

    private func describe(kind: FrontendMessage.ObjectKind, name: String) async throws(ServerError) {
        switch kind {
        case .statement:
            guard let query = statements[name] else {
                throw ServerError(code: "26000", message: "prepared statement \"\(name)\" does not exist")
            }
            send(.parameterDescription(query.parameterTypes))
            // Columns are known only once the statement runs (its rows come from the API): a statement
            // the connection answers itself is described; others are described through their portal.
            if isLocal(query.text), let result = try? await open(query.text, arguments: []), !result.columns.isEmpty {
                send(.rowDescription(result.columns.map { ColumnDescription(name: $0.name, type: $0.type, format: .text) }))
                result.close()
            } else {
                send(.noData)
            }
        case .portal:
            guard let portal = portals[name] else {
                throw ServerError(code: "34000", message: "portal \"\(name)\" does not exist")
            }
            let result = try await run(portal)
            if result.columns.isEmpty {
                send(.noData)
            } else {
                send(.rowDescription(result.columns.enumerated().map { index, column in
                    ColumnDescription(name: column.name, type: column.type, format: portal.format(ofColumn: index))
                }))
            }
        }
    }

    private func execute(portal name: String, maxRows: Int) async throws(ServerError) {
        guard let portal = portals[name] else {
            throw ServerError(code: "34000", message: "portal \"\(name)\" does not exist")
        }
        if portal.isComplete {
            send(.commandComplete(tag: portal.result?.completionTag ?? "SELECT 0"))
            return
        }
        let result = try await run(portal)
        let formats = result.columns.indices.map { portal.format(ofColumn: $0) }
        do {
            let finished = try await sendRows(of: result, formats: formats, limit: maxRows)
            if finished {
                portal.isComplete = true
                send(.commandComplete(tag: result.completionTag))
            } else {
                send(.portalSuspended)
            }
        } catch {
            result.close()
            throw error
        }
    }

    private func close(kind: FrontendMessage.ObjectKind, name: String) {
        switch kind {
        case .statement: statements[name] = nil
        case .portal: closePortal(name)
        }
        send(.closeComplete)
    }

    func closePortal(_ name: String) {
        portals.removeValue(forKey: name)?.result?.close()
    }

    /// The portal's result, running its statement the first time.
    private func run(_ portal: Portal) async throws(ServerError) -> OpenResult {
        if let result = portal.result { return result }
        let result = try await open(portal.query.text, arguments: portal.arguments)
        portal.result = result
        return result
    }

    // MARK: Running statements

    /// Whether the connection answers `text` itself (client chatter, catalog queries).
    private func isLocal(_ text: String) -> Bool {
        ClientChatter.recognise(text) != nil || CatalogQueries.isCatalogQuery(text)
    }

    /// Runs one statement: chatter and catalog queries here, everything else on the session.
    func open(_ text: String, arguments: StatementArguments) async throws(ServerError) -> OpenResult {
        let chatter = ClientChatter.recognise(text)
        if transaction == .failed, chatter != .rollback, chatter != .commit {
            throw ServerError(code: "25P02", message: "current transaction is aborted, commands ignored until end of transaction block")
        }
        if let chatter { return OpenResult(local: try answer(chatter)) }
        if CatalogQueries.isCatalogQuery(text) {
            return OpenResult(local: CatalogQueries(catalog: context.catalog, user: user).answer(text))
        }
        guard let session else { throw ServerError(code: "08P01", message: "no session", isFatal: true) }
        do {
            var results = session.run(text, arguments: arguments).makeAsyncIterator()
            guard let result = try await results.next() else { return OpenResult(local: .command("EMPTY")) }
            let open = try await OpenResult(result: result, fieldTypes: context.fieldTypes)
            for warning in open.warnings { send(.notice(ServerError(code: "01000", message: warning))) }
            return open
        } catch {
            throw ServerError(error, query: text)
        }
    }

    /// Sends up to `limit` rows (0: all) as DataRows; true when the result is exhausted.
    @discardableResult
    private func sendRows(of result: OpenResult, formats: [PostgresFormat], limit: Int) async throws(ServerError) -> Bool {
        let columns = result.columns
        var sent = 0
        do {
            while limit == 0 || sent < limit {
                guard let row = try await result.next() else { return true }
                send(.dataRow(row.enumerated().map { index, value in
                    ValueEncoding.encode(value, as: columns[index].type, format: formats[index])
                }))
                sent += 1
                try await flushIfLarge()
            }
        } catch let error as RTKQLError {
            throw ServerError(error, query: "")
        } catch let error as ServerError {
            throw error
        } catch is CancellationError {
            throw ServerError(.cancelled, query: "")
        } catch {
            throw ServerError(code: "08006", message: "connection lost while sending rows", isFatal: true)
        }
        return result.isExhausted
    }
}
