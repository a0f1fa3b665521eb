import Testing
@testable import RTKQLSandbox

/// Concurrent mutations never corrupt state.
@Suite struct ConcurrencyTests {
    @Test func concurrentPauseResumeOnDistinctRecordings() async throws {
        try await withNetworkSandbox({ $0.meetingsPerApp = 60; $0.recordingsPerApp = 60 }) { _, client in
            let meetings = Set(try await client.all().compactMap { $0["meeting"]?["id"]?.stringValue })
            let busy = Set(try await client.all("status=INVOKED,RECORDING,PAUSED").compactMap { $0["meeting"]?["id"]?.stringValue })
            let idle = Array(meetings.subtracting(busy).sorted().prefix(25))
            var ids: [String] = []
            for meeting in idle {
                let started = try await client.start("{\"meeting_id\":\"\(meeting)\"}")
                ids.append(try #require(started.json["data"]?["id"]?.stringValue))
            }
            // 50 concurrent requests: pause each of 25 recordings twice; exactly one of each pair wins.
            let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for id in ids + ids {
                    group.addTask { (id, try await client.act(id, "pause").status) }
                }
                var results: [(String, Int)] = []
                for try await result in group { results.append(result) }
                return results
            }
            #expect(statuses.count == 50)
            for id in ids {
                let codes = statuses.filter { $0.0 == id }.map(\.1).sorted()
                #expect(codes == [200, 400], "\(id)")
                #expect(try await client.get(id).json["data"]?["status"]?.stringValue == "PAUSED")
            }
            let resumed = try await withThrowingTaskGroup(of: Int.self) { group in
                for id in ids { group.addTask { try await client.act(id, "resume").status } }
                var codes: [Int] = []
                for try await code in group { codes.append(code) }
                return codes
            }
            #expect(resumed.allSatisfy { $0 == 200 })
        }
    }

    @Test func concurrentStartsOnOneMeeting() async throws {
        try await withSandbox { _, client in
            let meeting = try await idleMeeting(client)
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await client.start("{\"meeting_id\":\"\(meeting)\"}").status } }
                var codes: [Int] = []
                for try await code in group { codes.append(code) }
                return codes
            }
            #expect(codes.filter { $0 == 200 }.count == 1)
            #expect(codes.filter { $0 == 409 }.count == 19)
            let active = try await client.all("meeting_id=\(meeting)&status=INVOKED,RECORDING,PAUSED")
            #expect(active.count == 1)
        }
    }
}
