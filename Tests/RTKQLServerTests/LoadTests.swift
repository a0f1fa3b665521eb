import Foundation
import Testing

/// 50 concurrent connections over the sandbox, each with its own session: every answer is the one a lone
/// connection gets, no setting crosses between sessions, and the run ends in bounded time. Prints
/// throughput and latency percentiles (docs/performance.md records them).
@Suite struct LoadTests {
    static let connections = 50
    static let queriesPerConnection = 8
    static let statuses = ["INVOKED", "RECORDING", "UPLOADING", "UPLOADED", "PAUSED", "ERRORED"]

    @Test(.timeLimit(.minutes(2))) func fiftyConcurrentConnections() async throws {
        try await ServerFixture.with { fixture in
            let expected = try await Self.expectedCounts(fixture)
            let started = ContinuousClock.now
            let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
                for index in 0..<Self.connections {
                    group.addTask { try await Self.clientRun(index: index, fixture: fixture, expected: expected) }
                }
                return try await group.reduce(into: [Duration]()) { $0 += $1 }
            }
            let elapsed = ContinuousClock.now - started
            #expect(latencies.count == Self.connections * Self.queriesPerConnection)
            let sorted = latencies.sorted()
            func percentile(_ p: Double) -> Double { Self.milliseconds(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) }
            let seconds = Self.milliseconds(elapsed) / 1000
            print(String(format: "server load: %d connections x %d queries in %.2f s: %.0f queries/s, p50 %.1f ms, p99 %.1f ms",
                         Self.connections, Self.queriesPerConnection, seconds, Double(latencies.count) / seconds,
                         percentile(0.50), percentile(0.99)))
        }
    }

    /// Each status's count, from one connection.
    private static func expectedCounts(_ fixture: ServerFixture) async throws -> [String: String] {
        let client = try await WireClient.connected(port: fixture.port)
        let rows = try await client.query("""
            SELECT status, count(*) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) GROUP BY status
            """).rows
        await client.close()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0]!, $0[1]!) })
    }

    /// One client: sets its own application_name, runs its queries checking each answer, then checks that
    /// its setting is still its own.
    private static func clientRun(index: Int, fixture: ServerFixture, expected: [String: String]) async throws -> [Duration] {
        let client = try await WireClient.connected(port: fixture.port)
        _ = try await client.query("SET application_name = 'client-\(index)'")
        var latencies: [Duration] = []
        for query in 0..<queriesPerConnection {
            let status = statuses[(index + query) % statuses.count]
            let started = ContinuousClock.now
            let messages = try await client.query("""
                SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND status = '\(status)'
                """)
            latencies.append(ContinuousClock.now - started)
            #expect(messages.error == nil)
            #expect(messages.rows == [[expected[status] ?? "0"]], "client \(index), status \(status)")
        }
        #expect(try await client.query("SHOW application_name").rows == [["client-\(index)"]])
        await client.close()
        return latencies
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
