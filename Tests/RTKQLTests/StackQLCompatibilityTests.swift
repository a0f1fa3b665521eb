import Foundation
import Testing

/// StackQL's flags, statements and outputs, run through the command line.
@Suite struct StackQLCompatibilityTests {
    let scope = "account_id = '{{ account_id }}' AND app_id = '{{ app_id }}'"

    @Test func infileIqldataAndOutputAliases() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-stackql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let query = directory.appendingPathComponent("query.iql")
        try Data("""
            -- a StackQL-style query file
            SELECT status, COUNT(*) AS n FROM cloudflare.realtime_kit.recordings
            WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' AND status = '{{ wanted }}' -- the status
            GROUP BY status;
            """.utf8).write(to: query)
        let context = directory.appendingPathComponent("context.yaml")
        try Data("wanted: ERRORED\nunused:\n  nested: [1, 2]\n".utf8).write(to: context)
        let outcome = try await CLI.run(["exec", "--sandbox", "-i", query.path, "--iqldata", context.path, "--output", "csv", "-H", "-d", ";"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "ERRORED;30\r\n")
        let json = directory.appendingPathComponent("context.json")
        try Data(#"{"wanted": "PAUSED"}"#.utf8).write(to: json)
        let second = try await CLI.run(["exec", "--sandbox", "--infile", query.path, "-q", json.path, "-o", "text", "--hideheaders"])
        #expect(second.stdout == "PAUSED  2\n")
    }

    @Test func outfileAppearsOnlyOnSuccess() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-out-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let ok = try await CLI.run(["exec", "--sandbox", "--outfile", file.path, "-o", "json", "SHOW PROVIDERS"])
        #expect(ok.status == 0)
        #expect(ok.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == "[\n  {\"name\": \"cloudflare\", \"version\": \"v00.00.00000\"}\n]\n")
        try FileManager.default.removeItem(at: file)
        let failed = try await CLI.run(["exec", "--sandbox", "--outfile", file.path, "SHOW PROVIDERS; SELECT nope FROM cloudflare.realtime_kit.recordings WHERE \(scope)"])
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(failed.stderr.contains("was not written because a statement failed"))
    }

    @Test func pageLimitWarnsWhatWasLeftOut() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "--http.response.pageLimit", "1", "-o", "csv",
                                   "SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE \(scope)"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "count(*)\r\n100\r\n")
        #expect(outcome.stderr == "warning: stopped after 1 page(s) of 3 (--http.response.pageLimit): 140 of 240 rows were left out\n")
    }

    @Test func httpLogDryrunAndConcurrencyAliases() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "--http.log.enabled", "--execution.concurrency.limit", "2", "--apirequesttimeout", "30",
                                   "-o", "csv", "SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE \(scope)"])
        #expect(outcome.status == 0)
        let lines = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("http: GET http://127.0.0.1:") }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains(" → 200 (") })
        let dry = try await CLI.run(["exec", "--sandbox", "--dryrun", "-o", "csv", "-H",
                               "EXEC cloudflare.realtime_kit.recordings.get_active_recording @account_id='a' @app_id='b' @meeting_id='m'"])
        #expect(dry.stdout.contains(",GET,http://127.0.0.1:"))
        #expect(dry.stdout.contains("/accounts/a/realtime/kit/b/recordings/active-recording/m,"))
        #expect(dry.stderr == "dry run: 1 request listed, none sent\n")
    }

    @Test func authJSONReadsTheNamedVariable() async throws {
        let server = try await CLI.run(["exec", "--auth", #"{"cloudflare": {"type": "bearer", "credentialsenvvar": "MY_TOKEN"}}"#,
                                  "SHOW PROVIDERS"], environment: [:])
        #expect(server.status == 2)
        #expect(server.stderr.contains("--auth: the environment variable MY_TOKEN is not set"))
        let malformed = try await CLI.run(["exec", "--auth", "{nope", "SHOW PROVIDERS"])
        #expect(malformed.status == 2)
    }

    @Test func registryListAndUse() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "-o", "csv",
                                   "REGISTRY LIST; USE cloudflare; SELECT count(*) FROM realtime_kit.recordings WHERE \(scope)"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "provider,version\r\ncloudflare,v00.00.00000\r\ncount(*)\r\n240\r\n")
        #expect(outcome.stderr.contains("providers are built into rtkql: nothing needs pulling"))
    }

    @Test func doubleDashInsideAStringIsNotAComment() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "-o", "csv", "-H", "SELECT 'a--b' AS x, count(*) FROM cloudflare.realtime_kit.recordings WHERE \(scope) -- real comment"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "a--b,240\r\n")
    }
}
