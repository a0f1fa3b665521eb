import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax

/// Runs one statement of a session: picks what runs it by its kind, under the statement's control.
struct StatementDispatcher {
    let session: Session
    let control: StatementControl
    let arguments: StatementArguments

    private var engine: Engine { session.engine }

    func run(_ parsed: ParsedStatement, index: Int, text: String) async throws(RTKQLError) -> StatementResult {
        let state = session.current
        let boundParameters = arguments.plannerValues
        let resolver = ResourceResolver(registry: engine.registry, defaultProvider: state.defaultProvider)
        let catalog = Catalog(registry: engine.registry, defaultProvider: state.defaultProvider)
        func done(_ result: QueryResult) -> StatementResult {
            var done = StatementResult(statement: parsed, index: index, result: result)
            done.answeredFromCache = control.reads.answeredFromCache
            return done
        }
        switch parsed.statement {
        case .select where engine.configuration.dryRun:
            return done(try await Explainer(engine: engine, resolver: resolver, arguments: arguments, control: control,
                                         reads: control.reads)
                .explain(parsed, text: text))
        case .select(let query):
            let plan = try RTKQLError.planning {
                try SelectPlanner(resolver: resolver, boundParameters: boundParameters, maximumCalls: engine.configuration.maxCalls).plan(query, text: text, statementRange: parsed.range)
            }
            let open = try await SelectExecutor(engine: engine, arguments: arguments, control: control).open(plan, query: query)
            var result = StatementResult(statement: parsed, index: index, columns: open.source.columns, jsonColumns: open.source.jsonColumns,
                                         declaredTypes: open.source.declaredTypes, rows: RowCursor(source: open.source, control: control),
                                         warnings: open.warnings, requestCount: open.requestCount)
            result.answeredFromCache = open.answeredFromCache
            return result
        case .show(let show):
            return done(try catalog.show(show))
        case .describe(let describe):
            return done(try catalog.describe(describe))
        case .use(let name):
            guard engine.registry.provider(named: name.value) != nil else {
                throw .invalid(message: "unknown provider \(name.value); known providers: \(engine.registry.providers.map(\.name).joined(separator: ", "))")
            }
            session.update { $0.defaultProvider = name.value.lowercased() }
            return done(QueryResult(columns: [], rows: [],
                                    notice: "using provider \(name.value.lowercased()): `service.resource` names now resolve under it"))
        case .registryList:
            return done(catalog.registryList())
        case .explain(let inner):
            let innerParsed = ParsedStatement(statement: inner, range: parsed.range)
            return done(try await Explainer(engine: engine, resolver: resolver, arguments: arguments, control: control,
                                         reads: control.reads)
                .explain(innerParsed, text: text))
        case .replace(let replace):
            let executor = ReplaceExecutor(engine: engine, resolver: resolver, arguments: arguments, control: control)
            return done(try await control.run { () async throws(RTKQLError) -> QueryResult in
                try await executor.run(replace, text: text)
            })
        case .exec(let exec):
            let executor = ExecExecutor(engine: engine, resolver: resolver, boundParameters: boundParameters)
            return done(try await control.run { () async throws(RTKQLError) -> QueryResult in
                try await executor.run(exec, text: text, arguments: arguments, control: control)
            })
        case .update(let update):
            let executor = ReplaceExecutor(engine: engine, resolver: resolver, arguments: arguments, control: control, verb: .update)
            return done(try await control.run { () async throws(RTKQLError) -> QueryResult in
                try await executor.run(update, text: text)
            })
        case .delete(let delete):
            let executor = ReplaceExecutor(engine: engine, resolver: resolver, arguments: arguments, control: control, verb: .delete)
            let replace = ReplaceStatement(resource: delete.resource, assignments: [], whereClause: delete.whereClause,
                                           returning: delete.returning)
            return done(try await control.run { () async throws(RTKQLError) -> QueryResult in
                try await executor.run(replace, text: text)
            })
        case .insert(let insert):
            let executor = InsertExecutor(engine: engine, resolver: resolver, arguments: arguments, control: control)
            return done(try await control.run { () async throws(RTKQLError) -> QueryResult in
                try await executor.run(insert, text: text)
            })
        case .purge(let name):
            var resource: String?
            if let name {
                guard let resolved = try RTKQLError.planning({ try resolver.resolve(name) }) else {
                    throw RTKQLError.planning(resolver.unknownResource(name))
                }
                resource = resolved.fullName
            }
            let dropped = session.cache.clear(resource: resource)
            return done(QueryResult(columns: [], rows: [], notice: "purged \(dropped) cached page\(dropped == 1 ? "" : "s")"
                                        + (resource.map { " of \($0)" } ?? "")))
        }
    }
}
