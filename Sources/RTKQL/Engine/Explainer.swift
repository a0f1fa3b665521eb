import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax
import Foundation

private typealias Value = SQLValue

/// EXPLAIN: the plan and every HTTP request a statement would send, sending none.
struct Explainer {
    let engine: Engine
    let resolver: ResourceResolver
    let arguments: StatementArguments
    let control: StatementControl
    var boundParameters: [String: RawValue] { arguments.plannerValues }
    /// The statement's reads, to say which calls the session's cache would answer (nil: not said).
    var reads: StatementReads?

    func explain(_ parsed: ParsedStatement, text: String) async throws(RTKQLError) -> QueryResult {
        switch parsed.statement {
        case .exec(let exec) where exec.source != nil:
            throw .invalid(message: "EXPLAIN EXEC ... FROM (query) cannot list its requests before the query has run: "
                           + "EXPLAIN the query, or run the EXEC with --dry-run, which runs the query and lists the requests without sending them")
        case .exec(let exec):
            let plan = try ExecExecutor(engine: engine, resolver: resolver, boundParameters: boundParameters).plan(exec)
            return try OperationListing.list([plan.request], sender: OperationSender(engine: engine))
        case .replace(let replace):
            return try await ReplaceExecutor(engine: engine, resolver: resolver, arguments: arguments, control: control)
                .explain(replace, text: text)
        case .update(let update):
            return try await ReplaceExecutor(engine: engine, resolver: resolver, arguments: arguments, control: control, verb: .update)
                .explain(update, text: text)
        case .delete(let delete):
            let replace = ReplaceStatement(resource: delete.resource, assignments: [], whereClause: delete.whereClause, returning: delete.returning)
            return try await ReplaceExecutor(engine: engine, resolver: resolver, arguments: arguments, control: control, verb: .delete)
                .explain(replace, text: text)
        case .select:
            break
        case .insert(let insert):
            return try await InsertExecutor(engine: engine, resolver: resolver, arguments: arguments, control: control)
                .explain(insert, text: text)
        case .purge:
            throw .invalid(message: "EXPLAIN PURGE: PURGE sends nothing; it empties the session's cache")
        default:
            throw .invalid(message: "EXPLAIN takes SELECT, INSERT, UPDATE, REPLACE, DELETE or EXEC")
        }
        guard case .select(let query) = parsed.statement else {
            throw .invalid(message: "EXPLAIN takes SELECT, INSERT, UPDATE, REPLACE, DELETE or EXEC")
        }
        let plan = try RTKQLError.planning {
            try SelectPlanner(resolver: resolver, boundParameters: boundParameters, maximumCalls: engine.configuration.maxCalls).plan(query, text: text, statementRange: query.range)
        }
        var rows: [[SQLValue]] = []
        var step = 0
        for index in plan.loadOrder {
            var fetch = plan.fetches[index]
            let baseURL = engine.baseURL(for: fetch.resource.provider)
            let method = Value.text(fetch.resource.fullName + "." + fetch.method.name)
            var common = fetch.reason
            if !fetch.parameterSources.isEmpty {
                common += "; parameters: " + fetch.parameterSources.map { "\($0.name) ← \($0.source)" }.joined(separator: ", ")
            }
            if fetch.isDependent {
                step += 1
                let template = fetch.calls.first.map { call in
                    var parameters = call.parameters(forPage: 1)
                    for parameter in fetch.drivers.flatMap(\.parameters) { parameters[parameter] = .string("{\(parameter)}") }
                    return RequestBuilder.url(base: baseURL, method: fetch.method, parameters: parameters)
                        .replacingOccurrences(of: "%7B", with: "{").replacingOccurrences(of: "%7D", with: "}")
                }
                var note = common + "; after " + Set(fetch.drivers.flatMap(\.dependsOn)).sorted().map { plan.fetches[$0].tableName }
                    .joined(separator: ", ") + ": one call per distinct " + fetch.drivers.map(\.origin).joined(separator: " × ")
                note += " (cost \(fetch.method.cost ?? 1) each)"
                if let listOnce = fetch.listOnce {
                    let per = listOnce.parameters.isEmpty ? "" : " per distinct " + listOnce.parameters.joined(separator: ", ")
                    note += ", or \(listOnce.method.name) (cost \(listOnce.method.cost ?? 1)) once\(per) filtered by SQLite "
                        + "when that costs less"
                }
                note += " (at most \(engine.configuration.maxCalls), --max-calls); " + Explainer.loadedFields(fetch)
                rows.append([.integer(Int64(step)), .text(fetch.tableName), method, .text(fetch.method.http.verb),
                             template.map(Value.text) ?? .null, .null, .text(note)])
                continue
            }
            let unresolved = fetch
            var narrowed = false
            if let reads {
                (fetch, narrowed) = HeldListings(reads: reads, api: engine.apiClient, baseURL: baseURL).resolved(unresolved)
            } else if let sorted = fetch.sortedLimit {
                fetch.calls = sorted.applied(to: fetch.calls)
            }
            for call in fetch.calls {
                step += 1
                let url = RequestBuilder.url(base: baseURL, method: fetch.method, parameters: call.parameters(forPage: 1))
                var note = common
                if narrowed {
                    note += "; answered by the listing held without " + fetch.checkedLocally.sorted().joined(separator: ", ")
                        + " (SQLite keeps the matching rows)"
                }
                if call.pagination != nil {
                    if let limit = fetch.rowLimit {
                        note += "; pages only until \(limit) row\(limit == 1 ? "" : "s") are in (LIMIT, with no ORDER BY, grouping "
                            + "or condition left to SQLite), \(call.pageSize) rows per page"
                    } else if let sorted = fetch.sortedLimit {
                        note += "; asked for in the order of ORDER BY \(sorted.ordering), pages only until \(sorted.rows) "
                            + "row\(sorted.rows == 1 ? "" : "s") are in (LIMIT), \(call.pageSize) rows per page"
                    } else if let sorted = unresolved.sortedLimit {
                        note += "; then pages 2..n concurrently (n from total_count, \(call.pageSize) rows per page): completing the "
                            + "listing the cache partly holds costs less than asking for it in the order of ORDER BY \(sorted.ordering)"
                    } else {
                        note += "; then pages 2..n concurrently (n from total_count, \(call.pageSize) rows per page)"
                    }
                }
                if let reads {
                    let request = engine.apiClient.request(method: fetch.method.http.verb, url: url, body: nil)
                    if let (_, age) = reads.held(request, api: engine.apiClient) {
                        note += "; from the session's cache (\(StatementReads.seconds(age)) old)"
                    } else {
                        note += reads.maxAge > .zero ? "; not in the session's cache" : "; the session's cache is off"
                    }
                }
                note += "; " + Explainer.loadedFields(fetch)
                rows.append([.integer(Int64(step)), .text(fetch.tableName), method,
                             .text(fetch.method.http.verb), .text(url), .null, .text(note)])
            }
            if fetch.calls.isEmpty {
                step += 1
                rows.append([.integer(Int64(step)), .text(fetch.tableName), method,
                             .null, .null, .null, .text("no request: the predicates rule out every row")])
            }
        }
        step += 1
        rows.append([.integer(Int64(step)), .text("sqlite"), .null, .null, .null, .null, .text(plan.sql)])
        return QueryResult(columns: ["step", "target", "method", "http_method", "url", "body", "note"], rows: rows)
    }

    /// Which fields the load extracts: the statement reads only these.
    static func loadedFields(_ fetch: ResourceFetch) -> String {
        let total = fetch.resource.resource.fields.count
        if fetch.fieldsRead.count == total { return "loads all \(total) fields" }
        if fetch.fieldsRead.isEmpty { return "loads no field (rows counted only)" }
        return "loads \(fetch.fieldsRead.count) of \(total) fields: " + fetch.fieldsRead.joined(separator: ", ")
    }
}
