import RTKQLPlanning
import RTKQLProvider
import RTKQLStorage
import RTKQLTransport

/// What loading one resource reference did.
struct LoadReport: Sendable {
    var requests = 0
    var rows = 0
    var warnings: [String] = []
}

/// Fetches the pages of one resource reference's calls and loads their rows, in page order, into
/// the reference's SQLite table. After the first page (which tells the total), the remaining pages
/// are fetched concurrently, at most `concurrency` in flight.
struct ResourceLoader {
    let api: APIClient
    let baseURL: String
    let concurrency: Int
    let pageLimit: Int?
    var progress: (@Sendable (FetchProgress) -> Void)?
    /// Keep the rows of the pages that arrived when a later page fails for good (and warn).
    var allowPartial = false

    func load(_ fetch: ResourceFetch, into database: Database) async throws(RTKQLError) -> LoadReport {
        let fields = fetch.resource.resource.fields
        let decoder = PageDecoder(fields: fetch.fieldsRead, rowsPath: fetch.method.response.rows,
                                  totalPath: fetch.method.pagination?.totalCount)
        var report = LoadReport()
        let loader: TableLoader
        do {
            loader = try TableLoader(database: database, tableName: fetch.tableName, fields: fields, loading: fetch.fieldsRead)
            try loader.begin()
        } catch {
            throw .sql(message: "\(error)")
        }
        do {
            for call in fetch.calls {
                try await load(call, method: fetch.method, decoder: decoder, loader: loader, report: &report)
            }
            try commit(loader)
        } catch {
            loader.rollback()
            throw error
        }
        report.rows = loader.rowCount
        return report
    }

    private func commit(_ loader: TableLoader) throws(RTKQLError) {
        do { try loader.commit() } catch { throw .sql(message: "\(error)") }
    }

    private func request(_ method: MethodDefinition, _ parameters: [String: ParameterValue]) -> HTTPRequest {
        api.request(method: method.http.verb, url: RequestBuilder.url(base: baseURL, method: method, parameters: parameters), body: nil)
    }

    private func load(_ call: MethodCall, method: MethodDefinition, decoder: PageDecoder, loader: TableLoader,
                      report: inout LoadReport) async throws(RTKQLError) {
        let first = request(method, call.parameters(forPage: 1))
        let firstResponse = try await api.send(first)
        report.requests += 1
        let summary = try insert(firstResponse, of: first, decoder: decoder, loader: loader)
        guard call.pagination != nil, summary.rowCount > 0 else { return }
        let expectedPages = summary.totalCount.map { total in
            let size = total > summary.rowCount && summary.rowCount < call.pageSize ? summary.rowCount : call.pageSize
            return (total + size - 1) / max(size, 1)
        }
        var pagesDone = 1
        let notify: (Int) -> Void = { [progress] pages in
            progress?(FetchProgress(pagesFetched: pages, pagesTotal: expectedPages, rowsFetched: loader.rowCount, rowsTotal: summary.totalCount))
        }
        notify(pagesDone)

        // The server may cap the page size below what was asked: page with what it actually gave.
        let total = summary.totalCount
        let effectiveSize = (total ?? 0) > summary.rowCount && summary.rowCount < call.pageSize ? summary.rowCount : call.pageSize
        guard let total else {
            try await loadSequentially(call, from: 2, size: effectiveSize, method: method, decoder: decoder,
                                       loader: loader, report: &report, lastSize: summary.rowCount)
            return
        }
        var lastPage = (total + effectiveSize - 1) / effectiveSize
        if let pageLimit, lastPage > pageLimit {
            let left = total - pageLimit * effectiveSize
            report.warnings.append("stopped after \(pageLimit) page(s) of \(lastPage) (--http.response.pageLimit): "
                                   + "\(left) of \(total) rows were left out")
            lastPage = pageLimit
        }
        guard lastPage >= 2 else { return }
        var sizedCall = call
        sizedCall.pageSize = effectiveSize
        try await loadConcurrently(sizedCall, pages: 2...lastPage, method: method, decoder: decoder, loader: loader, report: &report) {
            pagesDone += 1
            notify(pagesDone)
        }
    }

