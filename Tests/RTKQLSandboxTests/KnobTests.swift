import Testing
@testable import RTKQLSandbox

/// Latency, injected failures and the rate limit.
@Suite struct KnobTests {
    @Test func failRateOneAlwaysFails() async throws {
        try await withSandbox({ $0.failRate = 1.0 }) { _, client in
            for _ in 0..<10 {
                let result = try await client.list()
                #expect([500, 502, 503].contains(result.status))
                #expect(result.json["success"] == .bool(false))
                #expect(result.json["error"]?["code"]?.integerValue == Int64(result.status))
            }
        }
    }

    @Test func failuresAreDeterministic() async throws {
        func statuses() async throws -> [Int] {
            try await withSandbox({ $0.failRate = 0.5; $0.seed = 3 }) { _, client in
                var codes: [Int] = []
                for _ in 0..<20 { codes.append(try await client.list("per_page=1").status) }
                return codes
            }
        }
        let first = try await statuses()
        #expect(first == (try await statuses()))
        #expect(first.contains(200))
        #expect(first.contains { $0 >= 500 })
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        try await withSandbox({ $0.rateLimit = SandboxRateLimit(requests: 3, windowSeconds: 30) }) { server, client in
            for _ in 0..<3 {
                let ok = try await client.list("per_page=1")
                #expect(ok.status == 200)
                #expect(ok.headers["ratelimit-policy"] == "\"default\";q=3;w=30")
            }
            let limited = try await client.list("per_page=1")
            #expect(limited.status == 429)
            let retryAfter = try #require(limited.headers["retry-after"].flatMap { Int($0) })
            #expect(retryAfter >= 1 && retryAfter <= 30)
            #expect(limited.json["success"] == .bool(false))
            #expect(limited.json["errors"]?[0]?["code"]?.integerValue == 971)
            #expect(await server.requests().last?.status == 429)
        }
    }

    @Test func rateLimitWindowSlides() async throws {
        // A 10-second window, so a machine loaded by the whole suite still sends the three requests inside one
        // window; then waiting as long as Retry-After says frees a slot.
        try await withSandbox({ $0.rateLimit = SandboxRateLimit(requests: 2, windowSeconds: 10) }) { _, client in
            #expect(try await client.list("per_page=1").status == 200)
            #expect(try await client.list("per_page=1").status == 200)
            let limited = try await client.list("per_page=1")
            #expect(limited.status == 429)
            let wait = try #require(limited.headers["retry-after"].flatMap { Int($0) })
            try await Task.sleep(for: .milliseconds(wait * 1000 + 100))
            #expect(try await client.list("per_page=1").status == 200)
        }
    }

    @Test func latencyAddsDelay() async throws {
        try await withSandbox({ $0.latencyMs = 150; $0.jitterMs = 50 }) { _, client in
            let clock = ContinuousClock()
            let started = clock.now
            _ = try await client.list("per_page=1")
            #expect(clock.now - started >= .milliseconds(150))
        }
    }

    @Test func rateLimitParsing() {
        #expect(SandboxRateLimit(parsing: "100/10") == SandboxRateLimit(requests: 100, windowSeconds: 10))
        #expect(SandboxRateLimit(parsing: "100") == nil)
        #expect(SandboxRateLimit(parsing: "0/10") == nil)
        #expect(SandboxRateLimit(parsing: "a/b") == nil)
    }
}
