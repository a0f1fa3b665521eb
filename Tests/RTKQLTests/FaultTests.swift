import Foundation
#if canImport(Glibc)
import Glibc
#endif
import RTKQL
import RTKQLSandbox
import Testing

/// Faults from the sandbox's knobs: each ends retried and correct, or in a clear error with nothing partial.
@Suite struct FaultTests {
    let count = "SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(SandboxConfiguration.demoAccountID)' AND app_id = '\(SandboxConfiguration.demoAppIDs[0])'"

    func start(_ configure: (inout SandboxConfiguration) -> Void, engine: (inout EngineConfiguration) -> Void = { _ in })
        async throws -> (SandboxServer, Engine) {
        var configuration = SandboxConfiguration()
        configuration.recordingsPerApp = 500
        configure(&configuration)
        let server = try await SandboxServer.start(configuration)
        var engineConfiguration = EngineConfiguration(baseURL: server.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken))
        engineConfiguration.retry.initialBackoffSeconds = 0.01
        engine(&engineConfiguration)
        return (server, Engine(configuration: engineConfiguration))
    }

    /// `start`, then `body` with the sandbox and engine; the sandbox is stopped before this returns.
    func withStarted(_ configure: (inout SandboxConfiguration) -> Void, engine: (inout EngineConfiguration) -> Void = { _ in },
                     _ body: (SandboxServer, Engine) async throws -> Void) async throws {
        let (server, started) = try await start(configure, engine: engine)
        do {
            try await body(server, started)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }

    @Test func fiveHundredsAreRetriedAndTheResultIsComplete() async throws {
        try await withStarted({ $0.failRate = 0.3 }, engine: { $0.retry.maximumRetries = 8 }) { server, engine in
            let result = try await engine.query(count)
            #expect(result.rows == [[.integer(500), .integer(500)]])
            let log = await server.requests()
            #expect(log.contains { $0.status >= 500 }, "the fail rate injected no failure")
            #expect(log.filter { $0.status == 200 }.count == 5)
        }
    }

    @Test func aPageThatFailsForGoodFailsTheQueryNamingIt() async throws {
        try await withStarted({ $0.failRate = 1.0 }, engine: { $0.retry.maximumRetries = 2 }) { server, engine in
            let error = await #expect(throws: RTKQLError.self) { try await engine.query(count) }
            #expect(error?.httpStatus.map { $0 >= 500 } == true)
            #expect(error?.description.contains("injected failure (sandbox fail rate)") == true)
            #expect(error?.description.contains("/recordings?page_no=1&per_page=100") == true)
            #expect(await server.requests().count == 3)
        }
    }

    @Test func allowPartialKeepsTheRowsFetchedAndWarns() async throws {
        // Page 1 answers, later pages hit the rate limit with no retries left.
        try await withStarted({ $0.rateLimit = SandboxRateLimit(requests: 1, windowSeconds: 60) }, engine: {
            $0.retry.maximumRetries = 0
            $0.allowPartial = true
            $0.concurrency = 1
        }) { server, engine in
            let result = try await engine.query(count)
            #expect(result.rows == [[.integer(100), .integer(100)]])
            #expect(result.warnings.count == 1)
            #expect(result.warnings.first?.hasPrefix("the result is partial (--allow-partial): the listing stopped at a failed page after 100 rows: API error: HTTP 429") == true)
        }
    }

    @Test func allowPartialStillFailsWhenAFirstPageFails() async throws {
        // One page per app, and the second app's first page is refused: not a partial listing but a failed one.
        try await withStarted({
            $0.recordingsPerApp = 50
            $0.rateLimit = SandboxRateLimit(requests: 1, windowSeconds: 60)
        }, engine: {
            $0.retry.maximumRetries = 0
            $0.allowPartial = true
            $0.concurrency = 1
        }) { server, engine in
            let apps = SandboxConfiguration.demoAppIDs.map { "'\($0)'" }.joined(separator: ", ")
            let error = await #expect(throws: RTKQLError.self) {
                try await engine.query("SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(SandboxConfiguration.demoAccountID)' AND app_id IN (\(apps))")
            }
            #expect(error?.description.hasPrefix("API error: HTTP 429") == true, "\(String(describing: error))")
        }
    }

    @Test func withoutAllowPartialAFailedPageFailsTheQuery() async throws {
        try await withStarted({ $0.rateLimit = SandboxRateLimit(requests: 1, windowSeconds: 60) }, engine: {
            $0.retry.maximumRetries = 0
        }) { server, engine in
            let error = await #expect(throws: RTKQLError.self) { try await engine.query(count) }
            #expect(error?.httpStatus == 429)
        }
    }

    @Test func rateLimitAnswersAreWaitedOutHonouringRetryAfter() async throws {
        try await withStarted({ $0.rateLimit = SandboxRateLimit(requests: 2, windowSeconds: 2) }, engine: {
            $0.retry.maximumRetries = 5
        }) { server, engine in
            let started = Date()
            let result = try await engine.query(count)
            #expect(result.rows == [[.integer(500), .integer(500)]])
            let log = await server.requests()
            #expect(log.contains { $0.status == 429 })
            #expect(log.filter { $0.status == 200 }.count == 5)
            #expect(Date().timeIntervalSince(started) >= 1, "Retry-After was not honoured")
        }
    }

    @Test func aSlowServerTimesOutWithAClearError() async throws {
        try await withStarted({ $0.latencyMs = 3_000 }, engine: {
            $0.transport.totalTimeoutMilliseconds = 300
            $0.retry.maximumRetries = 1
        }) { server, engine in
            let error = await #expect(throws: RTKQLError.self) { try await engine.query(count) }
            guard case .transport(let failure)? = error else { Issue.record("not a transport error: \(String(describing: error))"); return }
            #expect(failure.kind == .timedOut)
            #expect(failure.request.hasPrefix("GET \(server.baseURL)/accounts/"))
        }
    }

    @Test func aPostIsNeverRetried() async throws {
        try await withStarted({ $0.failRate = 1.0 }, engine: { $0.retry.maximumRetries = 5 }) { server, engine in
            let error = await #expect(throws: RTKQLError.self) {
                try await engine.query("EXEC cloudflare.realtime_kit.recordings.start @account_id='\(SandboxConfiguration.demoAccountID)', @app_id='\(SandboxConfiguration.demoAppIDs[0])', @meeting_id='m'")
            }
            #expect(error?.httpStatus.map { $0 >= 500 } == true)
            #expect(await server.requests().map(\.method) == ["POST"])
        }
    }

    @Test func spoiledAnswersAreClearErrorsNamingTheRequestNeverEmptySuccesses() async throws {
        try await withStarted({ $0.malformedRate = 1.0; $0.seed = 7 }, engine: { $0.retry.maximumRetries = 0 }) { server, engine in
            var messages: Set<String> = []
            for _ in 0..<8 {
                let error = await #expect(throws: RTKQLError.self) { try await engine.query(count) }
                guard case .malformedResponse(let request, let message)? = error else {
                    Issue.record("not a malformed-response error: \(String(describing: error))")
                    continue
                }
                #expect(request.hasPrefix("GET \(server.baseURL)/accounts/"))
                messages.insert(message.hasPrefix("malformed JSON (") ? "truncated" : message.hasPrefix("expected JSON, got text/html") ? "html" : message)
            }
            #expect(messages == ["truncated", "html"])
        }
    }

    @Test func aServerThatStopsMidListingIsAnErrorWithNothingPartial() async throws {
        // On a loopback address of its own, so that no other test's sandbox can take the freed port; no
        // retries, one page at a time.
        let (server, engine) = try await start({
            $0.latencyMs = 300
            $0.host = "127.0.0.2"
        }) {
            $0.retry.maximumRetries = 0
            $0.concurrency = 1
        }
        let query = Task { try await engine.query(count) }
        // Stop once page 1 is answered: the page being served then is finished (a graceful stop), and
        // the next finds nothing listening.
        for _ in 0..<500 where await server.requests().isEmpty {
            try await Task.sleep(for: .milliseconds(10))
        }
        await server.stop()
        let result = await query.result
        guard case .failure(let error as RTKQLError) = result else {
            Issue.record("expected an error, got \(result)")
            return
        }
        guard case .transport(let failure) = error else { Issue.record("not a transport error: \(error)"); return }
        #expect(failure.kind == .couldNotConnect)
        #expect(await server.requests().count < 5)
    }

    @Test func aServerThatDoesNotListenIsAConnectionError() async throws {
        // A port bound but not listening refuses connections, and stays ours while bound: a stopped
        // server's port could be taken by a sandbox another test starts meanwhile.
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        var configuration = EngineConfiguration(baseURL: "http://127.0.0.1:\(port)/client/v4",
                                                credentials: .bearer(token: SandboxConfiguration.demoToken))
        configuration.retry.initialBackoffSeconds = 0.01
        configuration.retry.maximumRetries = 1
        let engine = Engine(configuration: configuration)
        let error = await #expect(throws: RTKQLError.self) { try await engine.query(count) }
        guard case .transport(let failure)? = error else { Issue.record("not a transport error"); return }
        #expect(failure.kind == .couldNotConnect)
    }
}
