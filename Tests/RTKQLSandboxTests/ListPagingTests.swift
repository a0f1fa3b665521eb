import Testing
@testable import RTKQLSandbox

/// `page_no` / `per_page` arithmetic and the `paging` object.
@Suite struct ListPagingTests {
    @Test(arguments: [1, 7, 20, 33, 100])
    func pagesCoverEverythingOnce(perPage: Int) async throws {
        try await withSandbox { _, client in
            var seen: [String] = []
            var page = 1
            let total = 240
            let pages = (total + perPage - 1) / perPage
            while true {
                let result = try await client.list("per_page=\(perPage)&page_no=\(page)")
                #expect(result.status == 200)
                let paging = try #require(result.json["paging"])
                let data = result.json["data"]?.arrayValue ?? []
                #expect(paging["total_count"]?.integerValue == Int64(total))
                let start = (page - 1) * perPage + 1
                #expect(paging["start_offset"]?.integerValue == Int64(start))
                #expect(paging["end_offset"]?.integerValue == Int64(start + data.count - 1))
                if page < pages { #expect(data.count == perPage) }
                if page == pages { #expect(data.count == total - (pages - 1) * perPage) }
                if data.isEmpty { break }
                seen += data.compactMap { $0["id"]?.stringValue }
                page += 1
            }
            #expect(page == pages + 1)
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
        }
    }

    @Test func emptyPagePastTheEnd() async throws {
        try await withSandbox { _, client in
            let result = try await client.list("per_page=50&page_no=9")
            #expect(result.status == 200)
            #expect(result.json["data"]?.count == 0)
            #expect(result.json["paging"]?["total_count"]?.integerValue == 240)
            #expect(result.json["paging"]?["start_offset"]?.integerValue == 401)
            #expect(result.json["paging"]?["end_offset"]?.integerValue == 400)
        }
    }

    @Test func defaultsAndCap() async throws {
        try await withSandbox { _, client in
            let plain = try await client.list()
            #expect(plain.json["data"]?.count == Paging.defaultPerPage)
            let big = try await client.list("per_page=500")
            #expect(big.json["data"]?.count == 100)
            #expect(big.json["paging"]?["end_offset"]?.integerValue == 100)
            let second = try await client.list("per_page=500&page_no=2")
            #expect(second.json["paging"]?["start_offset"]?.integerValue == 101)
        }
        try await withSandbox({ $0.perPageCap = 25 }) { _, client in
            let capped = try await client.list("per_page=100")
            #expect(capped.json["data"]?.count == 25)
        }
    }

    @Test func invalidPagingValues() async throws {
        try await withSandbox { _, client in
            let cases: [(String, String)] = [
                ("page_no=-3", "BAD_REQUEST: \"page_no\" must be greater than or equal to 0"),
                ("page_no=abc", "BAD_REQUEST: \"page_no\" must be a number"),
                ("page_no=1.5", "BAD_REQUEST: \"page_no\" must be an integer"),
                ("per_page=-1", "BAD_REQUEST: \"per_page\" must be greater than or equal to 0"),
                ("per_page=ten", "BAD_REQUEST: \"per_page\" must be a number"),
            ]
            for (query, message) in cases {
                let result = try await client.list(query)
                #expect(result.status == 400, "\(query)")
                #expect(errorMessage(result) == message, "\(query)")
            }
        }
    }

    /// The schema's minimum is 0 and an empty value is allowed: 0 or empty mean the first page, the default size.
    @Test func zeroAndEmptyMeanTheDefaults() async throws {
        try await withSandbox { _, client in
            let first = try await client.list("per_page=20&page_no=1").json["data"]
            for query in ["page_no=0", "page_no=", "per_page=0", "per_page=&page_no=0"] {
                let result = try await client.list(query)
                #expect(result.status == 200, "\(query)")
                #expect(result.json["data"] == first, "\(query)")
                #expect(result.json["paging"]?["start_offset"]?.integerValue == 1, "\(query)")
                #expect(result.json["paging"]?["end_offset"]?.integerValue == 20, "\(query)")
            }
        }
    }

    @Test func hundredPagesOfHundred() async throws {
        try await withSandbox({ $0.recordingsPerApp = 10_000; $0.appIDs = [SandboxConfiguration.demoAppIDs[0]] }) { _, client in
            let clock = ContinuousClock()
            let started = clock.now
            var ids = Set<String>()
            for page in 1...100 {
                let result = try await client.list("per_page=100&page_no=\(page)")
                #expect(result.status == 200)
                for item in result.json["data"]?.arrayValue ?? [] { ids.insert(item["id"]?.stringValue ?? "") }
            }
            let elapsed = clock.now - started
            print("sandbox: 100 pages of 100 recordings in \(elapsed)")
            #expect(ids.count == 10_000)
        }
    }
}
