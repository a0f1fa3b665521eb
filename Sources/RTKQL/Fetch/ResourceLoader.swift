import RTKQLPlanning
import RTKQLProvider
import RTKQLStorage
import RTKQLTransport

/// What loading one resource reference did.
struct LoadReport: Sendable {
    /// Requests sent.
    var requests = 0
    /// Pages answered from the cache, or by an identical request in flight.
    var answeredFromCache = 0
    var rows = 0
    var warnings: [String] = []
}

/// Fetches the pages of one resource reference's calls and loads their rows into the reference's
/// SQLite table. Every call's first page is requested at once; a first page's `total_count` lets the
/// call's other pages be requested concurrently. All of it shares one budget of `concurrency` requests in
/// flight (`PagePlan` orders them); pages are decoded as they arrive and inserted call by call, in page order.
struct ResourceLoader {
    let api: APIClient
    let baseURL: String
    let concurrency: Int
    let pageLimit: Int?
    var progress: (@Sendable (FetchProgress) -> Void)?
    /// Keep the rows of the pages that arrived when a later page fails for good (and warn).
    var allowPartial = false
    /// How the statement's pages are answered (cache, shared requests) and counted.
    let reads: StatementReads

    func load(_ fetch: ResourceFetch, into database: Database) async throws(RTKQLError) -> LoadReport {
        let fetch = HeldListings(reads: reads, api: api, baseURL: baseURL).resolved(fetch).fetch
        let fields = fetch.resource.resource.fields
        let decoder = PageDecoder(fields: fetch.fieldsRead, rowsPath: fetch.method.response.rows,
                                  totalPath: fetch.method.pagination?.totalCount)
        var report = LoadReport()
        let loader: TableLoader
        do {
            loader = try TableLoader(database: database, tableName: fetch.tableName, fields: fields, loading: fetch.fieldsRead,
                                     parameters: fetch.parameterColumns, storing: fetch.parametersRead,
                                     constants: ResourceLoader.constantParameters(fetch))
            try loader.begin()
        } catch {
            throw RTKQLError.storage(error)
        }
        do {
            try await loadPages(of: fetch, decoder: decoder, loader: loader, report: &report)
            try commit(loader)
        } catch {
            loader.rollback()
            throw error
        }
        report.rows = loader.rowCount
        return report
    }

    /// The parameter columns whose value is the same for every call of `fetch` (NULL when no call takes
    /// them): generated from that constant rather than stored in every row.
    static func constantParameters(_ fetch: ResourceFetch) -> [String: SQLValue] {
        var constants: [String: SQLValue] = [:]
        for column in fetch.parameterColumns where !column.isGenerated {
            let values = Set(fetch.calls.map { call in
                call.columnValues.first { $0.key.lowercased() == column.name.lowercased() }?.value ?? .null
            })
            if values.count == 1, let value = values.first { constants[column.name] = value.sqlValue }
            if values.isEmpty { constants[column.name] = .null }
        }
        return constants
    }

    private func commit(_ loader: TableLoader) throws(RTKQLError) {
        do { try loader.commit() } catch { throw RTKQLError.storage(error) }
    }

    private func request(_ method: MethodDefinition, _ parameters: [String: ParameterValue]) -> HTTPRequest {
        api.request(method: method.http.verb, url: RequestBuilder.url(base: baseURL, method: method, parameters: parameters), body: nil)
    }

