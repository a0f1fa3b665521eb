import RTKQLJSON
import Testing
@testable import RTKQLSandbox

/// Every list filter and the sort orders, checked against the full data set.
@Suite struct ListFilterTests {
    @Test func statusRepeatedAndCommaAgree() async throws {
        try await withSandbox { _, client in
            let all = try await client.all()
            let expected = all.filter { ["RECORDING", "PAUSED"].contains($0["status"]?.stringValue ?? "") }.count
            #expect(expected > 0)
            for query in ["status=RECORDING&status=PAUSED", "status=RECORDING,PAUSED", "status=RECORDING%2CPAUSED",
                          "status=PAUSED&status=RECORDING,PAUSED"] {
                let items = try await client.all(query)
                #expect(items.count == expected, "\(query)")
                #expect(items.allSatisfy { ["RECORDING", "PAUSED"].contains($0["status"]?.stringValue ?? "") })
            }
            for status in RecordingSchema.statuses {
                let count = all.filter { $0["status"]?.stringValue == status }.count
                let result = try await client.list("status=\(status)&per_page=1")
                #expect(result.json["paging"]?["total_count"]?.integerValue == Int64(count), "\(status)")
            }
        }
    }

    @Test func meetingIDFilter() async throws {
        try await withSandbox { _, client in
            let all = try await client.all()
            let meeting = try #require(all.first?["meeting"]?["id"]?.stringValue)
            let items = try await client.all("meeting_id=\(meeting)")
            #expect(items.count == all.filter { $0["meeting"]?["id"]?.stringValue == meeting }.count)
            #expect(items.allSatisfy { $0["meeting"]?["id"]?.stringValue == meeting })
            let none = try await client.list("meeting_id=00000000-0000-4000-8000-000000000000")
            #expect(none.json["paging"]?["total_count"]?.integerValue == 0)
            let bad = try await client.list("meeting_id=nope")
            #expect(bad.status == 400)
            #expect(errorMessage(bad) == "BAD_REQUEST: \"meeting_id\" must be a valid GUID")
        }
    }

    @Test func searchMatchesTitleOrMeetingID() async throws {
        try await withSandbox { _, client in
            let all = try await client.all()
            let byTitle = try await client.all("search=CUSTOMER%20call")
            let expected = all.filter { $0["meeting"]?["title"]?.stringValue?.lowercased().contains("customer call") == true }
            #expect(!expected.isEmpty)
            #expect(byTitle.count == expected.count)
            let meeting = try #require(all.first?["meeting"]?["id"]?.stringValue)
            let fragment = String(meeting.prefix(13)).uppercased()
            let byID = try await client.all("search=\(fragment)")
            #expect(byID.count == all.filter { $0["meeting"]?["id"]?.stringValue?.hasPrefix(meeting.prefix(13)) == true }.count)
            #expect(try await client.all("search=zzzz-no-such-thing").isEmpty)
        }
    }

    @Test func timeRangeIsInclusive() async throws {
        try await withSandbox { _, client in
            let all = try await client.all()
            let times = all.compactMap { $0["invoked_time"]?.stringValue }.sorted()
            let low = times[50], high = times[150]
            let items = try await client.all("start_time=\(low)&end_time=\(high)")
            #expect(items.count == times.filter { $0 >= low && $0 <= high }.count)
            #expect(items.contains { $0["invoked_time"]?.stringValue == low })
            #expect(items.contains { $0["invoked_time"]?.stringValue == high })
            // Other ISO 8601 spellings of the same instants.
            let offset = try await client.all("start_time=2026-03-01&end_time=2026-03-31T23:59:59%2B00:00")
            #expect(offset.count == times.filter { $0 >= "2026-03-01" && $0 <= "2026-03-31T23:59:59.000Z" }.count)
            for query in ["start_time=yesterday", "end_time=2026-13-01", "start_time=2026-02-30T00:00:00Z"] {
                let bad = try await client.list(query)
                #expect(bad.status == 400, "\(query)")
                let name = query.hasPrefix("start") ? "start_time" : "end_time"
                #expect(errorMessage(bad) == "BAD_REQUEST: \"\(name)\" must be in ISO 8601 date format")
            }
        }
    }

    @Test func expiredFilter() async throws {
        try await withSandbox { _, client in
            let now = Timestamp.format(Timestamp.now())
            let all = try await client.all()
            let withExpiry = all.compactMap { $0["download_url_expiry"]?.stringValue }
            let expired = try await client.all("expired=true")
            let fresh = try await client.all("expired=FALSE")
            #expect(expired.count == withExpiry.filter { $0 < now }.count)
            #expect(fresh.count == withExpiry.filter { $0 >= now }.count)
            #expect(!expired.isEmpty && !fresh.isEmpty)
            #expect(expired.allSatisfy { ($0["download_url_expiry"]?.stringValue ?? "z") < now })
            let bad = try await client.list("expired=maybe")
            #expect(bad.status == 400)
            #expect(errorMessage(bad) == "BAD_REQUEST: \"expired\" must be a boolean")
        }
    }

    @Test func badStatusAndSortValues() async throws {
        try await withSandbox { _, client in
            let cases: [(String, String)] = [
                ("status=DONE", "BAD_REQUEST: \"status\" must be one of [INVOKED, RECORDING, UPLOADING, UPLOADED, ERRORED, PAUSED]"),
                ("status=RECORDING,", "BAD_REQUEST: \"status\" must be one of [INVOKED, RECORDING, UPLOADING, UPLOADED, ERRORED, PAUSED]"),
                ("sort_by=createdAt", "BAD_REQUEST: \"sort_by\" must be one of [invokedTime]"),
                ("sort_order=UP", "BAD_REQUEST: \"sort_order\" must be one of [ASC, DESC]"),
            ]
            for (query, message) in cases {
                let result = try await client.list(query)
                #expect(result.status == 400, "\(query)")
                #expect(errorMessage(result) == message, "\(query)")
            }
        }
    }

    @Test func sortOrders() async throws {
        try await withSandbox { _, client in
            func keys(_ items: [JSONValue]) -> [String] {
                items.map { ($0["invoked_time"]?.stringValue ?? "") + " " + ($0["id"]?.stringValue ?? "") }
            }
            let byDefault = keys(try await client.all())
            #expect(byDefault == byDefault.sorted(by: >))
            #expect(keys(try await client.all("sort_by=invokedTime&sort_order=DESC")) == byDefault)
            #expect(keys(try await client.all("sort_order=DESC")) == byDefault)
            let ascending = keys(try await client.all("sort_by=invokedTime&sort_order=ASC"))
            #expect(ascending == byDefault.sorted())
            #expect(keys(try await client.all("sort_order=asc")) == ascending)
        }
    }
}
