import Foundation
@testable import RTKQL
import RTKQLPlanning
import RTKQLProvider
import Testing

/// The order pages are requested and inserted in, across the calls of one reference.
@Suite struct PagePlanTests {
    static let pagination = try! JSONDecoder().decode(Pagination.self, from: Data(
        #"{"pageParameter":"page_no","sizeParameter":"per_page","pageSize":100,"totalCount":"paging.total_count"}"#.utf8))

    func call(_ app: String) -> MethodCall {
        MethodCall(parameters: ["app_id": .string(app)], pagination: PagePlanTests.pagination, pageSize: 100)
    }

    typealias Key = PagePlan.Key

    /// Requests everything due, in order.
    func drain(_ plan: inout PagePlan) -> [Key] {
        var keys: [Key] = []
        while let key = plan.nextRequest() { keys.append(key) }
        return keys
    }

    @Test func everyFirstPageFirstThenEachCallsPagesInsertedCallByCall() {
        var plan = PagePlan(calls: [call("a"), call("b")], pageLimit: nil)
        #expect(drain(&plan) == [Key(call: 0, page: 1), Key(call: 1, page: 1)])
        #expect(plan.pagesExpected == nil)
        plan.arrived(Key(call: 1, page: 1), rows: 50, totalCount: 50)
        plan.arrived(Key(call: 0, page: 1), rows: 100, totalCount: 250)
        #expect(drain(&plan) == [Key(call: 0, page: 2), Key(call: 0, page: 3)])
        #expect(plan.pagesExpected == 4)
        #expect(plan.rowsExpected == 300)
        var inserted: [Key] = []
        for rows in [100, 100, 50, 50] {
            inserted.append(plan.cursor)
            plan.inserted(rows: rows)
        }
        #expect(inserted == [Key(call: 0, page: 1), Key(call: 0, page: 2), Key(call: 0, page: 3), Key(call: 1, page: 1)])
        #expect(plan.isComplete)
    }

    @Test func aServerCapOnThePageSizeIsFollowed() {
        var plan = PagePlan(calls: [call("a")], pageLimit: nil)
        _ = drain(&plan)
        plan.arrived(Key(call: 0, page: 1), rows: 25, totalCount: 60)
        #expect(drain(&plan) == [Key(call: 0, page: 2), Key(call: 0, page: 3)])
        #expect(plan.call(Key(call: 0, page: 2)).pageSize == 25)
        #expect(plan.call(Key(call: 0, page: 2)).parameters(forPage: 2)["per_page"] == .integer(25))
    }

    @Test func withoutATotalPagesFollowOneAnotherWhileFull() {
        var plan = PagePlan(calls: [call("a")], pageLimit: nil)
        _ = drain(&plan)
        plan.arrived(Key(call: 0, page: 1), rows: 100, totalCount: nil)
        #expect(drain(&plan) == [Key(call: 0, page: 2)])
        plan.inserted(rows: 100)
        plan.arrived(Key(call: 0, page: 2), rows: 40, totalCount: nil)
        #expect(drain(&plan).isEmpty)
        plan.inserted(rows: 40)
        #expect(plan.isComplete)
    }

    @Test func thePageLimitStopsACallAndSaysWhatWasLeftOut() {
        var plan = PagePlan(calls: [call("a"), call("b")], pageLimit: 2)
        _ = drain(&plan)
        plan.arrived(Key(call: 0, page: 1), rows: 100, totalCount: 1000)
        plan.arrived(Key(call: 1, page: 1), rows: 100, totalCount: nil)
        #expect(drain(&plan) == [Key(call: 0, page: 2), Key(call: 1, page: 2)])
        plan.arrived(Key(call: 1, page: 2), rows: 100, totalCount: nil)
        #expect(drain(&plan).isEmpty)
        #expect(plan.warnings == [
            "stopped after 2 page(s) of 10 (--http.response.pageLimit): 800 of 1000 rows were left out",
            "stopped after 2 page(s) (--http.response.pageLimit); more rows may exist",
        ])
    }

    @Test func anEmptyPageEndsItsCallAndDropsItsQueuedPages() {
        var plan = PagePlan(calls: [call("a"), call("b")], pageLimit: nil)
        #expect(plan.nextRequest() == Key(call: 0, page: 1))
        plan.arrived(Key(call: 0, page: 1), rows: 100, totalCount: 400)
        #expect(plan.nextRequest() == Key(call: 0, page: 2))  // lower keys first: before b's first page
        plan.inserted(rows: 100)
        plan.arrived(Key(call: 0, page: 2), rows: 0, totalCount: 400)
        plan.inserted(rows: 0)
        #expect(plan.cursor == Key(call: 1, page: 1))
        #expect(drain(&plan) == [Key(call: 1, page: 1)])
    }
}