    private func loadSequentially(_ call: MethodCall, from page: Int, size: Int, method: MethodDefinition, decoder: PageDecoder,
                                  loader: TableLoader, report: inout LoadReport, lastSize: Int) async throws(RTKQLError) {
        var page = page
        var previous = lastSize
        var sizedCall = call
        sizedCall.pageSize = size
        while previous >= size {
            if let pageLimit, page > pageLimit {
                report.warnings.append("stopped after \(pageLimit) page(s) (--http.response.pageLimit); more rows may exist")
                return
            }
            let next = request(method, sizedCall.parameters(forPage: page))
            let response = try await api.send(next)
            report.requests += 1
            previous = try insert(response, of: next, decoder: decoder, loader: loader).rowCount
            page += 1
        }
    }

    /// Pages are fetched and decoded (JSON read and checked) concurrently, at most `concurrency` at a
    /// time, and inserted in page order as they become ready.
    private func loadConcurrently(_ call: MethodCall, pages: ClosedRange<Int>, method: MethodDefinition, decoder: PageDecoder,
                                  loader: TableLoader, report: inout LoadReport, pageLoaded: () -> Void) async throws(RTKQLError) {
        let api = self.api
        let requests = pages.map { page in (page, request(method, call.parameters(forPage: page))) }
        let window = max(1, concurrency)
        var outcome: Result<Int, RTKQLError> = .success(0)
        await withTaskGroup(of: (Int, Result<DecodedPage, RTKQLError>).self) { group in
            // No nested function captures `group`: optimised builds mis-handled that (page numbers
            // came back wrong), so tasks are added inline, each owning a copy of its page and request.
            var launched = 0
            var buffered: [Int: DecodedPage] = [:]
            var nextToInsert = pages.lowerBound
            var finished = false
            while launched < min(window, requests.count) {
                let (page, request) = requests[launched]
                launched += 1
                group.addTask { [page, request] in (page, ResourceLoader.decode(await api.result(of: request), of: request, decoder: decoder)) }
            }
            while !finished, let (page, result) = await group.next() {
                switch result {
                case .failure(let error):
                    outcome = .failure(error)
                    finished = true
                case .success(let decoded):
                    buffered[page] = decoded
                    while let ready = buffered.removeValue(forKey: nextToInsert) {
                        do {
                            try loader.insert(ready)
                            let count = ready.summary.rowCount
                            if case .success(let done) = outcome { outcome = .success(done + 1) }
                            pageLoaded()
                            if count == 0 { finished = true; break }  // an empty page ends the listing
                        } catch {
                            outcome = .failure(error as? RTKQLError ?? .sql(message: "\(error)"))
                            finished = true
                            break
                        }
                        nextToInsert += 1
                    }
                    if !finished, launched < requests.count {
                        let (nextPage, nextRequest) = requests[launched]
                        launched += 1
                        group.addTask { [nextPage, nextRequest] in
                            (nextPage, ResourceLoader.decode(await api.result(of: nextRequest), of: nextRequest, decoder: decoder))
                        }
                    }
                }
            }
            group.cancelAll()
        }
        switch outcome {
        case .success(let pagesLoaded): report.requests += pagesLoaded
        case .failure(let error) where allowPartial:
            report.warnings.append("the result is partial (--allow-partial): the listing stopped at a failed page "
                                   + "after \(loader.rowCount) rows: \(error)")
        case .failure(let error): throw error
        }
    }

    private func insert(_ response: HTTPResponse, of request: HTTPRequest, decoder: PageDecoder,
                        loader: TableLoader) throws(RTKQLError) -> PageSummary {
        let page = try ResourceLoader.decode(.success(response), of: request, decoder: decoder).get()
        do { try loader.insert(page) } catch { throw .sql(message: "\(error)") }
        return page.summary
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
                return .failure(.sql(message: "\(error)"))
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
}