    private func loadPages(of fetch: ResourceFetch, decoder: PageDecoder, loader: TableLoader,
                           report: inout LoadReport) async throws(RTKQLError) {
        let api = self.api
        let method = fetch.method
        var plan = PagePlan(calls: fetch.calls, pageLimit: pageLimit, rowLimit: fetch.rowLimit, rowsPerCall: fetch.sortedLimit?.rows)
        let reads = self.reads
        let resource = fetch.resource.fullName
        let keepBudget = reads.cache.budget / 4
        var firstPageBytes: [Int: Int] = [:]
        let window = max(1, concurrency)
        var failure: RTKQLError?
        /// Whether the failure was a first page's: that fails the statement even with `allowPartial`.
        var firstPageFailed = false
        var pagesInserted = 0
        await withTaskGroup(of: (PagePlan.Key, Result<DecodedPage, RTKQLError>, StatementReads.Origin).self) { group in
            // No nested function captures `group`: optimised builds mis-handled that (page numbers
            // came back wrong), so tasks are added inline, each owning a copy of its key and request.
            var inFlight = 0
            var arrived: [PagePlan.Key: DecodedPage] = [:]
            while true {
                while inFlight < window, let next = plan.nextRequest() {
                    let request = request(method, plan.call(next).parameters(forPage: next.page))
                    // A listing too large for a quarter of the cache keeps only its first page there.
                    let estimate = (firstPageBytes[next.call] ?? 0) * (plan.lastPage(ofCall: next.call) ?? 1)
                    let keep = next.page == 1 || estimate <= keepBudget
                    group.addTask { [next, request] in
                        let (answer, origin) = await reads.page(request, api: api, resource: resource, keep: keep)
                        return (next, ResourceLoader.decode(answer, of: request, decoder: decoder), origin)
                    }
                    inFlight += 1
                }
                guard !plan.isComplete, let (key, result, origin) = await group.next() else { break }
                inFlight -= 1
                if origin == .sent { report.requests += 1 } else { report.answeredFromCache += 1 }
                if key.page == 1, case .success(let page) = result { firstPageBytes[key.call] = page.body.count }
                switch result {
                case .failure(let error):
                    failure = error
                    firstPageFailed = key.page == 1
                case .success(let page):
                    plan.arrived(key, rows: page.summary.rowCount, totalCount: page.summary.totalCount)
                    arrived[key] = page
                    while let page = arrived.removeValue(forKey: plan.cursor) {
                        let columnValues = plan.call(plan.cursor).columnValues
                        let parameters = loader.storedParameters.map { name in
                            (columnValues.first { $0.key.lowercased() == name.lowercased() }?.value ?? .null).sqlValue
                        }
                        do { try loader.insert(page, parameters: parameters) } catch {
                            failure = RTKQLError.storage(error)
                            break
                        }
                        pagesInserted += 1
                        plan.inserted(rows: page.summary.rowCount)
                        progress?(FetchProgress(pagesFetched: pagesInserted, pagesTotal: plan.pagesExpected,
                                                rowsFetched: loader.rowCount, rowsTotal: plan.rowsExpected,
                                                waitingOnBudget: api.governor.isWaiting))
                    }
                    arrived = arrived.filter { $0.key >= plan.cursor }  // pages of calls an empty page ended
                }
                if failure != nil { break }
            }
            group.cancelAll()
        }
        if failure == nil && !plan.isComplete {
            failure = .invalid(message: "the listing of \(fetch.resource.fullName) stopped before its last page (rtkql bug)")
        }
        report.warnings += plan.warnings
        guard let failure else { return }
        guard allowPartial, !firstPageFailed else { throw failure }
        report.warnings.append("the result is partial (--allow-partial): the listing stopped at a failed page "
                               + "after \(loader.rowCount) rows: \(failure)")
    }

    /// Reads and checks a fetched page, away from the database.
    private static func decode(_ fetched: Result<HTTPResponse, RTKQLError>, of request: HTTPRequest,
                               decoder: PageDecoder) -> Result<DecodedPage, RTKQLError> {
        fetched.flatMap { response in
            do {
                return .success(try decoder.decodePage(response.body))
            } catch let error as MalformedResponse {
                return .failure(.malformedResponse(request: "\(request.method) \(request.url)", message: error.message))
            } catch {
                return .failure(RTKQLError.storage(error))
            }
        }
    }
}

/// How far a listing has got, for progress displays.
public struct FetchProgress: Sendable {
    public var pagesFetched: Int
    public var pagesTotal: Int?
    public var rowsFetched: Int
    public var rowsTotal: Int?
    /// Set when requests are waiting for the client-side rate budget (`--rate-limit`) to refill.
    public var waitingOnBudget = false

    /// Progress as counted so far.
    public init(pagesFetched: Int, pagesTotal: Int?, rowsFetched: Int, rowsTotal: Int?, waitingOnBudget: Bool = false) {
        self.pagesFetched = pagesFetched
        self.pagesTotal = pagesTotal
        self.rowsFetched = rowsFetched
        self.rowsTotal = rowsTotal
        self.waitingOnBudget = waitingOnBudget
    }

    /// `fetching: pages 12/160, rows 1200/16000, about 3 s left (waiting on the API rate budget, --rate-limit)`,
    /// `elapsed` into the listing: the time left is the pages left at the pace so far.
    public func line(elapsed: Duration) -> String {
        let pages = pagesTotal.map { "\(pagesFetched)/\($0)" } ?? "\(pagesFetched)"
        let rows = rowsTotal.map { "\(rowsFetched)/\($0)" } ?? "\(rowsFetched)"
        var line = "fetching: pages \(pages), rows \(rows)"
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let total = pagesTotal, pagesFetched > 0, total > pagesFetched {
            let left = seconds / Double(pagesFetched) * Double(total - pagesFetched)
            line += left < 90 ? ", about \(Int(left.rounded(.up))) s left" : ", about \(Int((left / 60).rounded(.up))) min left"
        }
        if waitingOnBudget { line += " (waiting on the API rate budget, --rate-limit)" }
        return line
    }
}
