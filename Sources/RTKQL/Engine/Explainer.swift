import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax

/// EXPLAIN: the plan and every HTTP request a statement would send, sending none.
struct Explainer {
    let engine: Engine
    let resolver: ResourceResolver
    let boundParameters: [String: RawValue]

    func explain(_ parsed: ParsedStatement, text: String) throws(RTKQLError) -> QueryResult {
        let sender = OperationSender(engine: engine)
        switch parsed.statement {
        case .exec(let exec) where exec.returning == nil:
            let plan = try ExecExecutor(engine: engine, resolver: resolver, boundParameters: boundParameters).plan(exec)
            return try OperationListing.list([plan.request], sender: sender)
        case .replace(let replace):
            let plan = try RTKQLError.planning {
                try ReplacePlanner(resolver: resolver, boundParameters: boundParameters).plan(replace, text: text)
            }
            return try OperationListing.list(plan.requests, sender: sender)
        case .select:
            break
        case .exec, .insert, .update, .delete, .purge:
            throw RTKQLError.notSupportedYet(parsed.statement)
        default:
            throw .invalid(message: "EXPLAIN takes SELECT, REPLACE or EXEC")
        }
        guard case .select(let query) = parsed.statement else { throw .invalid(message: "EXPLAIN takes SELECT, REPLACE or EXEC") }
        let plan = try RTKQLError.planning {
            try SelectPlanner(resolver: resolver, boundParameters: boundParameters).plan(query, text: text, statementRange: query.range)
        }
        var rows: [[SQLValue]] = []
        var step = 0
        for fetch in plan.fetches {
            let baseURL = engine.baseURL(for: fetch.resource.provider)
            for call in fetch.calls {
                step += 1
                let url = RequestBuilder.url(base: baseURL, method: fetch.method, parameters: call.parameters(forPage: 1))
                var note = fetch.reason
                if call.pagination != nil {
                    note += "; then pages 2..n concurrently (n from total_count, \(call.pageSize) rows per page)"
                }
                note += "; " + Explainer.loadedFields(fetch)
                rows.append([.integer(Int64(step)), .text(fetch.tableName), .text(fetch.resource.fullName + "." + fetch.method.name),
                             .text(fetch.method.http.verb), .text(url), .null, .text(note)])
            }
            if fetch.calls.isEmpty {
                step += 1
                rows.append([.integer(Int64(step)), .text(fetch.tableName), .text(fetch.resource.fullName + "." + fetch.method.name),
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
