import Testing
@testable import RTKQLSandbox

/// The in-memory list order and filters, which stand in for the SQL the list used to run.
@Suite struct ListIndexTests {
    private func entry(_ id: String, at time: Millis, status: String = "UPLOADED", meeting: String = "m1",
                       title: String = "Weekly Standup", expiry: Millis? = nil) -> ListIndex.Entry {
        ListIndex.Entry(id: id, meetingID: meeting, meetingTitleLowercased: title.lowercased(), status: status,
                        invokedTime: time, downloadURLExpiry: expiry,
                        head: "{\"id\":\"\(id)\",\"meeting\":", meeting: "{\"id\":\"\(meeting)\"}", tail: "}")
    }

    private func ids(_ page: ListPage) -> [String] {
        page.items.map { String($0.dropFirst(7).prefix(while: { $0 != "\"" })) }
    }

    @Test func newestFirstThenIDDescendingAndAscendingIsTheExactReverse() {
        let index = ListIndex(entries: [entry("b", at: 10), entry("a", at: 20), entry("c", at: 10), entry("B", at: 10)])
        var query = ListQuery()
        query.perPage = 10
        #expect(ids(index.page(query, now: 0)) == ["a", "c", "b", "B"])
        query.ascending = true
        #expect(ids(index.page(query, now: 0)) == ["B", "b", "c", "a"])
    }

    @Test func filteredPagesCountEveryMatchAndSliceInOrder() {
        let index = ListIndex(entries: (0..<10).map {
            entry("r\($0)", at: Millis($0), status: $0 % 2 == 0 ? "UPLOADED" : "RECORDING")
        })
        var query = ListQuery()
        query.statuses = ["UPLOADED"]
        query.perPage = 2
        query.pageNo = 2
        let page = index.page(query, now: 0)
        #expect(page.totalCount == 5)
        #expect(ids(page) == ["r4", "r2"])
        #expect(page.startOffset == 3 && page.endOffset == 4)
        query.ascending = true
        #expect(ids(index.page(query, now: 0)) == ["r4", "r6"])
        query.pageNo = 4
        let past = index.page(query, now: 0)
        #expect(past.items.isEmpty && past.totalCount == 5 && past.startOffset == 7 && past.endOffset == 6)
    }

    @Test func searchTimeRangeAndExpiry() {
        let index = ListIndex(entries: [
            entry("x", at: 100, meeting: "aaaa-1111", title: "Board Prep", expiry: 50),
            entry("y", at: 200, meeting: "bbbb-2222", title: "Customer call", expiry: 500),
            entry("z", at: 300, meeting: "cccc-3333", title: "Customer sync"),
        ])
        func run(_ change: (inout ListQuery) -> Void) -> [String] {
            var query = ListQuery()
            query.perPage = 10
            change(&query)
            return ids(index.page(query, now: 100))
        }
        #expect(run { $0.search = "CUSTOMER" } == ["z", "y"])
        #expect(run { $0.search = "1111" } == ["x"])
        #expect(run { $0.startTime = 200 } == ["z", "y"])
        #expect(run { $0.endTime = 200 } == ["y", "x"])
        #expect(run { $0.expired = true } == ["x"])
        #expect(run { $0.expired = false } == ["y"])
        #expect(run { $0.meetingID = "BBBB-2222" } == ["y"])
    }

    @Test func listsShowEveryWriteAndTransitionAtOnce() async throws {
        try await withSandbox { _, client in
            let before = try await client.list("per_page=1")
            let total = try #require(before.json["paging"]?["total_count"]?.integerValue)
            let meeting = try await idleMeeting(client)
            let started = try await client.start("{\"meeting_id\":\"\(meeting)\"}")
            let id = try #require(started.json["data"]?["id"]?.stringValue)
            func listed() async throws -> (status: String?, total: Int64?) {
                let page = try await client.list("meeting_id=\(meeting)&per_page=100")
                let mine = page.json["data"]?.arrayValue?.first { $0["id"]?.stringValue == id }
                let all = try await client.list("per_page=1")
                return (mine?["status"]?.stringValue, all.json["paging"]?["total_count"]?.integerValue)
            }
            // INVOKED becomes RECORDING on the next request: the list must not serve what it rendered before.
            #expect(try await listed() == ("RECORDING", total + 1))
            _ = try await client.act(id, "pause")
            #expect(try await listed() == ("PAUSED", total + 1))
            _ = try await client.act(id, "stop")
            #expect(try await listed().status == "UPLOADED")
        }
    }
}
