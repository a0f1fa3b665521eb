import RTKQLPlanning
import RTKQLProvider

/// Answers a narrower listing from a broader one the cache holds whole: a call whose extra parameters
/// SQLite checks again over the rows anyway (`checkedLocally` in the provider data, and the statement's
/// condition kept in its SQL) reads the pages of the same call without them, and SQLite keeps the rows
/// that match. `recordings WHERE status = 'UPLOADED'` after `recordings` sends nothing.
struct HeldListings {
    let reads: StatementReads
    let api: APIClient
    let baseURL: String

    /// The calls of `fetch` with each narrower call replaced by the broader one held, duplicates merged;
    /// nil when no call could be replaced.
    func narrowed(_ fetch: ResourceFetch) -> [MethodCall]? {
        guard !fetch.checkedLocally.isEmpty else { return nil }
        var replaced = false
        var calls: [MethodCall] = []
        for call in fetch.calls {
            var broader = call
            for name in call.parameters.keys where fetch.checkedLocally.contains(name) {
                guard let definition = fetch.resource.resource.parameter(named: name),
                      let value = call.parameters[name], matchesExactly(value, definition) else { continue }
                broader.parameters[name] = nil
            }
            if broader != call, isHeldWhole(broader, method: fetch.method) {
                replaced = true
                if !calls.contains(broader) { calls.append(broader) }
            } else if !calls.contains(call) {
                calls.append(call)
            }
        }
        return replaced ? calls : nil
    }

    /// Whether SQLite's comparison gives what the API's filter does for this value: the API compares UUIDs
    /// without regard to case, SQLite does not, so a UUID is answered locally only as the API returns them.
    private func matchesExactly(_ value: ParameterValue, _ definition: ParameterDefinition) -> Bool {
        guard definition.format == "uuid" else { return true }
        return value.wireValues.allSatisfy { $0 == $0.lowercased() }
    }

    /// Whether every page of `call` is held and may serve this statement.
    func isHeldWhole(_ call: MethodCall, method: MethodDefinition) -> Bool {
        let decoder = PageDecoder(fields: [], rowsPath: method.response.rows, totalPath: method.pagination?.totalCount)
        guard let first = summary(of: call, page: 1, method: method, decoder: decoder) else { return false }
        guard call.pagination != nil, first.rowCount > 0 else { return true }
        var paged = call
        if let total = first.totalCount {
            // As the listing paged it: the server may cap the page size below what was asked.
            if total > first.rowCount, first.rowCount < paged.pageSize { paged.pageSize = first.rowCount }
            let last = (total + paged.pageSize - 1) / max(paged.pageSize, 1)
            guard last >= 2 else { return true }
            return (2...last).allSatisfy { summary(of: paged, page: $0, method: method, decoder: decoder) != nil }
        }
        // No total: pages go on while they come back full.
        var page = 1
        var rows = first.rowCount
        while rows >= paged.pageSize {
            page += 1
            guard let next = summary(of: paged, page: page, method: method, decoder: decoder) else { return false }
            rows = next.rowCount
        }
        return true
    }

    private func summary(of call: MethodCall, page: Int, method: MethodDefinition, decoder: PageDecoder) -> PageSummary? {
        let url = RequestBuilder.url(base: baseURL, method: method, parameters: call.parameters(forPage: page))
        let request = api.request(method: method.http.verb, url: url, body: nil)
        guard let (response, _) = reads.held(request, api: api) else { return nil }
        return try? decoder.decodePage(response.body).summary
    }
}
