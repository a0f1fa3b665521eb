import Testing
@testable import RTKQLSandbox

/// Same flags, same bytes.
@Suite struct DeterminismTests {
    static let queries = ["per_page=100", "per_page=100&page_no=3", "status=ERRORED&sort_order=ASC", "search=acme"]

    func snapshot(_ configure: @escaping (inout SandboxConfiguration) -> Void) async throws -> [String] {
        try await withSandbox(configure) { _, client in
            var texts: [String] = []
            for query in DeterminismTests.queries {
                texts.append(try await client.list(query).text)
                let other = client.forApp(SandboxConfiguration.demoAppIDs[1])
                texts.append(try await other.list(query).text)
            }
            return texts
        }
    }

    @Test func sameSeedSameBytes() async throws {
        let first = try await snapshot { _ in }
        let second = try await snapshot { _ in }
        #expect(first == second)
        let otherSeed = try await snapshot { $0.seed = 7 }
        #expect(first != otherSeed)
    }

    @Test func seedDataHasTheDocumentedMix() async throws {
        try await withSandbox { _, client in
            let all = try await client.all()
            let statuses = Set(all.compactMap { $0["status"]?.stringValue })
            #expect(statuses == Set(RecordingSchema.statuses))
            #expect(all.filter { $0["status"]?.stringValue == "UPLOADED" }.count > all.count / 2)
            #expect(all.contains { $0["storage_config"]?.isNull == false })
            #expect(all.contains { $0["audio_download_url"]?.isNull == false })
            let times = all.compactMap { $0["invoked_time"]?.stringValue }
            #expect(times.allSatisfy { $0 >= "2026-01-01T00:00:00.000Z" && $0 <= "2026-10-31T23:59:59.000Z" })
            let titles = Set(all.compactMap { $0["meeting"]?["title"]?.stringValue })
            #expect(titles.contains("Weekly standup"))
            #expect(titles.contains("Customer call: Acme"))
            #expect(titles.count == 12)
        }
    }
}
