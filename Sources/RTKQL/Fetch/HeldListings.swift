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

    /// `fetch` as it will be fetched given what the cache holds: narrower calls answered by broader listings
    /// held (`narrowed` true; no row limit then: the held pages cost nothing), or, for a sorted LIMIT, the calls
    /// asked for in the statement's order (`sortedLimit` kept) unless completing the listings partly held costs
    /// little (`sortedLimit` dropped: every page then, which later statements read from the cache).
    func resolved(_ fetch: ResourceFetch) -> (fetch: ResourceFetch, narrowed: Bool) {
        var fetch = fetch
        if let narrowed = narrowed(fetch) {
            fetch.calls = narrowed
            fetch.rowLimit = nil
            fetch.sortedLimit = nil
            return (fetch, true)
        }
        if let sorted = fetch.sortedLimit {
            if completesCheaply(fetch.calls, sorted: sorted, method: fetch.method) {
                fetch.sortedLimit = nil
            } else {
                fetch.calls = sorted.applied(to: fetch.calls)
            }
        }
        return (fetch, false)
    }

    /// Whether completing the listings of `calls` costs at most twice the requests the sorted first pages
    /// would: every page of a listing serves any later statement over it from the cache, the sorted pages
    /// only this LIMIT. A listing whose first page is not held (or tells no total) is not worth completing.
    private func completesCheaply(_ calls: [MethodCall], sorted: SortedLimit, method: MethodDefinition) -> Bool {
        var missing = 0
        var sortedMissing = 0
        for call in calls {
            guard let lacking = pagesMissing(call, method: method) else { return false }
            missing += lacking
            let pages = max(1, (sorted.rows + call.pageSize - 1) / max(call.pageSize, 1))
            sortedMissing += pagesMissing(sorted.applied(to: [call])[0], method: method, firstPages: pages) ?? pages
        }
        return missing <= 2 * sortedMissing
    }

    /// The pages of `call` not held: its first `firstPages`, or (nil) every page of the listing, which is
    /// unknown (nil) unless its first page is held and tells the total.
    func pagesMissing(_ call: MethodCall, method: MethodDefinition, firstPages: Int? = nil) -> Int? {
        let decoder = HeldListings.summaryDecoder(method)
        if let firstPages {
            return (1...max(1, firstPages)).filter { summary(of: call, page: $0, method: method, decoder: decoder) == nil }.count
        }
        guard let first = summary(of: call, page: 1, method: method, decoder: decoder) else { return nil }
        guard call.pagination != nil, first.rowCount > 0 else { return 0 }
        guard let (paged, last) = HeldListings.pages(of: call, first: first) else { return nil }
        guard last >= 2 else { return 0 }
        return (2...last).filter { summary(of: paged, page: $0, method: method, decoder: decoder) == nil }.count
    }

    /// Reads only what a page says of itself (rows, total).
    private static func summaryDecoder(_ method: MethodDefinition) -> PageDecoder {
        PageDecoder(fields: [], rowsPath: method.response.rows, totalPath: method.pagination?.totalCount)
    }

    /// `call` as the listing paged it, and its last page, from the first page's total (nil without one): the
    /// server may cap the page size below what was asked.
    private static func pages(of call: MethodCall, first: PageSummary) -> (paged: MethodCall, last: Int)? {
        guard let total = first.totalCount else { return nil }
        var paged = call
        if total > first.rowCount, first.rowCount < paged.pageSize { paged.pageSize = first.rowCount }
        return (paged, (total + paged.pageSize - 1) / max(paged.pageSize, 1))
    }

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
        let decoder = HeldListings.summaryDecoder(method)
        guard let first = summary(of: call, page: 1, method: method, decoder: decoder) else { return false }
        guard call.pagination != nil, first.rowCount > 0 else { return true }
        if let (paged, last) = HeldListings.pages(of: call, first: first) {
            guard last >= 2 else { return true }
            return (2...last).allSatisfy { summary(of: paged, page: $0, method: method, decoder: decoder) != nil }
        }
        // No total: pages go on while they come back full.
        var page = 1
        var rows = first.rowCount
        while rows >= call.pageSize {
            page += 1
            guard let next = summary(of: call, page: page, method: method, decoder: decoder) else { return false }
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
